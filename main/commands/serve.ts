// `berth serve`: starts the headless server for the given engine sessions and
// prints the one line a user needs.
import os from 'node:os';
import { contextFromSessions } from '../api/create-context';
import { router } from '../api/router';
import type { EngineSession } from '../live/types';
import type { RegistryBook } from '../registry/book';
import type { SecretStore } from '../secrets/secret-store';
import type { HostRegistry } from '../ssh/registry';
import { startServer, type RunningServer } from '../server/server';

export interface ServeDeps {
  sessions: ReadonlyMap<string, EngineSession>;
  hosts?: HostRegistry;
  secrets?: SecretStore;
  registries?: RegistryBook;
  rendererDir: string;
  port: number;
  log: (line: string) => void;
}

export async function serve(deps: ServeDeps): Promise<RunningServer> {
  try {
    const server = await startServer({
      router,
      context: contextFromSessions(deps.sessions, { hosts: deps.hosts, secrets: deps.secrets, registries: deps.registries, homeDir: os.homedir() }),
      rendererDir: deps.rendererDir,
      port: deps.port,
      onInternalError: (path, error) => deps.log(`berth: internal error in ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    deps.log(`Berth is serving at ${server.url}`);
    return server;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${deps.port} on 127.0.0.1 is in use (another Berth?). Choose another with --port N, or --port 0 for any free port.`, { cause: error });
    }
    throw error;
  }
}
