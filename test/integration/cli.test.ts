// The `berth` command as a user runs it (the built bin/berth.js).
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startBerthServe } from '../support/berth-serve';
import { connectToServer } from '../support/ws-client';

const env = inject('testEnv');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'berth.js');

function berth(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...extraEnv }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the berth command', () => {
  it('prints its usage, with the ssh -L recipe', async () => {
    const { code, stdout } = await berth(['help']);
    expect(code).toBe(0);
    expect(stdout).toContain('berth serve');
    expect(stdout).toContain('ssh -L 7730:127.0.0.1:7730');
  });

  it('refuses bad options with a clear message and exit code 2', async () => {
    const { code, stderr } = await berth(['serve', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port takes a port number from 0 to 65535');
  });

  it('says so when the port is taken, and exits', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await berth(['serve', '--port', String(port)], { DOCKER_HOST: env.dockerHost });
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toContain(`Port ${port} on 127.0.0.1 is in use`);
  });

  it('serves the API of the engine named by DOCKER_HOST', async () => {
    const serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
    try {
      const client = await connectToServer(serve.url);
      const info = await client.api.engine.info.query({});
      expect(info.endpoint).toBe(env.dockerHost);
      // A compromised page gets a clear refusal, and the server keeps answering.
      await expect(client.api.containers.list.query({ host: '../../etc' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(client.api.containers.list.query({ host: 'nas' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No host named "nas"') });
      expect((await client.api.images.list.query({})).some((i) => i.repoTags.includes(env.images.base))).toBe(true);
      client.close();
    } finally {
      await serve.stop();
    }
  });

  it('keeps running and explains when DOCKER_HOST is malformed', async () => {
    const serve = await startBerthServe({ DOCKER_HOST: 'tcp//nowhere' });
    try {
      const client = await connectToServer(serve.url);
      const status = await client.api.engine.status.query({});
      expect(status.state).toBe('offline');
      expect(status.tried[0]).toMatchObject({ source: 'DOCKER_HOST', outcome: 'invalid', detail: expect.stringContaining('tcp//nowhere') });
      client.close();
    } finally {
      await serve.stop();
    }
  });

  it('explains a socket it may not open, for a user outside the docker group', async () => {
    if (process.getuid?.() !== 0) throw new Error('This test runs Berth as the user nobody: run `npm test` as root.');
    const serve = await startBerthServe({ DOCKER_HOST: env.dockerHost, HOME: '/nonexistent' }, ['--port', '0'], 65534);
    try {
      const client = await connectToServer(serve.url);
      const status = await client.api.engine.status.query({});
      expect(status.state).toBe('offline');
      expect(status.tried[0]).toMatchObject({ outcome: 'permission', detail: expect.stringContaining('docker group') });
      client.close();
    } finally {
      await serve.stop();
    }
  });
});
