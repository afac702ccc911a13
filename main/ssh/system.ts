// This machine's SSH files for the SSH code: ~/.ssh/config, ~/.ssh/known_hosts,
// SSH_AUTH_SOCK, and the app's data folder where `berth serve` finds the hosts
// the desktop app saved (Electron's userData for an app named "berth").
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import type { SshEnvironment } from './host-link';

const readOrNull = async (path: string): Promise<Buffer | null> => {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};

export function systemSshEnvironment(env: Record<string, string | undefined> = process.env, home = os.homedir()): SshEnvironment {
  return {
    local: { name: os.userInfo().username, home },
    agentSocket: env.SSH_AUTH_SOCK || null,
    configPath: join(home, '.ssh', 'config'),
    knownHostsPath: join(home, '.ssh', 'known_hosts'),
    readText: async (path) => (await readOrNull(path))?.toString('utf8') ?? null,
    readBytes: readOrNull,
    appendText: async (path, text) => {
      // ssh refuses a ~/.ssh others can write; create it as ssh-keygen does.
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await appendFile(path, text, { mode: 0o644 });
      await chmod(path, 0o644).catch(() => undefined);
    },
  };
}

export function userDataDir(env: Record<string, string | undefined> = process.env, platform = process.platform, home = os.homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'berth');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'berth');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'berth');
}
