import type { EngineSession } from '../live/types';
import type { ApiContext } from './context';
import { ApiError } from './procedure';

export function contextFromSessions(sessions: ReadonlyMap<string, EngineSession>, extra: Pick<ApiContext, 'hosts' | 'homeDir' | 'secrets' | 'registries'> = {}): ApiContext {
  return {
    ...extra,
    engine(host) {
      const session = sessions.get(host);
      if (!session) throw new ApiError('NOT_FOUND', `No host named "${host}". Known hosts: ${[...sessions.keys()].join(', ') || 'none'}.`);
      return session;
    },
  };
}
