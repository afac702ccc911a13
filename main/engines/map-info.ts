// GET /version and GET /info as EngineInfo. The kind is read from the
// version's components: Podman names its component "Podman Engine".
import { capabilitiesOf } from './capabilities';
import { arr, num, obj, str, strings } from './json';
import type { EngineInfo, EngineKind } from './types';

export function detectKind(version: unknown): EngineKind {
  const v = obj(version);
  const names = arr(v['Components']).map((c) => str(obj(c)['Name']));
  return names.some((n) => /podman/i.test(n)) || /podman/i.test(str(obj(v['Platform'])['Name'])) ? 'podman' : 'docker';
}

export function mapEngineInfo(version: unknown, info: unknown, where: { endpoint: string; source: string }): EngineInfo {
  const v = obj(version);
  const i = obj(info);
  const kind = detectKind(version);
  const platformName = str(obj(v['Platform'])['Name']);
  // Podman's Platform.Name is "os/arch/distro", not a product name.
  const product = kind === 'docker' ? platformName || 'Docker Engine' : str(obj(arr(v['Components'])[0])['Name'], 'Podman Engine');
  const total = num(i['Containers']);
  const running = num(i['ContainersRunning']);
  const paused = num(i['ContainersPaused']);
  const rootless = i['Rootless'] === true || strings(i['SecurityOptions']).some((o) => o.split(',').includes('name=rootless'));
  const cgroupVersion = str(i['CgroupVersion']) || null;
  return {
    kind,
    product,
    version: str(v['Version'], str(i['ServerVersion'])),
    apiVersion: str(v['ApiVersion']),
    minApiVersion: str(v['MinAPIVersion']) || null,
    os: str(i['OperatingSystem']),
    osType: str(i['OSType'], str(v['Os'])),
    arch: str(i['Architecture'], str(v['Arch'])),
    kernelVersion: str(i['KernelVersion'], str(v['KernelVersion'])),
    hostname: str(i['Name']),
    cpus: num(i['NCPU']),
    memoryBytes: num(i['MemTotal']),
    storageDriver: str(i['Driver']),
    defaultRuntime: str(i['DefaultRuntime']),
    runtimes: Object.keys(obj(i['Runtimes'])).sort(),
    cgroupVersion,
    cgroupDriver: str(i['CgroupDriver']) || null,
    rootDir: str(i['DockerRootDir']),
    // Created containers count in neither Running, Paused nor Stopped on Podman: stopped is "the rest".
    containers: { total, running, paused, stopped: Math.max(0, total - running - paused) },
    images: num(i['Images']),
    rootless,
    endpoint: where.endpoint,
    source: where.source,
    capabilities: capabilitiesOf({ kind, rootless, cgroupVersion }),
  };
}

/** "1.41" < "1.42": API versions compare numerically part by part. */
export function apiAtLeast(version: string, wanted: string): boolean {
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (Number.isNaN(x)) return false;
    if (x !== y) return x > y;
  }
  return true;
}
