import { EngineDirectory } from '../engines/directory';
import type { EngineSession } from '../live/types';
import type { ApiContext } from './context';

/** engine(address) reaches a host's default engine at "host" and its other engines at "host:engine" (the engine picker). */
export function contextFromSessions(sessions: ReadonlyMap<string, EngineSession>, extra: Pick<ApiContext, 'hosts' | 'homeDir' | 'secrets' | 'registries' | 'engines'> = {}): ApiContext {
  const engines = extra.engines ?? new EngineDirectory({ sessions, hosts: extra.hosts });
  return {
    ...extra,
    engines,
    engine: (address) => engines.session(address),
  };
}
