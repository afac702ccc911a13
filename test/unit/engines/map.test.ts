// Mapping the engines' JSON, recorded from Docker 20.10 (API 1.41) and Podman 4.3.
import { describe, expect, it } from 'vitest';
import { mapContainers, mapContainerState } from '../../../main/engines/map-containers';
import { countContainersByImage, mapImages, sharedSizesOf, withContainerCounts } from '../../../main/engines/map-images';
import { apiAtLeast, detectKind, mapEngineInfo } from '../../../main/engines/map-info';
import dockerContainers from './fixtures/docker-20.10/containers.json';
import dockerContainersPorts from './fixtures/docker-20.10/containers-ports.json';
import dockerImages from './fixtures/docker-20.10/images.json';
import dockerInfo from './fixtures/docker-20.10/info.json';
import dockerDf from './fixtures/docker-20.10/system-df.json';
import dockerVersion from './fixtures/docker-20.10/version.json';
import podmanContainers from './fixtures/podman-4.3/containers.json';
import podmanImages from './fixtures/podman-4.3/images.json';
import podmanInfo from './fixtures/podman-4.3/info.json';
import podmanDf from './fixtures/podman-4.3/system-df.json';
import podmanVersion from './fixtures/podman-4.3/version.json';

const where = { endpoint: 'unix:///var/run/docker.sock', source: 'Docker Engine' };

describe('engine info', () => {
  it('reads Docker 20.10', () => {
    const info = mapEngineInfo(dockerVersion, dockerInfo, where);
    expect(info).toMatchObject({
      kind: 'docker',
      product: 'Docker Engine',
      version: '20.10.24+dfsg1',
      apiVersion: '1.41',
      minApiVersion: '1.12',
      os: 'Debian GNU/Linux 12 (bookworm)',
      osType: 'linux',
      arch: 'x86_64',
      cpus: 2,
      storageDriver: 'overlay2',
      defaultRuntime: 'runc',
      runtimes: ['io.containerd.runc.v2', 'io.containerd.runtime.v1.linux', 'runc'],
      cgroupVersion: '1',
      cgroupDriver: 'cgroupfs',
      containers: { total: 5, running: 3, paused: 1, stopped: 1 },
      images: 4,
      rootless: false,
      endpoint: 'unix:///var/run/docker.sock',
      source: 'Docker Engine',
    });
    expect(info.memoryBytes).toBeGreaterThan(1e9);
  });

  it('reads Podman 4.3 and knows it is Podman', () => {
    const info = mapEngineInfo(podmanVersion, podmanInfo, where);
    expect(info).toMatchObject({ kind: 'podman', product: 'Podman Engine', version: '4.3.1', apiVersion: '1.41', minApiVersion: '1.24', storageDriver: 'overlay', rootless: false });
    // Podman counts a created container in none of running, paused, stopped.
    expect(info.containers).toEqual({ total: 5, running: 2, paused: 1, stopped: 2 });
  });

  it('names Docker Desktop by its platform, and sees rootless Docker in its security options', () => {
    const desktop = { ...dockerVersion, Platform: { Name: 'Docker Desktop 4.25.0 (126437)' } };
    expect(mapEngineInfo(desktop, { ...dockerInfo, SecurityOptions: ['name=seccomp,profile=default', 'name=rootless'] }, where)).toMatchObject({ product: 'Docker Desktop 4.25.0 (126437)', rootless: true, kind: 'docker' });
    expect(detectKind({})).toBe('docker');
  });

  it('compares API versions by number', () => {
    expect(apiAtLeast('1.41', '1.42')).toBe(false);
    expect(apiAtLeast('1.43', '1.42')).toBe(true);
    expect(apiAtLeast('1.100', '1.42')).toBe(true);
    expect(apiAtLeast('', '1.42')).toBe(false);
  });
});

/** When the recorded answers are taken to have been fetched. */
const FETCHED = 1_800_000_000_000;

