// Finding the local engine: resolve the places to try, then knock at each in
// order of preference until one answers. Every place tried is reported, so
// the user sees why Berth found nothing.
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import type { ProbeAttempt } from '../engines/types';
import type { Candidate } from './endpoint';
import { DEFAULT_PROBE_TIMEOUT_MS, probeCandidate } from './probe';
import { resolveLocalCandidates, type LocalPlaces, type Resolution } from './resolve';

export interface Discovery {
  /** The place that answered, or null. */
  found: Candidate | null;
  tried: ProbeAttempt[];
}

/** What the session calls on every (re)connect; a remote host brings its own. */
export type Discover = (signal: AbortSignal) => Promise<Discovery>;

export interface LocalDiscoveryOptions {
  resolve?: () => Promise<Resolution>;
  probe?: (candidate: Candidate, signal: AbortSignal) => Promise<ProbeAttempt>;
  probeTimeoutMs?: number;
}

export function localDiscovery(options: LocalDiscoveryOptions = {}): Discover {
  const resolve = options.resolve ?? (() => resolveLocalCandidates(systemPlaces()));
  const probe = options.probe ?? ((c: Candidate, signal: AbortSignal) => probeCandidate(c, options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, signal));
  return async (signal) => {
    const { candidates, problems } = await resolve();
    const tried = [...problems];
    for (const candidate of candidates) {
      if (signal.aborted) break;
      const result = await probe(candidate, signal);
      tried.push(result);
      if (result.outcome === 'ok') return { found: candidate, tried };
    }
    return { found: null, tried };
  };
}

/** This machine and process, as the resolver sees them. */
export function systemPlaces(env: Record<string, string | undefined> = process.env): LocalPlaces {
  return {
    platform: process.platform,
    homedir: os.homedir(),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    env,
    readText: async (path) => {
      try {
        return await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw err;
      }
    },
  };
}
