// Sampling 50 running containers through an SSH host link (every stats stream
// a channel of one ssh2 connection to the private sshd) against the same
// containers through the local socket: the CPU Berth's process spends, and the
// samples it gets. The sampler runs in this process, so its CPU is ours.
// Local and SSH windows alternate, so the machine's changing load weighs on both.
import os from 'node:os';
import { afterAll, inject, it } from 'vitest';
import type { EngineSession } from '../../main/live/types';
import { createEngineSession } from '../../main/live/session';
import { HostLink } from '../../main/ssh/host-link';
import { StatsSampler } from '../../main/stats/sampler';
import { localSession } from '../support/api-client';
import { manyContainers } from '../support/many-containers';
import { sshHome } from '../support/ssh-home';
import { cpuSeconds, loadAverage } from './figures';

const env = inject('testEnv');
const COUNT = 50;
const SECONDS = Number(process.env.BERTH_BENCH_STATS_SECONDS ?? 20);
/** Each case's SECONDS are split into this many windows, local and SSH in turn. */
const ROUNDS = 2;
const containers = manyContainers(env, 'berth.bench=ssh-stats', 'bench-ssh-stats');

afterAll(() => containers.removeAll(), 300_000);

interface Way {
  name: string;
  /** An engine session and what closes it with whatever carries it. */
  open(): Promise<{ session: EngineSession; close(): Promise<void> }>;
}

const local: Way = {
  name: 'local socket',
  async open() {
    const session = localSession(env.dockerHost);
    return { session, close: () => session.close() };
  },
};

const overSsh: Way = {
  name: 'SSH host link',
  async open() {
    const home = await sshHome({ knownHosts: `[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n` });
    const link = new HostLink({ id: 'bench', name: 'bench', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.dockerSocket }, home.env);
    const session = createEngineSession(link.engine());
    return {
      session,
      close: async () => {
        await session.close();
        link.close();
      },
    };
  },
};

interface Window {
  cpu: number;
  samples: number;
  seconds: number;
}

async function until(what: string, check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One window: open the way, wait until every container has a sample, then count CPU and samples over `seconds`. */
async function sample(way: Way, ids: readonly string[], seconds: number): Promise<Window> {
  const { session, close } = await way.open();
  const sampler = new StatsSampler(session);
  try {
    await until(`a sample of all ${ids.length} containers over the ${way.name}`, () => ids.every((id) => sampler.history(id).length > 0));
    // Samples received in the window, whatever time the engine stamped them with.
    const received = () => ids.reduce((n, id) => n + sampler.history(id).length, 0);
    const samplesBefore = received();
    const start = Date.now();
    const cpuBefore = cpuSeconds(process.pid);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const cpu = cpuSeconds(process.pid) - cpuBefore;
    const elapsed = (Date.now() - start) / 1000;
    return { cpu, samples: received() - samplesBefore, seconds: elapsed };
  } finally {
    sampler.close();
    await close();
  }
}

it(`stats of ${COUNT} running containers over SSH against the local socket, ${SECONDS} s each`, async () => {
  const ids = await containers.run(COUNT);
  const loadBefore = loadAverage();
  const totals = new Map<Way, Window>([
    [local, { cpu: 0, samples: 0, seconds: 0 }],
    [overSsh, { cpu: 0, samples: 0, seconds: 0 }],
  ]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const way of round % 2 ? [overSsh, local] : [local, overSsh]) {
      const w = await sample(way, ids, SECONDS / ROUNDS);
      const total = totals.get(way)!;
      total.cpu += w.cpu;
      total.samples += w.samples;
      total.seconds += w.seconds;
    }
  }
  const loadAfter = loadAverage();

  const ssh = totals.get(overSsh)!;
  const loc = totals.get(local)!;
  const perContainerSecond = (w: Window) => (w.samples / COUNT / w.seconds).toFixed(2);
  const lines = [
    `\nStats of ${COUNT} running containers sampled by Berth, ${SECONDS} s per case in ${ROUNDS} alternating windows (after every container's first sample)`,
    `${'measure'.padEnd(44)} ${'over SSH'.padStart(10)} ${'local'.padStart(10)}   ratio`,
    `${"CPU seconds of Berth's process".padEnd(44)} ${ssh.cpu.toFixed(2).padStart(10)} ${loc.cpu.toFixed(2).padStart(10)}   ${(ssh.cpu / loc.cpu).toFixed(2)}×`,
    `${'samples per container per second'.padEnd(44)} ${perContainerSecond(ssh).padStart(10)} ${perContainerSecond(loc).padStart(10)}`,
    `machine load (1-min average, ${os.cpus().length} CPUs): ${loadBefore} at the start, ${loadAfter} at the end`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