describe('containers', () => {
  it('maps Docker rows: names without the slash, every state, labels', () => {
    const rows = mapContainers(dockerContainers, FETCHED);
    expect(rows.map((r) => [r.name, r.state])).toEqual([
      ['fresh', 'created'],
      ['paused', 'paused'],
      ['done', 'exited'],
      ['sleeper', 'running'],
      ['web', 'running'],
    ]);
    expect(rows[4]).toEqual({
      id: '69b2ac39f3c87edc2176af664a4bac4aa6097633277e84faed23359a69d285e1',
      name: 'web',
      image: 'layered:1',
      imageId: 'sha256:2b92a4ff1bb2bc6ea37247152f9334eff9eb888de633614698977a69e70b4298',
      command: 'httpd -f -p 80',
      state: 'running',
      status: expect.stringMatching(/^Up /),
      statusSince: expect.any(Number),
      created: 1795965882,
      ports: [],
      labels: { app: 'web', 'org.example': 'berth' },
    });
    expect(rows[0]?.labels).toEqual({ stage: 'created' });
  });

  it('maps published ports, one per address family as Docker lists them', () => {
    const pub = mapContainers(dockerContainersPorts, FETCHED).find((r) => r.name === 'pub');
    expect(pub?.ports).toEqual([
      { privatePort: 80, publicPort: 8081, ip: '127.0.0.1', type: 'tcp' },
      { privatePort: 90, publicPort: 9090, ip: '0.0.0.0', type: 'udp' },
      { privatePort: 90, publicPort: 9090, ip: '::', type: 'udp' },
    ]);
  });

  it('maps Podman rows the same way', () => {
    const rows = mapContainers(podmanContainers, FETCHED);
    expect(rows.map((r) => [r.name, r.state])).toEqual([
      ['done', 'exited'],
      ['web', 'running'],
      ['fresh', 'created'],
      ['sleeper', 'running'],
      ['paused', 'paused'],
    ]);
    expect(rows[1]?.ports).toEqual([{ privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' }]);
    expect(rows[1]?.image).toBe('docker.io/library/layered:1');
    expect(rows[1]?.imageId).toBe('sha256:3d74a78d5e90c2ddfdd29de053f22426180f582883840a9bb23597672d24d3bc');
  });

  it('keeps a container its own name when legacy links add others, and survives odd rows', () => {
    const [row] = mapContainers([{ Id: 'abc', Names: ['/app/db', '/db'], State: 'Stopped', Ports: [{ PrivatePort: 5432, Type: 'tcp' }] }, { Names: ['/no-id'] }, 'junk'], FETCHED);
    expect(row).toMatchObject({ name: 'db', state: 'exited', ports: [{ privatePort: 5432, publicPort: null, ip: null, type: 'tcp' }], labels: {}, image: '' });
    expect(mapContainerState('configured')).toBe('created');
    expect(mapContainerState('restarting')).toBe('restarting');
  });
});

describe('images', () => {
  it('maps Docker rows; a dangling image has no tags, not "<none>:<none>"', () => {
    const rows = mapImages(dockerImages, null);
    const dangling = rows.find((r) => r.id.startsWith('sha256:832ce569'));
    expect(dangling).toMatchObject({ repoTags: [], repoDigests: [], dangling: true, size: 1982300, sharedSize: null });
    expect(rows.find((r) => r.repoTags.includes('layered:1'))).toMatchObject({ repoTags: ['layered:1', 'layered:latest'], dangling: false, created: 1795965882 });
  });

  it('takes the shared size from /system/df: Docker 1.41 says -1 on the list itself', () => {
    expect(dockerImages.every((i) => i.SharedSize === -1)).toBe(true);
    const rows = mapImages(dockerImages, sharedSizesOf(dockerDf.Images));
    expect(rows.map((r) => r.sharedSize)).toEqual([1982298, 1982298, 1982298, 1982298]);
  });

  it("maps Podman rows, matching its df's ids (no sha256: prefix, one row per tag)", () => {
    const rows = mapImages(podmanImages, sharedSizesOf(podmanDf.Images));
    expect(rows.find((r) => r.id.startsWith('sha256:745af8b2'))).toMatchObject({ repoTags: [], dangling: true, sharedSize: 1997912 });
    expect(rows.find((r) => r.repoTags.includes('docker.io/library/layered:1'))).toMatchObject({ sharedSize: 2005641, dangling: false });
    expect(rows.every((r) => r.sharedSize !== null)).toBe(true);
  });

  it('counts containers per image from the container list, not the engine\'s -1', () => {
    const counts = countContainersByImage(mapContainers(dockerContainers, FETCHED));
    const rows = withContainerCounts(mapImages(dockerImages, null), counts);
    expect(Object.fromEntries(rows.map((r) => [r.repoTags[0] ?? '<dangling>', r.containers]))).toEqual({ '<dangling>': 0, 'tmp:1': 0, 'layered:1': 1, 'base:1': 4 });
    const podman = withContainerCounts(mapImages(podmanImages, null), countContainersByImage(mapContainers(podmanContainers, FETCHED)));
    // Podman's own count agrees with ours.
    expect(podman.map((r) => r.containers)).toEqual(podmanImages.map((i) => i.Containers));
  });
});
