// The private CNCF distribution registry (Debian's docker-registry 2.8) on
// 127.0.0.1, plain HTTP, delete enabled, storage in the slot, empty at start.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from './http';
import { freePort } from './ports';
import { spawnDaemon, stopDaemon, waitReady, type Daemon } from './process';

export interface Registry {
  /** 127.0.0.1:PORT */
  address: string;
  port: number;
  stop(): Promise<void>;
}

export async function startRegistry(dir: string, logDir: string, port: number): Promise<Registry> {
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
        '',
      ].join('\n'),
    );
    const daemon: Daemon = spawnDaemon('docker-registry', 'docker-registry', ['serve', config], {
      logFile: join(logDir, 'registry.log'),
    });
    try {
      await waitReady(daemon, async () => (await request({ host: '127.0.0.1', port }, 'GET', '/v2/', undefined, 2_000)).status === 200, 30_000);
      return { address: `127.0.0.1:${port}`, port, stop: () => stopDaemon(daemon, 5_000) };
    } catch (error) {
      lastError = error;
      await stopDaemon(daemon, 2_000);
    }
  }
  throw lastError;
}
