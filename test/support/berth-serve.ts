// Starts the built `berth serve` as a user would (bin/berth.js), against the
// engine named by DOCKER_HOST, and waits for the line with its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ServeProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** `uid` runs it as another user (the caller must be root). */
export async function startBerthServe(env: Record<string, string>, args: string[] = ['--port', '0'], uid?: number): Promise<ServeProcess> {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('Berth is not built: run `npm run build` first (npm test does it).');
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'berth.js'), 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`berth serve printed no URL in 20 s:\n${printed}`)), 20_000);
    const check = () => {
      const match = /Berth is serving at (http:\/\/\S+)/.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`berth serve exited with ${code}:\n${printed}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    child,
    output: () => printed,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
