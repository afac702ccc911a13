import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineSplitter, parseEngineEvent, readEvents, type EngineEvent } from '../../../main/engines/events';

const fixture = (engine: string) => readFileSync(join(import.meta.dirname, 'fixtures', engine, 'events.ndjson'));

async function collect(chunks: (Buffer | string)[]): Promise<EngineEvent[]> {
  async function* source() {
    for (const c of chunks) yield c;
  }
  const out: EngineEvent[] = [];
  for await (const e of readEvents(source())) out.push(e);
  return out;
}

/** Cuts a buffer into pieces of the given size, even mid-line or mid-character. */
const pieces = (buf: Buffer, size: number) => Array.from({ length: Math.ceil(buf.length / size) }, (_, k) => buf.subarray(k * size, (k + 1) * size));

describe('engine events', () => {
  it('reads a recorded Docker 20.10 stream, whatever the chunking', async () => {
    const raw = fixture('docker-20.10');
    const whole = await collect([raw]);
    expect(whole).toHaveLength(33);
    for (const size of [1, 7, 100, 4096]) expect(await collect(pieces(raw, size))).toEqual(whole);
    expect(whole[0]).toEqual({ type: 'image', action: 'tag', id: 'sha256:466a79f62901095be18770e07c523b632ece3aed9f2249419dbf37a5efbf0947', timeNano: JSON.parse('1795965881894099677') as number });
    // "exec_create: ls /" carries the command; the action is what matters.
    expect(whole.filter((e) => e.action.startsWith('exec')).map((e) => e.action)).toEqual(['exec_create', 'exec_start', 'exec_die']);
    expect(whole.filter((e) => e.type === 'container').map((e) => e.action)).toContain('destroy');
  });

  it('reads a recorded Podman 4.3 stream; its "remove" is a destroy and its image ids get the sha256: prefix', async () => {
    const events = await collect(pieces(fixture('podman-4.3'), 13));
    expect(events).toHaveLength(31);
    const made = events.filter((e) => e.type === 'container' && e.id.startsWith('f5fe982b'));
    expect(made.map((e) => e.action)).toEqual(['create', 'destroy']);
    expect(events.filter((e) => e.type === 'image').every((e) => e.id === '' || e.id.startsWith('sha256:'))).toBe(true);
    expect(events.map((e) => e.action)).toContain('cleanup');
  });

  it('keeps a multi-byte character split across chunks intact', () => {
    const line = Buffer.from(`${JSON.stringify({ Type: 'container', Action: 'rename', Actor: { ID: 'c1', Attributes: { name: 'café-☕' } } })}\n`);
    const splitter = new LineSplitter();
    const at = line.indexOf(Buffer.from('☕')) + 1;
    expect(splitter.push(line.subarray(0, at))).toEqual([]);
    const [text] = splitter.push(line.subarray(at));
    expect(JSON.parse(text!).Actor.Attributes.name).toBe('café-☕');
  });

  it('skips lines that are not events it knows, and a last line without newline still counts', async () => {
    const events = await collect([
      '{"Type":"network","Action":"connect","Actor":{"ID":"n1"}}\n',
      'garbage\n\n',
      '{"Type":"container","Action":"start","Actor":{"ID":"c1"},"time":17}',
    ]);
    expect(events).toEqual([{ type: 'container', action: 'start', id: 'c1', timeNano: 17e9 }]);
  });

  it('reads the legacy shape without Type and Actor', () => {
    expect(parseEngineEvent({ status: 'die', id: 'c2', from: 'base:1', time: 1 })).toEqual({ type: 'container', action: 'die', id: 'c2', timeNano: 1e9 });
    expect(parseEngineEvent({ Type: 'container' })).toBeNull();
  });
});
