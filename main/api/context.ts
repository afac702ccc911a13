import type { EngineSession } from '../live/types';

/** What every procedure can reach. Transports build one per app, not per connection. */
export interface ApiContext {
  /** The session of a host's engine; throws ApiError NOT_FOUND for an unknown host. */
  engine(host: string): EngineSession;
}
