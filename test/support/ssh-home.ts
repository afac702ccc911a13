// A private ~/.ssh for SSH tests: its own known_hosts and config under a temp
// folder, so tests never read or write the machine's ~/.ssh.
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshEnvironment } from '../../main/ssh/host-link';

export interface SshHome {
  dir: string;
  env: SshEnvironment;
}

const readOrNull = async (path: string) => {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
};

export async function sshHome(options: { knownHosts?: string; config?: string; agentSocket?: string | null } = {}): Promise<SshHome> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-ssh-home-'));
  const knownHostsPath = join(dir, 'known_hosts');
  const configPath = join(dir, 'config');
  await writeFile(knownHostsPath, options.knownHosts ?? '');
  await writeFile(configPath, options.config ?? '');
  return {
    dir,
    env: {
      local: { name: 'tester', home: dir },
      agentSocket: options.agentSocket ?? null,
      configPath,
      knownHostsPath,
      readText: async (path) => (await readOrNull(path))?.toString('utf8') ?? null,
      readBytes: readOrNull,
      appendText: (path, text) => appendFile(path, text),
    },
  };
}
