// The figures Berth uses from one line of the engine's stats JSON, read
// straight from its bytes. A Docker reading is about 2 kB with a hundred keys,
// most of them cgroup counters nobody shows; decoding it to a string and
// JSON.parse-ing it into objects was most of the per-sample cost with hundreds
// of containers. This reads the bytes once, keeps a couple of dozen numbers
// and allocates nothing else. It reads all of JSON (escapes, nesting, any
// number form), so fields in another order or unknown ones do no harm; a line
// that is not JSON gives null. Keys written with escapes are not recognised
// (no engine writes them), so such a field reads as absent. No I/O.

/** A reading's figures. Absent numbers read 0, but for those said to be NaN. */
export interface StatsFigures {
  /** When the engine read it, unix ms; 0 for the engine's zero time (no reading). */
  read: number;
  /** When the engine read its precpu figures; 0 when it has none. */
  preread: number;
  cpuTotal: number;
  systemCpu: number;
  onlineCpus: number;
  /** Entries of cpu_usage.percpu_usage: the CPU count when online_cpus is left out. */
  percpuCount: number;
  /** Podman's own CPU figure (cpu_stats.cpu); NaN from Docker. */
  podmanCpu: number;
  preCpuTotal: number;
  preSystemCpu: number;
  memUsage: number;
  memLimit: number;
  /** memory_stats.stats.total_inactive_file (cgroup v1); NaN when absent. */
  inactiveFileV1: number;
  /** memory_stats.stats.inactive_file (cgroup v2, and v1's own-cgroup figure). */
  inactiveFileV2: number;
  /** Summed over the container's networks. */
  netRx: number;
  netTx: number;
  /** Summed over devices, from io_service_bytes_recursive. */
  blkRead: number;
  blkWrite: number;
  pids: number;
  pidsLimit: number;
}

/** Where a value sits: what its keys mean. */
const enum Scope {
  Skip,
  Root,
  Cpu,
  PreCpu,
  CpuUsage,
  PreCpuUsage,
  PerCpu,
  Memory,
  MemoryStats,
  Networks,
  Network,
  Blkio,
  BlkList,
  BlkEntry,
  Pids,
}

/** What a recognised key's value goes into. */
const enum Slot {
  None,
  Read,
  Preread,
  CpuTotal,
  SystemCpu,
  OnlineCpus,
  PodmanCpu,
  PreCpuTotal,
  PreSystemCpu,
  MemUsage,
  MemLimit,
  InactiveFileV1,
  InactiveFileV2,
  NetRx,
  NetTx,
  BlkOp,
  BlkValue,
  Pids,
  PidsLimit,
}

interface Key {
  name: Uint8Array;
  scope: Scope;
  slot: Slot;
}

const key = (name: string, scope: Scope, slot = Slot.None): Key => ({ name: Buffer.from(name, 'latin1'), scope, slot });

/** The keys Berth reads in each scope; every other key's value is skipped. */
const KEYS: Partial<Record<Scope, Key[]>> = {
  [Scope.Root]: [
    key('read', Scope.Skip, Slot.Read),
    key('preread', Scope.Skip, Slot.Preread),
    key('cpu_stats', Scope.Cpu),
    key('precpu_stats', Scope.PreCpu),
    key('memory_stats', Scope.Memory),
    key('networks', Scope.Networks),
    key('blkio_stats', Scope.Blkio),
    key('pids_stats', Scope.Pids),
  ],
  [Scope.Cpu]: [key('cpu_usage', Scope.CpuUsage), key('system_cpu_usage', Scope.Skip, Slot.SystemCpu), key('online_cpus', Scope.Skip, Slot.OnlineCpus), key('cpu', Scope.Skip, Slot.PodmanCpu)],
  [Scope.PreCpu]: [key('cpu_usage', Scope.PreCpuUsage), key('system_cpu_usage', Scope.Skip, Slot.PreSystemCpu)],
  [Scope.CpuUsage]: [key('total_usage', Scope.Skip, Slot.CpuTotal), key('percpu_usage', Scope.PerCpu)],
  [Scope.PreCpuUsage]: [key('total_usage', Scope.Skip, Slot.PreCpuTotal)],
  [Scope.Memory]: [key('usage', Scope.Skip, Slot.MemUsage), key('limit', Scope.Skip, Slot.MemLimit), key('stats', Scope.MemoryStats)],
  [Scope.MemoryStats]: [key('total_inactive_file', Scope.Skip, Slot.InactiveFileV1), key('inactive_file', Scope.Skip, Slot.InactiveFileV2)],
  [Scope.Network]: [key('rx_bytes', Scope.Skip, Slot.NetRx), key('tx_bytes', Scope.Skip, Slot.NetTx)],
  [Scope.Blkio]: [key('io_service_bytes_recursive', Scope.BlkList)],
  [Scope.BlkEntry]: [key('op', Scope.Skip, Slot.BlkOp), key('value', Scope.Skip, Slot.BlkValue)],
  [Scope.Pids]: [key('current', Scope.Skip, Slot.Pids), key('limit', Scope.Skip, Slot.PidsLimit)],
};

