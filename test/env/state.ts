// Where the environment keeps its state: a state root (default
// /tmp/berth-test-env, or $BERTH_TEST_ENV_DIR; per user when not root) with
// numbered slots. A run takes the first free slot under a lock file, so
// concurrent runs (several engineers, several checkouts) each get their own
// daemons, and a slot keeps the engines' data between runs (the fixture images
// are built once). A slot whose owner died is taken over and cleaned.
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, startTimeOf } from './sweep';

const uid = process.getuid?.() ?? 0;
export const STATE_ROOT = process.env.BERTH_TEST_ENV_DIR || (uid === 0 ? '/tmp/berth-test-env' : `/tmp/berth-test-env-${uid}`);
const MAX_SLOTS = 8;

export interface Slot {
  index: number;
  dir: string;
  /** Short, stable id of the slot (names of bridges, networks, cgroups). */
  id: string;
  /** True if the slot's previous owner did not release it (crashed). */
  stale: boolean;
  release(): void;
}

interface LockContent {
  pid: number;
  startTime: string;
}

const slotDir = (index: number) => join(STATE_ROOT, `slot-${index}`);
const lockPathOf = (index: number) => `${slotDir(index)}.lock`;
const inUsePathOf = (index: number) => join(slotDir(index), 'in-use');

function readLock(path: string): LockContent | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockContent;
  } catch {
    return undefined;
  }
}

function ownerAlive(lock: LockContent | undefined): boolean {
  return !!lock && isAlive(lock.pid) && startTimeOf(lock.pid) === lock.startTime;
}

/** Locks slot `index` for this process, taking it over if its owner died; undefined if a live run holds it. */
export function lockSlot(index: number): Slot | undefined {
  mkdirSync(STATE_ROOT, { recursive: true });
  const mine: LockContent = { pid: process.pid, startTime: startTimeOf(process.pid) ?? '' };
  const dir = slotDir(index);
  const lockPath = lockPathOf(index);
  const tmpPath = `${lockPath}.${process.pid}`;
  writeFileSync(tmpPath, JSON.stringify(mine));
  try {
    let stale = false;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(tmpPath, lockPath); // atomic: fails if the lock exists
      } catch {
        if (ownerAlive(readLock(lockPath))) return undefined;
        stale = true; // its owner is gone: take it over
        try {
          unlinkSync(lockPath);
        } catch {
          // someone else took it over first
        }
        continue;
      }
      if (readLock(lockPath)?.pid !== mine.pid) return undefined;
      mkdirSync(dir, { recursive: true });
      // A marker a clean stop removes: if it is there, the last run crashed.
      const inUse = inUsePathOf(index);
      stale ||= existsSync(inUse);
      writeFileSync(inUse, String(process.pid));
      return {
        index,
        dir,
        id: createHash('sha256').update(dir).digest('hex').slice(0, 8),
        stale,
        release() {
          try {
            unlinkSync(inUse);
          } catch {
            // already gone
          }
          if (readLock(lockPath)?.pid === mine.pid) unlinkSync(lockPath);
        },
      };
    }
    return undefined;
  } finally {
    try {
      unlinkSync(tmpPath);
    } catch {
      // already gone
    }
  }
}

/** Takes the first free slot; throws if all are held by live runs. */
export function acquireSlot(): Slot {
  for (let index = 0; index < MAX_SLOTS; index++) {
    const slot = lockSlot(index);
    if (slot) return slot;
  }
  throw new Error(`all ${MAX_SLOTS} test environment slots under ${STATE_ROOT} are in use by running test runs`);
}

/** Slots other than `except` that a crashed run left: lock of a dead owner, or in use without a lock. */
export function staleSlots(except: number): number[] {
  const stale: number[] = [];
  for (let index = 0; index < MAX_SLOTS; index++) {
    if (index === except) continue;
    const lock = lockPathOf(index);
    if (existsSync(lock) ? !ownerAlive(readLock(lock)) : existsSync(inUsePathOf(index))) stale.push(index);
  }
  return stale;
}
