import type { EngineDirectory } from '../engines/directory';
import type { EngineSession } from '../live/types';
import type { RegistryBook } from '../registry/book';
import type { SecretStore } from '../secrets/secret-store';
import type { HostRegistry } from '../ssh/registry';

/** What every procedure can reach. Transports build one per app, not per connection. */
export interface ApiContext {
  /** The session of a host's engine ("host", or "host:engine" for one picked among several); throws ApiError NOT_FOUND for an unknown host. */
  engine(host: string): EngineSession;
  /** The saved SSH hosts; absent where remote hosts are not offered. */
  hosts?: HostRegistry;
  /** Secrets the user asked Berth to remember (see main/secrets/secret-store.ts); absent in tests that need none. */
  secrets?: SecretStore;
  /** The saved container registries and their logins; absent where the registry browser is not offered. */
  registries?: RegistryBook;
  /** Every engine of every host, for the engine picker; absent in contexts built by hand. */
  engines?: EngineDirectory;
  /** Where docker contexts and podman connections are looked up for import. */
  homeDir?: string;
}
