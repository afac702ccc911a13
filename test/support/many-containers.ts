// Many small running containers on the private Docker engine, for tests and
// benchmarks at scale: busybox `sleep`, no network, labelled so they can be
// found and removed (and so a rerun reuses the ones still running).
import Docker from 'dockerode';
import type { TestEnv } from '../env';

/** Requests in flight at once: the engine creates containers one by one anyway. */
const PARALLEL = 8;

export interface ManyContainers {
  /** Makes sure `count` of them run; returns their ids. */
  run(count: number): Promise<string[]>;
  removeAll(): Promise<void>;
}

export function manyContainers(env: Pick<TestEnv, 'dockerSocket' | 'images'>, label: string, namePrefix: string): ManyContainers {
  const engine = new Docker({ socketPath: env.dockerSocket });
  const [key, value] = label.split('=') as [string, string];
  const running = async () => (await engine.listContainers({ filters: { label: [label] } })).map((c) => c.Id);
  const inBatches = async <T>(items: T[], work: (item: T) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(work));
  };
  return {
    async run(count) {
      const have = (await running()).length;
      const numbers = Array.from({ length: Math.max(0, count - have) }, (_, k) => have + k);
      await inBatches(numbers, async (n) => {
        const c = await engine.createContainer({
          Image: env.images.base,
          Cmd: ['sleep', '3600'],
          name: `${namePrefix}-${process.pid}-${n}`,
          Labels: { [key]: value },
          // A sleeping busybox needs almost nothing; the cap keeps a mistake small.
          HostConfig: { NetworkMode: 'none', Memory: 16 * 1024 * 1024 },
        });
        await c.start();
      });
      return (await running()).slice(0, count);
    },
    async removeAll() {
      const ids = (await engine.listContainers({ all: true, filters: { label: [label] } })).map((c) => c.Id);
      await inBatches(ids, (id) => engine.getContainer(id).remove({ force: true }));
    },
  };
}