/** Far deeper than any reading; deeper input is refused. */
const MAX_DEPTH = 64;

/** What the reader expects next. */
const enum Next {
  /** A key or the end of the object just opened. */
  KeyOrEnd,
  Key,
  Value,
  /** A value or the end of the array just opened. */
  ValueOrEnd,
  /** The colon after a key. */
  Colon,
  /** A comma or the end of the object or array around. */
  AfterValue,
  /** Nothing but whitespace: the reading has ended. */
  Done,
}

// The open objects and arrays: their scope, and whether each is an array.
const scopes = new Uint8Array(MAX_DEPTH + 1);
const arrays = new Uint8Array(MAX_DEPTH + 1);

/** The figures of one JSON reading in `line` (its bytes from `start` to `stop`); null when it is not a JSON object. */
export function scanStats(line: Buffer, start = 0, stop = line.length): StatsFigures | null {
  // One loop over the bytes with its state in locals: calls per value made it
  // as slow as JSON.parse.
  const b = line;
  const f = figures();
  let i = start;
  let depth = 0;
  let next = Next.Value;
  /** The scope and slot of the value about to be read. */
  let scope = Scope.Root;
  let slot = Slot.None;
  /** The block entry being read: its op (1 read, 2 write, 0 other) and value, in either order. */
  let entryOp = 0;
  let entryValue = 0;

  for (;;) {
    // Whitespace.
    while (i < stop) {
      const c = b[i]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    if (i >= stop) return next === Next.Done ? f : null;
    const c = b[i]!;
    switch (next) {
      case Next.KeyOrEnd:
        if (c === 0x7d) {
          i++;
          next = closed();
        } else next = Next.Key;
        continue;
      case Next.Key: {
        if (c !== 0x22) return null;
        const from = i + 1;
        i = stringEnd(b, from, stop);
        if (i < 0) return null;
        const within = scopes[depth]!;
        const found = lookup(KEYS[within as Scope], b, from, i - 1);
        // Every key of `networks` is an interface.
        scope = found ? found.scope : within === Scope.Networks ? Scope.Network : Scope.Skip;
        slot = found ? found.slot : Slot.None;
        next = Next.Colon;
        continue;
      }
      case Next.Colon:
        if (c !== 0x3a) return null;
        i++;
        next = Next.Value;
        continue;
      case Next.ValueOrEnd:
        if (c === 0x5d) {
          i++;
          next = closed();
        } else next = Next.Value;
        continue;
      case Next.Value: {
        if (depth > 0 && arrays[depth] === 1) {
          // An element: a block entry, a per-CPU figure counted, or skipped.
          const list = scopes[depth]!;
          if (list === Scope.PerCpu) f.percpuCount++;
          scope = list === Scope.BlkList ? Scope.BlkEntry : Scope.Skip;
          slot = Slot.None;
        }
        // The reading itself is an object.
        if (depth === 0 && c !== 0x7b) return null;
        if (c === 0x7b || c === 0x5b) {
          if (depth === MAX_DEPTH) return null;
          depth++;
          scopes[depth] = scope;
          arrays[depth] = c === 0x5b ? 1 : 0;
          if (scope === Scope.BlkEntry) entryOp = entryValue = 0;
          i++;
          next = c === 0x7b ? Next.KeyOrEnd : Next.ValueOrEnd;
          continue;
        }
        if (c === 0x22) {
          const from = i + 1;
          i = stringEnd(b, from, stop);
          if (i < 0) return null;
          if (slot === Slot.BlkOp) entryOp = sameLetters(b, from, i - 1, 'read') ? 1 : sameLetters(b, from, i - 1, 'write') ? 2 : 0;
          else if (slot === Slot.Read) f.read = time(b, from, i - 1);
          else if (slot === Slot.Preread) f.preread = time(b, from, i - 1);
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          // Plain digits are summed as they are read; signs, fractions, exponents and
          // more than 15 digits (beyond exact doubles) are left to Number().
          const from = i;
          let plain = c !== 0x2d;
          let n = 0;
          if (!plain) i++;
          while (i < stop) {
            const d = b[i]!;
            if (d >= 0x30 && d <= 0x39) n = n * 10 + (d - 0x30);
            else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) plain = false;
            else break;
            i++;
          }
          if (!plain || i - from > 15) {
            n = Number(b.toString('latin1', from, i));
            if (Number.isNaN(n) || i - from === (c === 0x2d ? 1 : 0)) return null;
          }
          if (slot !== Slot.None) {
            if (slot === Slot.BlkValue) entryValue = n;
            else assign(f, slot, n);
          }
        } else {
          const end = literalEnd(b, i, stop);
          if (end < 0) return null;
          i = end;
        }
        next = Next.AfterValue;
        continue;
      }
      case Next.AfterValue:
        if (c === 0x2c) {
          i++;
          next = arrays[depth] === 1 ? Next.Value : Next.Key;
          continue;
        }
        if (c !== (arrays[depth] === 1 ? 0x5d : 0x7d)) return null;
        i++;
        next = closed();
        continue;
      case Next.Done:
        return null;
    }
  }

  /** Leaves the object or array just closed: what may follow it (after the reading itself, only whitespace). */
  function closed(): Next {
    if (scopes[depth] === Scope.BlkEntry && arrays[depth] === 0) {
      if (entryOp === 1) f.blkRead += entryValue;
      else if (entryOp === 2) f.blkWrite += entryValue;
    }
    depth--;
    return depth === 0 ? Next.Done : Next.AfterValue;
  }
}

