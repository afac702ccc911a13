// The engine sessions an app run starts with: the local engine, found the way
// the docker CLI finds it. Remote hosts join this map when they are added.
import { createEngineSession } from '../live/session';
import type { EngineSession } from '../live/types';
import { RegistryCredentials } from '../images/credentials';
import { RegistryBook } from '../registry/book';
import type { SecretStore } from '../secrets/secret-store';
import { HostRegistry } from '../ssh/registry';
import { systemSshEnvironment } from '../ssh/system';

export function openSessions(): Map<string, EngineSession> {
  return new Map([['local', createEngineSession()]]);
}

/** The saved SSH hosts of the data folder, joining the same sessions map. */
export async function openHosts(sessions: Map<string, EngineSession>, dataDir: string, secrets: SecretStore): Promise<HostRegistry> {
  const hosts = new HostRegistry({ dataDir, sessions, env: systemSshEnvironment(), secrets });
  await hosts.load();
  return hosts;
}

/** The saved container registries of the data folder; logins made in Berth go to `secrets` when no docker credential helper is set up. */
export async function openRegistries(dataDir: string, secrets: SecretStore): Promise<RegistryBook> {
  const book = new RegistryBook({ dataDir, credentials: new RegistryCredentials({ secrets }) });
  await book.load();
  return book;
}
