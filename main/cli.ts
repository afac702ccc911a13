// The `berth` command line. Plain Node: it never loads Electron.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser } from '../native/open-browser';
import { parseArgs, USAGE, UsageError } from './commands/args';
import { runCi, runLayers } from './commands/layers';
import { serve } from './commands/serve';
import { openHosts, openRegistries, openSessions } from './commands/sessions';
import { memoryStore } from './secrets/secret-store';
import { userDataDir } from './ssh/system';

const here = dirname(fileURLToPath(import.meta.url));

async function main(argv: string[]): Promise<number> {
  const command = parseArgs(argv);
  switch (command.name) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'version': {
      const pkg = JSON.parse(readFileSync(join(here, '../../package.json'), 'utf8')) as { version: string };
      console.log(`berth ${pkg.version}`);
      return 0;
    }
    case 'layers':
      return runLayers(command, { out: (text) => console.log(text) });
    case 'ci':
      return runCi(command, { out: (text) => console.log(text) });
    case 'serve': {
      const sessions = openSessions();
      // No keychain without Electron: remembered secrets last for this run (the UI says so).
      const secrets = memoryStore();
      const dataDir = resolve(command.dataDir ?? userDataDir());
      const hosts = await openHosts(sessions, dataDir, secrets);
      const registries = await openRegistries(dataDir, secrets);
      const server = await serve({ sessions, hosts, secrets, registries, rendererDir: join(here, '../renderer'), port: command.port, log: (line) => console.log(line) }).catch(async (error: unknown) => {
        await hosts.close();
        for (const session of sessions.values()) await session.close();
        throw error;
      });
      if (command.open && !(await openBrowser(server.url))) console.log('No browser could be opened here; open the URL above yourself.');
      const stop = async () => {
        await server.close();
        await hosts.close();
        for (const session of sessions.values()) await session.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      return new Promise<number>(() => {});
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`berth: ${error instanceof UsageError || error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
