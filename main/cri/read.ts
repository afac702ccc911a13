// Reading a CRI runtime: the first place that answers the CRI Version call is
// the runtime; then everything the view shows, over that one gRPC session.
import type { Duplex } from 'node:stream';
import { CriClient } from './client';
import { describeCriFailure, noCriRuntime } from './describe';
import { withGrpcSession, type SessionOptions } from './grpc-session';
import { mapSnapshot } from './map';
import type { CriPlace } from './places';
import type { CriSnapshot } from './types';
import type { WireContainerStatus, WirePodSandboxStatus } from './wire';

export interface CriTarget {
  /** Opens a byte stream to a socket path (locally, or through SSH). */
  open(path: string): Promise<Duplex>;
  /** The endpoint as shown: unix:///path, ssh://user@host:port/path. */
  endpoint(path: string): string;
  /** "on this computer", "on root@host:22": for messages. */
  where: string;
}

/** No runtime at any place: the message says what was tried and where a runtime would be. */
export class CriUnavailableError extends Error {
  override name = 'CriUnavailableError';
}

/** The runtime answered Version but a later call failed. */
export class CriReadError extends Error {
  override name = 'CriReadError';
}

export async function readCriSnapshot(target: CriTarget, places: CriPlace[], options: SessionOptions = {}): Promise<CriSnapshot> {
  const tried: { place: CriPlace; detail: string }[] = [];
  for (const place of places) {
    if (options.signal?.aborted) break;
    try {
      return await withGrpcSession(() => target.open(place.path), (call) => gather(new CriClient(call), target.endpoint(place.path)), options);
    } catch (err) {
      if (err instanceof CriReadError) throw err;
      tried.push({ place, detail: describeCriFailure(place, err) });
    }
  }
  throw new CriUnavailableError(noCriRuntime(tried, target.where));
}

async function gather(client: CriClient, endpoint: string): Promise<CriSnapshot> {
  const version = await client.version();
  try {
    const [listed, containers, stats, images, imageFs] = await Promise.all([client.podSandboxes(), client.containers(), client.containerStats(), client.images(), client.imageFsInfo()]);
    // Per item: a pod or container removed between the list and its status is shown as listed.
    const sandboxes = await Promise.all(listed.map((s) => client.podSandboxStatus(s.id).catch((): WirePodSandboxStatus => ({ ...s, network: null }))));
    const statuses = new Map<string, WireContainerStatus>();
    await Promise.all(
      containers.map((c) =>
        client.containerStatus(c.id).then(
          (status) => statuses.set(c.id, status),
          () => undefined,
        ),
      ),
    );
    return mapSnapshot({ version, endpoint, sandboxes, containers, statuses, stats, images, imageFs, takenAt: Date.now() });
  } catch (err) {
    throw new CriReadError(`${version.runtime_name} ${version.runtime_version} at ${endpoint} answered, but reading it failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
