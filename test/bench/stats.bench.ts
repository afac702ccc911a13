// Sampling N running containers at 1 Hz for a minute: the CPU time and
// memory of Berth's main process (berth serve, a client subscribed to every
// container's stats) against `docker stats` on the same containers over the
// same window; and how many messages reach the client per second.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { afterAll, inject, it } from 'vitest';
import { startBerthServe } from '../support/berth-serve';
import { manyContainers } from '../support/many-containers';
import { connectToServer } from '../support/ws-client';
import { cpuSeconds, loadAverage } from './figures';

const env = inject('testEnv');
const LABEL = 'berth.bench=stats';
const SECONDS = Number(process.env.BERTH_BENCH_STATS_SECONDS ?? 60);
/** Streams need a few seconds to open for every container before the window starts. */
const WARMUP_MS = 5000;
const containers = manyContainers(env, LABEL, 'bench-stats');

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** CPU seconds a process uses over the window, after the warm-up, and its memory at the end. */
async function measure(pid: number): Promise<{ cpu: number; rss: number }> {
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const before = cpuSeconds(pid);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  return { cpu: cpuSeconds(pid) - before, rss: rssMiB(pid) };
}

afterAll(() => containers.removeAll(), 300_000);

for (const count of [50, 200]) {
  it(`sampling ${count} running containers for ${SECONDS} s: Berth against docker stats`, async () => {
    await containers.run(count);

    const serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
    // What Node and Berth's code take before any sampling: about all of Berth's memory.
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = rssMiB(serve.child.pid!);
    const client = await connectToServer(serve.url);
    let messages = 0;
    let largest = 0;
    const counting = { on: false };
    client.socket.on('message', () => counting.on && messages++);
    const stop = client.api.stats.watch.subscribe({ ids: null }, { onData: (f) => (largest = Math.max(largest, Object.keys(f.samples).length)) });
    setTimeout(() => (counting.on = true), WARMUP_MS);
    // docker stats runs over the same window: the machine's load (shared, it varies) weighs on both alike.
    const cli = spawn('docker', ['-H', env.dockerHost, 'stats', '--format', '{{.ID}} {{.CPUPerc}} {{.MemUsage}}'], { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, DOCKER_CONFIG: env.dockerConfig } });
    const loadBefore = loadAverage();
    const [berth, reference] = await Promise.all([measure(serve.child.pid!), measure(cli.pid!)]);
    const loadAfter = loadAverage();
    cli.kill();
    counting.on = false;
    stop();
    client.close();
    await serve.stop();

    const lines = [
      `\nStats of ${count} running containers, ${SECONDS} s at 1 Hz (after ${WARMUP_MS / 1000} s to open the streams)`,
      `${'measure'.padEnd(40)} ${'Berth'.padStart(12)} ${'docker stats'.padStart(14)}   ratio`,
      `${'CPU seconds'.padEnd(40)} ${berth.cpu.toFixed(2).padStart(12)} ${reference.cpu.toFixed(2).padStart(14)}   ${(berth.cpu / reference.cpu).toFixed(2)}×`,
      `${'memory (RSS, MiB)'.padEnd(40)} ${berth.rss.toFixed(0).padStart(12)} ${reference.rss.toFixed(0).padStart(14)}   ${(berth.rss / reference.rss).toFixed(2)}×`,
      `${'memory before sampling (RSS, MiB)'.padEnd(40)} ${idleRss.toFixed(0).padStart(12)}`,
      `${'messages to the client per second'.padEnd(40)} ${(messages / SECONDS).toFixed(2).padStart(12)}   (containers in the largest frame: ${largest})`,
      `machine load (1-min average, ${os.cpus().length} CPUs): ${loadBefore} at the start, ${loadAfter} at the end`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
