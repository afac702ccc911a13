// The stats scanner reads the engine's JSON bytes without JSON.parse: it must
// find the same figures JSON.parse would, whatever the layout, key order,
// unknown fields or string contents, and refuse what is not JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanStats, type StatsFigures } from '../../../main/stats/scan';

type Json = Record<string, unknown>;
const recorded = (file: string): Json[] => JSON.parse(readFileSync(join(__dirname, 'fixtures', file), 'utf8')) as Json[];
const readings = [...recorded('docker-20.10-stream.json'), ...recorded('podman-4.3-stream.json')];

const o = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const n = (v: unknown, absent = 0): number => (typeof v === 'number' ? v : absent);
const time = (v: unknown): number => {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
};

/** What the figures mean, read from JSON.parse's objects: the oracle the scanner is held to. */
function reference(reading: Json): StatsFigures {
  const cpu = o(reading['cpu_stats']);
  const pre = o(reading['precpu_stats']);
  const memory = o(reading['memory_stats']);
  const memoryStats = o(memory['stats']);
  const networks = Object.values(o(reading['networks'])).map(o);
  const blk = o(reading['blkio_stats'])['io_service_bytes_recursive'];
  const entries = (Array.isArray(blk) ? blk : []).map(o);
  const sumOp = (op: string) => entries.filter((e) => typeof e['op'] === 'string' && e['op'].toLowerCase() === op).reduce((sum, e) => sum + n(e['value']), 0);
  const percpu = o(cpu['cpu_usage'])['percpu_usage'];
  return {
    read: time(reading['read']),
    preread: time(reading['preread']),
    cpuTotal: n(o(cpu['cpu_usage'])['total_usage']),
    systemCpu: n(cpu['system_cpu_usage']),
    onlineCpus: n(cpu['online_cpus']),
    percpuCount: Array.isArray(percpu) ? percpu.length : 0,
    podmanCpu: n(cpu['cpu'], NaN),
    preCpuTotal: n(o(pre['cpu_usage'])['total_usage']),
    preSystemCpu: n(pre['system_cpu_usage']),
    memUsage: n(memory['usage']),
    memLimit: n(memory['limit']),
    inactiveFileV1: n(memoryStats['total_inactive_file'], NaN),
    inactiveFileV2: n(memoryStats['inactive_file']),
    netRx: networks.reduce((sum, x) => sum + n(x['rx_bytes']), 0),
    netTx: networks.reduce((sum, x) => sum + n(x['tx_bytes']), 0),
    blkRead: sumOp('read'),
    blkWrite: sumOp('write'),
    pids: n(o(reading['pids_stats'])['current']),
    pidsLimit: n(o(reading['pids_stats'])['limit']),
  };
}

const scan = (text: string) => scanStats(Buffer.from(text));

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const awkwardStrings = ['', 'plain', 'quote " inside', 'back\\slash', '} ], { [ : ,', 'wéb 🐳 容器', '\u0000\u001f control', '\\"escaped\\"'];

function anyValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 5 : 7));
  if (pick === 0) return null;
  if (pick === 1) return next() < 0.5;
  if (pick === 2) return awkwardStrings[Math.floor(next() * awkwardStrings.length)];
  if (pick === 3) return [0, -1, 1.5, 2.5e-7, -3e21, 2 ** 64 - 1, 2 ** 57 + 3][Math.floor(next() * 7)];
  if (pick === 4) return Math.floor(next() * 1e12);
  if (pick === 5) return Array.from({ length: Math.floor(next() * 4) }, () => anyValue(next, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, (_, k) => [`${awkwardStrings[k % awkwardStrings.length]}${k}`, anyValue(next, depth + 1)]));
}

/** The reading with its keys shuffled at every level and unknown fields of any JSON shape added. */
function scramble(value: unknown, next: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => scramble(v, next));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, scramble(v, next)] as [string, unknown]);
  if (next() < 0.5) entries.push([`x-unknown-${Math.floor(next() * 1000)}`, anyValue(next, 0)]);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries);
}

describe('scanStats', () => {
  it("finds in recorded Docker and Podman readings what JSON.parse finds, byte for byte as the engines sent them", () => {
    for (const reading of readings) expect(scan(JSON.stringify(reading))).toEqual(reference(reading));
  });

  it('reads the figures Berth shows from a Docker reading (CPU, memory, network, pids)', () => {
    const figures = scan(JSON.stringify(recorded('docker-20.10-stream.json')[1]))!;
    expect(figures).toMatchObject({ cpuTotal: 1595841412, systemCpu: 4661190000000, onlineCpus: 2, percpuCount: 2, memUsage: 21450752, memLimit: 64 * 1024 * 1024, netRx: 736, pids: 1, pidsLimit: 50 });
    expect(figures.read).toBe(Date.parse('2026-11-29T15:56:46.620Z'));
    expect(figures.podmanCpu).toBeNaN();
  });

  it('finds the same figures whatever the key order, layout and unknown fields (300 scrambled readings)', () => {
    const next = random(20261129);
    for (let round = 0; round < 300; round++) {
      const reading = readings[round % readings.length]!;
      const scrambled = scramble(reading, next) as Json;
      const text = JSON.stringify(scrambled, null, round % 3 === 0 ? 2 : undefined);
      expect(scan(text), text).toEqual(reference(scrambled));
    }
  });

  it('sums every network and block device, and reads numbers in any JSON form', () => {
    const figures = scan(
      '{"networks":{"eth0":{"rx_bytes":1e3,"tx_bytes":2},"eth1":{"rx_bytes":0.5e1,"tx_bytes":3}},' +
        '"blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":10},{"value":5,"op":"read"},{"op":"Write","value":7},{"op":"Total","value":22}]},' +
        '"pids_stats":{"current":3,"limit":18446744073709551615},"cpu_stats":{"cpu":-0.0}}',
    )!;
    // Docker on cgroup v1 writes the largest uint64 for "no pids limit": more digits than a double keeps exactly.
    expect(figures).toMatchObject({ netRx: 1005, netTx: 5, blkRead: 15, blkWrite: 7, pids: 3, pidsLimit: Number('18446744073709551615') });
    expect(Object.is(figures.podmanCpu, -0)).toBe(true);
  });

  it('reads the engine zero time and absent fields as no reading', () => {
    expect(scan('{"read":"0001-01-01T00:00:00Z"}')).toMatchObject({ read: 0, preread: 0, memUsage: 0 });
    expect(scan('{}')!.inactiveFileV1).toBeNaN();
  });

  it('refuses what is not one JSON object', () => {
    for (const bad of ['', ' ', '[1]', '"x"', '{', '{"read":}', '{"a":1,}', '{"a" 1}', '{"a":1}}', '{"a":1} x', '{"a":"open}', '{"a":nul}', '{"a":-}', '{"a":1.2.3}', `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`])
      expect(scan(bad), bad).toBeNull();
  });

  it('reads a line within a larger buffer, from start to stop', () => {
    const buffer = Buffer.from('xx{"pids_stats":{"current":4}}yy');
    expect(scanStats(buffer, 2, buffer.length - 2)!.pids).toBe(4);
  });
});
