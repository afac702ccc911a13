// Bringing an engine back to a known state: what a previous run (or a test that
// did not clean up) left behind is removed, the fixture images are kept.
import { getJson, request, type Target } from './http';

interface DockerImage {
  Id: string;
  RepoTags?: string[] | null;
}

const settle = (work: Promise<unknown>[]) => Promise.allSettled(work);

/** Docker: removes containers (running ones are killed), user networks, volumes, and all images but `keep`. */
export async function resetDocker(socketPath: string, keep: string[]): Promise<void> {
  const target = { socketPath };
  await removeDockerContainers(target);
  await request(target, 'POST', '/networks/prune');
  const { Volumes } = await getJson<{ Volumes: { Name: string }[] | null }>(target, '/volumes');
  await settle((Volumes ?? []).map((v) => request(target, 'DELETE', `/volumes/${encodeURIComponent(v.Name)}?force=true`)));
  const images = await getJson<DockerImage[]>(target, '/images/json');
  await settle(
    images.map(async (image) => {
      const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
      if (!tags.some((t) => keep.includes(t))) {
        await request(target, 'DELETE', `/images/${image.Id}?force=true`);
        return;
      }
      // A fixture a test tagged again: drop the extra names only.
      for (const tag of tags.filter((t) => !keep.includes(t))) {
        await request(target, 'DELETE', `/images/${encodeURIComponent(tag)}?noprune=true`);
      }
    }),
  );
}

/** Docker: force-removes every container (fast: no stop timeout). */
export async function removeDockerContainers(target: Target): Promise<void> {
  const containers = await getJson<{ Id: string }[]>(target, '/containers/json?all=true');
  await settle(containers.map((c) => request(target, 'DELETE', `/containers/${c.Id}?force=true&v=true`)));
}

/** Podman (libpod API): removes pods, containers, user networks, volumes, and all images but `keep`. */
export async function resetPodman(socketPath: string, keep: string[], defaultNetwork: string): Promise<void> {
  const target = { socketPath };
  await removePodmanContainers(target);
  const networks = await getJson<{ name: string }[]>(target, '/v4.0.0/libpod/networks/json');
  await settle(
    networks
      .filter((n) => n.name !== defaultNetwork && n.name !== 'podman')
      .map((n) => request(target, 'DELETE', `/v4.0.0/libpod/networks/${encodeURIComponent(n.name)}?force=true`)),
  );
  await request(target, 'POST', '/v4.0.0/libpod/volumes/prune');
  const images = await getJson<{ Id: string; Names?: string[] | null }[]>(target, '/v4.0.0/libpod/images/json');
  const kept = (name: string) => keep.includes(name) || name.startsWith('localhost/podman-pause:');
  await settle(
    images.map(async (image) => {
      const names = image.Names ?? [];
      if (!names.some(kept)) {
        await request(target, 'DELETE', `/v4.0.0/libpod/images/${image.Id}?force=true`);
        return;
      }
      for (const name of names.filter((n) => !kept(n))) {
        const at = name.lastIndexOf(':');
        const repo = encodeURIComponent(name.slice(0, at));
        const tag = encodeURIComponent(name.slice(at + 1));
        await request(target, 'POST', `/v4.0.0/libpod/images/${image.Id}/untag?repo=${repo}&tag=${tag}`);
      }
    }),
  );
}

/** Podman: force-removes every pod and container (timeout 0: killed, not stopped). */
export async function removePodmanContainers(target: Target): Promise<void> {
  const pods = await getJson<{ Id: string }[] | null>(target, '/v4.0.0/libpod/pods/json');
  await settle((pods ?? []).map((p) => request(target, 'DELETE', `/v4.0.0/libpod/pods/${p.Id}?force=true&timeout=0`)));
  const containers = await getJson<{ Id: string }[] | null>(target, '/v4.0.0/libpod/containers/json?all=true');
  await settle(
    (containers ?? []).map((c) => request(target, 'DELETE', `/v4.0.0/libpod/containers/${c.Id}?force=true&timeout=0&v=true`)),
  );
}
