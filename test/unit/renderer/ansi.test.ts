import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from '../../../renderer/src/lib/ansi';

describe('parseAnsi', () => {
  it('turns SGR colours into spans and resets', () => {
    const spans = parseAnsi('\x1b[1;31mERROR\x1b[0m plain \x1b[38;5;46mgreen\x1b[39m \x1b[48;2;1;2;3mbg');
    expect(spans.map((s) => [s.text, s.fg, s.bg, s.bold])).toEqual([
      ['ERROR', '#cd3131', null, true],
      [' plain ', null, null, false],
      ['green', 'rgb(0, 255, 0)', null, false],
      [' ', null, null, false],
      ['bg', null, 'rgb(1, 2, 3)', false],
    ]);
  });

  it('drops cursor moves and titles, and leaves plain text alone', () => {
    expect(parseAnsi('a\x1b[2Kb\x1b]0;title\x07c').map((s) => s.text).join('')).toBe('abc');
    expect(stripAnsi('\x1b[32mok\x1b[m done')).toBe('ok done');
    expect(parseAnsi('no escapes')).toEqual([{ text: 'no escapes', fg: null, bg: null, bold: false, dim: false, italic: false, underline: false }]);
  });
});
