// A second machine for SSH tests: a network namespace of the test's own,
// reached from here over a veth pair, where its own sshd (root with a key, and
// a password user) and its own dockerd run. Berth reaches it at its own
// address, as it would a server on the network. Its addresses come from the
// slot's private bank (test/env/network.ts), so two runs never collide; its
// files live in the slot's directory, and stop() removes the namespace (the
// veth pair goes with it).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { netnsPrefixOf } from '../env/cleanup';
import { run } from '../env/process';
import { startSshd, type SshServer } from '../env/sshd';
import type { TestEnv } from '../env/types';
import { SecondDockerd } from './second-dockerd';

export const PASSWORD_USER = { user: 'berth-pw', password: 'correct horse battery' };

export class RemoteHost {
  readonly netns: string;
  readonly address: string;
  readonly engine: SecondDockerd;
  private sshd: SshServer | null = null;
  private readonly peer: string;
  private readonly hostSide: string;
  private readonly dir: string;
  private readonly hostAddress: string;

  /** `index` (0–3) keeps two such hosts of one test file apart. */
  constructor(
    private readonly env: Pick<TestEnv, 'dir' | 'dockerConfig' | 'dockerSocket'>,
    index = 0,
  ) {
    const slot = /slot-(\d+)/.exec(env.dir)?.[1] ?? '0';
    const bank = (JSON.parse(readFileSync(join(env.dir, 'network.json'), 'utf8')) as { bank: number }).bank;
    this.netns = `${netnsPrefixOf(Number(slot))}${index}`;
    this.hostSide = `bs${slot}h${index}a`;
    this.peer = `bs${slot}h${index}b`;
    // A /30 per host at the top of the slot's first /16, which the engines' bridge (x.x.0.0/24) leaves free.
    const net = `10.${200 + 4 * bank}.254`;
    this.hostAddress = `${net}.${index * 4 + 1}/30`;
    this.address = `${net}.${index * 4 + 2}`;
    this.dir = join(env.dir, `remote-host-${index}-${process.pid}`);
    this.engine = new SecondDockerd(env, `remote-host-${index}`, this.netns);
  }

  get ssh(): SshServer['target'] {
    if (!this.sshd) throw new Error('the remote host is not started');
    return this.sshd.target;
  }

  /** known_hosts line for this host's sshd (port 22). */
  get knownHosts(): string {
    return `${this.address} ${this.ssh.hostPublicKey}\n`;
  }

  async start(): Promise<void> {
    await run('ip', ['netns', 'delete', this.netns]).catch(() => undefined);
    await run('ip', ['netns', 'add', this.netns]);
    await run('ip', ['link', 'add', this.hostSide, 'type', 'veth', 'peer', 'name', this.peer]);
    await run('ip', ['link', 'set', this.peer, 'netns', this.netns]);
    await run('ip', ['addr', 'add', this.hostAddress, 'dev', this.hostSide]);
    await run('ip', ['link', 'set', this.hostSide, 'up']);
    const inside = (...args: string[]) => run('ip', ['netns', 'exec', this.netns, 'ip', ...args]);
    await inside('addr', 'add', `${this.address}/30`, 'dev', this.peer);
    await inside('link', 'set', this.peer, 'up');
    await inside('link', 'set', 'lo', 'up');
    await this.engine.start();
    this.sshd = await startSshd(join(this.dir, 'ssh'), this.dir, 22, { listen: this.address, netns: this.netns, password: PASSWORD_USER });
  }

  async stop(): Promise<void> {
    await this.sshd?.stop();
    this.sshd = null;
    await this.engine.dispose();
    await run('ip', ['netns', 'delete', this.netns]).catch(() => undefined);
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
  }
}
