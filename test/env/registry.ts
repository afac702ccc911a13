// The private CNCF distribution registry (Debian's docker-registry 2.8) on
// 127.0.0.1, plain HTTP, delete enabled, storage in the slot, empty at start;
// anonymous, or behind htpasswd Basic auth, or behind a token service.
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from './http';
import { freePort, freePorts } from './ports';
import { startTokenService } from './token-service';
import type { AuthRegistry } from './types';
import { spawnDaemon, stopDaemon, waitReady, type Daemon } from './process';

export interface Registry {
  /** 127.0.0.1:PORT */
  address: string;
  port: number;
  stop(): Promise<void>;
}

/** How the registry asks for a login: `htpasswd` file (bcrypt), or a Bearer token service. */
export type RegistryAuthConfig = { htpasswd: string } | { token: { realm: string; service: string; issuer: string; certPath: string } };

function authLines(auth: RegistryAuthConfig | undefined): string[] {
  if (!auth) return [];
  if ('htpasswd' in auth) return ['auth:', '  htpasswd:', '    realm: berth-test', `    path: ${JSON.stringify(auth.htpasswd)}`];
  const t = auth.token;
  return ['auth:', '  token:', `    realm: ${JSON.stringify(t.realm)}`, `    service: ${JSON.stringify(t.service)}`, `    issuer: ${JSON.stringify(t.issuer)}`, `    rootcertbundle: ${JSON.stringify(t.certPath)}`];
}

export async function startRegistry(dir: string, logDir: string, port: number, auth?: RegistryAuthConfig, logName = 'registry'): Promise<Registry> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  let lastError: unknown;
  // The port was free when chosen; if something took it since, try another.
  for (let attempt = 0; attempt < 3; attempt++, port = await freePort()) {
    const config = join(dir, 'config.yml');
    writeFileSync(
      config,
      [
        'version: 0.1',
        'log:',
        '  level: warn',
        '  accesslog:',
        '    disabled: true',
        'storage:',
        '  filesystem:',
        `    rootdirectory: ${JSON.stringify(join(dir, 'data'))}`,
        '  delete:',
        '    enabled: true',
        '  maintenance:',
        '    uploadpurging:',
        '      enabled: false',
        'http:',
        `  addr: 127.0.0.1:${port}`,
        '  headers:',
        '    X-Content-Type-Options: [nosniff]',
        ...authLines(auth),
        '',
      ].join('\n'),
    );
    const daemon: Daemon = spawnDaemon('docker-registry', 'docker-registry', ['serve', config], {
      logFile: join(logDir, `${logName}.log`),
    });
    try {
      await waitReady(daemon, async () => [200, 401].includes((await request({ host: '127.0.0.1', port }, 'GET', '/v2/', undefined, 2_000)).status), 30_000);
      return { address: `127.0.0.1:${port}`, port, stop: () => stopDaemon(daemon, 5_000) };
    } catch (error) {
      lastError = error;
      await stopDaemon(daemon, 2_000);
    }
  }
  throw lastError;
}

export interface AuthRegistries {
  basic: AuthRegistry;
  token: AuthRegistry;
  stop(): Promise<void>;
}

/**
 * Two more registries, empty at start: one behind htpasswd Basic auth, one
 * behind a token service this process runs. A fresh password each run.
 */
export async function startAuthRegistries(dir: string, logDir: string): Promise<AuthRegistries> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const username = 'berth';
  const password = randomBytes(12).toString('hex');
  const htpasswd = join(dir, 'htpasswd');
  writeFileSync(htpasswd, `${username}:${bcrypt.hashSync(password, 8)}\n`);
  const tokens = await startTokenService(join(dir, 'token-service'), { username, password });
  const stops: (() => Promise<void>)[] = [tokens.stop];
  try {
    const [basicPort = 0, tokenPort = 0] = await freePorts(2);
    const [basic, token] = await Promise.all([
      startRegistry(join(dir, 'basic'), logDir, basicPort, { htpasswd }, 'registry-basic'),
      startRegistry(join(dir, 'token'), logDir, tokenPort, { token: tokens }, 'registry-token'),
    ]);
    stops.push(basic.stop, token.stop);
    return {
      basic: { address: basic.address, username, password, realm: null },
      token: { address: token.address, username, password, realm: tokens.realm },
      stop: async () => {
        await Promise.all(stops.map((stop) => stop()));
      },
    };
  } catch (error) {
    await Promise.all(stops.map((stop) => stop()));
    throw error;
  }
}
