import { describe, expect, it } from 'vitest';
import { Demuxer, LineSplitter } from '../../../main/containers/demux';

const frame = (type: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('Demuxer', () => {
  it('separates stdout and stderr frames split anywhere across chunks', () => {
    const all = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')]);
    for (let cut = 1; cut < all.length; cut++) {
      const d = new Demuxer();
      const frames = [...d.push(all.subarray(0, cut)), ...d.push(all.subarray(cut))];
      expect(frames.map((f) => [f.stream, f.data.toString()])).toEqual([
        ['stdout', 'out 1\n'],
        ['stderr', 'err 1\n'],
        ['stdout', 'out 2\n'],
      ]);
    }
  });
});

describe('LineSplitter', () => {
  it('keeps partial lines and split UTF-8 until the line ends, per stream', () => {
    const s = new LineSplitter(false);
    const euro = Buffer.from('€');
    expect(s.push({ stream: 'stdout', data: Buffer.concat([Buffer.from('a '), euro.subarray(0, 1)]) })).toEqual([]);
    expect(s.push({ stream: 'stderr', data: Buffer.from('oops\r\n') })).toEqual([{ stream: 'stderr', time: null, text: 'oops' }]);
    expect(s.push({ stream: 'stdout', data: Buffer.concat([euro.subarray(1), Buffer.from('\nb')]) })).toEqual([{ stream: 'stdout', time: null, text: 'a €' }]);
    expect(s.flush()).toEqual([{ stream: 'stdout', time: null, text: 'b' }]);
  });

  it('takes the engine timestamp off the front when asked for', () => {
    const s = new LineSplitter(true);
    expect(s.push({ stream: 'stdout', data: Buffer.from('2026-11-29T10:00:00.123456789Z hello world\n') })).toEqual([
      { stream: 'stdout', time: '2026-11-29T10:00:00.123456789Z', text: 'hello world' },
    ]);
  });
});