/** Where the string whose contents start at `from` ends, after its closing quote; -1 when it does not. */
function stringEnd(b: Buffer, from: number, stop: number): number {
  let i = from;
  while (i < stop) {
    const c = b[i]!;
    if (c === 0x22) return i + 1;
    i += c === 0x5c ? 2 : 1;
  }
  return -1;
}

const LITERALS = ['true', 'false', 'null'].map((word) => Buffer.from(word));

/** Where the literal at `at` (true, false, null) ends; -1 when there is none. */
function literalEnd(b: Buffer, at: number, stop: number): number {
  for (const word of LITERALS) {
    if (b[at] !== word[0] || at + word.length > stop) continue;
    for (let k = 1; k < word.length; k++) if (b[at + k] !== word[k]) return -1;
    return at + word.length;
  }
  return -1;
}

function lookup(keys: Key[] | undefined, b: Buffer, from: number, to: number): Key | null {
  if (!keys) return null;
  const length = to - from;
  for (const k of keys) {
    if (k.name.length !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = b[from + i] === k.name[i];
    if (same) return k;
  }
  return null;
}

function assign(f: StatsFigures, slot: Slot, n: number): void {
  switch (slot) {
    case Slot.CpuTotal:
      f.cpuTotal = n;
      break;
    case Slot.SystemCpu:
      f.systemCpu = n;
      break;
    case Slot.OnlineCpus:
      f.onlineCpus = n;
      break;
    case Slot.PodmanCpu:
      f.podmanCpu = n;
      break;
    case Slot.PreCpuTotal:
      f.preCpuTotal = n;
      break;
    case Slot.PreSystemCpu:
      f.preSystemCpu = n;
      break;
    case Slot.MemUsage:
      f.memUsage = n;
      break;
    case Slot.MemLimit:
      f.memLimit = n;
      break;
    case Slot.InactiveFileV1:
      f.inactiveFileV1 = n;
      break;
    case Slot.InactiveFileV2:
      f.inactiveFileV2 = n;
      break;
    case Slot.NetRx:
      f.netRx += n;
      break;
    case Slot.NetTx:
      f.netTx += n;
      break;
    case Slot.Pids:
      f.pids = n;
      break;
    case Slot.PidsLimit:
      f.pidsLimit = n;
      break;
  }
}

/** A reading time; Docker writes the zero time (year 1) for a reading it does not have. */
function time(b: Buffer, from: number, to: number): number {
  const ms = Date.parse(b.toString('latin1', from, to));
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** "Read" on cgroup v1, "read" on v2. */
function sameLetters(b: Buffer, from: number, to: number, word: string): boolean {
  if (to - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) if ((b[from + i]! | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

function figures(): StatsFigures {
  return {
    read: 0,
    preread: 0,
    cpuTotal: 0,
    systemCpu: 0,
    onlineCpus: 0,
    percpuCount: 0,
    podmanCpu: NaN,
    preCpuTotal: 0,
    preSystemCpu: 0,
    memUsage: 0,
    memLimit: 0,
    inactiveFileV1: NaN,
    inactiveFileV2: 0,
    netRx: 0,
    netTx: 0,
    blkRead: 0,
    blkWrite: 0,
    pids: 0,
    pidsLimit: 0,
  };
}
