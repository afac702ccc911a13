// Reading a CRI runtime with 20 pods (one container each): Berth's whole
// snapshot (versions, pods with their status, containers with theirs, stats,
// images) on the local socket and through the SSH connection, against
// `ctr -n k8s.io containers ls` on the same containerd, which lists only the
// containers (a floor, not an equivalent).
import { afterAll, beforeAll, inject, it } from 'vitest';
import { readCriSnapshot } from '../../main/cri/read';
import { localCriTarget, sshCriTarget } from '../../main/cri/targets';
import { HostLink } from '../../main/ssh/host-link';
import { run } from '../env/process';
import { runPod, type TestPod } from '../integration/cri/pods';
import { sshHome } from '../support/ssh-home';
import { medianOf, printTable } from './figures';

const env = inject('testEnv');
const PODS = 20;
const pods: TestPod[] = [];
let link: HostLink;

beforeAll(async () => {
  for (let i = 0; i < PODS; i++) {
    const pod = await runPod(env.cri, env.dir, `bench-${process.pid}-${i}`);
    pods.push(pod);
    await pod.run('app', 'sleep 600');
  }
  const home = await sshHome({ knownHosts: `[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n` });
  link = new HostLink({ id: 'bench', name: 'bench', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.dockerSocket }, home.env);
});

afterAll(async () => {
  link?.close();
  for (const pod of pods) await pod.remove().catch(() => undefined);
});

it(`a CRI snapshot of ${PODS} pods, locally and over SSH`, async () => {
  const places = [{ path: env.cri.socket, source: 'bench' }];
  const client = await link.client(new AbortController().signal);
  const remote = sshCriTarget(client, `root@127.0.0.1:${env.ssh.port}`);
  const check = await readCriSnapshot(localCriTarget, places);
  if (check.sandboxes.length < PODS) throw new Error(`expected ${PODS} pods, the runtime lists ${check.sandboxes.length}`);
  const ctrMs = await medianOf(9, () => run('ctr', ['--address', env.cri.socket, '--namespace', 'k8s.io', 'containers', 'ls']));
  const localMs = await medianOf(9, () => readCriSnapshot(localCriTarget, places));
  const sshMs = await medianOf(9, () => readCriSnapshot(remote, places));
  printTable(`CRI snapshot, ${PODS} pods × 1 container (median of 9)`, [
    { what: 'Berth snapshot, local socket', berthMs: localMs, reference: 'ctr containers ls', referenceMs: ctrMs },
    { what: 'Berth snapshot, through SSH', berthMs: sshMs, reference: 'Berth snapshot, local socket', referenceMs: localMs },
  ]);
});
