// A second private dockerd, for tests that stop and start an engine: no
// bridge and no iptables (two daemons cannot share a bridge), its own data
// and exec roots, a managed containerd. Containers in it run with
// --network none. Its directory lives inside the environment's state
// directory, so the environment's sweep also finds what a crashed run left.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { probeCandidate } from '../../main/hosts/probe';
import { docker } from '../env';
import { inNetns } from '../env/sshd';
import type { TestEnv } from '../env/types';

export class SecondDockerd {
  readonly dir: string;
  readonly socket: string;
  readonly host: string;
  private child: ChildProcess | null = null;

  /** `name` keeps the directories of two such engines in one run apart; `netns` runs it in that network namespace (a host of its own). */
  constructor(
    private readonly env: Pick<TestEnv, 'dir' | 'dockerConfig' | 'dockerSocket'>,
    private readonly name: string,
    private readonly netns?: string,
  ) {
    this.dir = join(env.dir, `${name}-${process.pid}`);
    this.socket = join(this.dir, 'docker.sock');
    this.host = `unix://${this.socket}`;
  }

  /** For the docker() CLI helper. */
  get cli(): { dockerHost: string; dockerConfig: string } {
    return { dockerHost: this.host, dockerConfig: this.env.dockerConfig };
  }

  async start(): Promise<void> {
    const dir = this.dir;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'daemon.json'), '{}\n');
    const log = openSync(join(dir, 'dockerd.log'), 'a');
    // prettier-ignore
    const args = [
      '--host', this.host, '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'dx'), '--pidfile', join(dir, 'docker.pid'),
      '--config-file', join(dir, 'daemon.json'), '--bridge', 'none', '--iptables=false', '--ip-masq=false',
      '--cgroup-parent', `/berth-test-${this.name}-${process.pid}`, '--log-level', 'warn',
    ];
    const [command, ...rest] = this.netns ? [...inNetns(this.netns), 'dockerd', ...args] : ['dockerd', ...args];
    this.child = spawn(command!, rest, { stdio: ['ignore', log, log], env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } });
    closeSync(log);
    const deadline = Date.now() + 60_000;
    while ((await probeCandidate({ endpoint: { kind: 'unix', path: this.socket }, source: 'test' }, 1000)).outcome !== 'ok') {
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`the second dockerd did not start; see ${join(dir, 'dockerd.log')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Copies an image from the environment's engine, e.g. the fixture base image. */
  async loadImage(image: string): Promise<void> {
    const from = new Docker({ socketPath: this.env.dockerSocket });
    const to = new Docker({ socketPath: this.socket });
    const loading = await to.loadImage(await from.getImage(image).get());
    await new Promise((resolve, reject) => to.modem.followProgress(loading, (err) => (err ? reject(err) : resolve(undefined))));
  }

  /** SIGTERM, as a service manager stops it; dockerd stops its containers and containerd. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  /** Removes its containers, stops it and deletes its directory. */
  async dispose(): Promise<void> {
    const ids = await docker(this.cli, 'ps', '-aq').catch(() => '');
    if (ids) await docker(this.cli, 'rm', '-f', ...ids.split('\n'));
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
