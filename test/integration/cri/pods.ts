// Test-only setup through the CRI write calls (Berth itself only reads): pod
// sandboxes and containers in the private containerd, removed afterwards.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CriClient } from '../../../main/cri/client';
import { withGrpcSession } from '../../../main/cri/grpc-session';
import { localCriTarget } from '../../../main/cri/targets';
import type { CriTarget } from '../../env/types';

const criCall = <T>(cri: CriTarget, work: (client: CriClient) => Promise<T>) =>
  withGrpcSession(() => localCriTarget.open(cri.socket), (call) => work(new CriClient(call)), { timeoutMs: 60_000 });

export interface TestPod {
  id: string;
  name: string;
  /** Starts a container in the pod; resolves to its id. */
  run(name: string, script: string, labels?: Record<string, string>): Promise<string>;
  remove(): Promise<void>;
}

/** A pod sandbox labelled berth.test=<name>, in the slot's cgroup so the env's cleanup finds it after a crash. */
export async function runPod(cri: CriTarget, dir: string, name: string, labels: Record<string, string> = {}): Promise<TestPod> {
  const logDirectory = join(dir, 'cri-logs', name);
  mkdirSync(logDirectory, { recursive: true });
  const config = {
    metadata: { name, uid: `uid-${name}`, namespace: 'berth-tests', attempt: 0 },
    hostname: name,
    log_directory: logDirectory,
    labels: { 'berth.test': name, ...labels },
    linux: { cgroup_parent: cri.cgroupParent },
  };
  const { pod_sandbox_id: id } = await criCall(cri, (c) => c.rpc<{ pod_sandbox_id: string }>('RuntimeService', 'RunPodSandbox', { config }));
  return {
    id,
    name,
    run: (container, script, containerLabels = {}) =>
      criCall(cri, async (c) => {
        const { container_id } = await c.rpc<{ container_id: string }>('RuntimeService', 'CreateContainer', {
          pod_sandbox_id: id,
          config: { metadata: { name: container }, image: { image: cri.image }, command: ['/bin/sh', '-c', script], labels: containerLabels, log_path: `${container}.log` },
          sandbox_config: config,
        });
        await c.rpc('RuntimeService', 'StartContainer', { container_id });
        return container_id;
      }),
    remove: () =>
      criCall(cri, async (c) => {
        await c.rpc('RuntimeService', 'StopPodSandbox', { pod_sandbox_id: id });
        await c.rpc('RuntimeService', 'RemovePodSandbox', { pod_sandbox_id: id });
      }),
  };
}
