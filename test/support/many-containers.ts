// Many small containers on a private engine (Docker unless told), for tests and
// benchmarks at scale: busybox `sleep`, no network, labelled so they can be
// found and removed (and so a rerun reuses the ones still there).
import Docker from 'dockerode';
import type { TestEnv } from '../env';

/** Requests in flight at once: the engine creates containers one by one anyway. */
const PARALLEL = 8;

export interface ManyContainers {
  /** Makes sure `count` of them run; returns their ids. */
  run(count: number): Promise<string[]>;
  /** Makes sure `count` of them exist, created and not started (for what lists them). */
  create(count: number): Promise<void>;
  removeAll(): Promise<void>;
}

/** Which engine, and its name for the fixture image; the private Docker engine by default. */
export interface EngineTarget {
  socket: string;
  image: string;
}

export function manyContainers(env: Pick<TestEnv, 'dockerSocket' | 'images'>, label: string, namePrefix: string, target: EngineTarget = { socket: env.dockerSocket, image: env.images.base }): ManyContainers {
  const engine = new Docker({ socketPath: target.socket });
  const [key, value] = label.split('=') as [string, string];
  const labelled = async (all: boolean) => (await engine.listContainers({ all, filters: { label: [label] } })).map((c) => c.Id);
  const inBatches = async <T>(items: T[], work: (item: T) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(work));
  };
  /** Creates (and starts, when asked) enough labelled containers for `count` to be there. */
  const ensure = async (count: number, start: boolean) => {
    const have = (await labelled(!start)).length;
    const numbers = Array.from({ length: Math.max(0, count - have) }, (_, k) => have + k);
    await inBatches(numbers, async (n) => {
      const c = await engine.createContainer({
        Image: target.image,
        Cmd: ['sleep', '3600'],
        name: `${namePrefix}-${process.pid}-${n}`,
        Labels: { [key]: value },
        // A sleeping busybox needs almost nothing; the cap keeps a mistake small.
        HostConfig: { NetworkMode: 'none', Memory: 16 * 1024 * 1024 },
      });
      if (start) await c.start();
    });
  };
  return {
    async run(count) {
      await ensure(count, true);
      return (await labelled(false)).slice(0, count);
    },
    create: (count) => ensure(count, false),
    async removeAll() {
      await inBatches(await labelled(true), (id) => engine.getContainer(id).remove({ force: true }));
    },
  };
}
