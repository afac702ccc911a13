// What an engine can do, from its own facts: its kind, whether it runs
// rootless, and its cgroups version. Pure, so tests feed it engine answers.
import type { Capabilities, EngineKind } from './types';

export interface CapabilityFacts {
  kind: EngineKind;
  rootless: boolean;
  /** "1", "2", or null when the engine does not say. */
  cgroupVersion: string | null;
}

const yes = { available: true, reason: null } as const;
const no = (reason: string) => ({ available: false, reason });

export function capabilitiesOf(facts: CapabilityFacts): Capabilities {
  const product = facts.kind === 'podman' ? 'Podman' : 'Docker';
  // Rootless engines reach the freezer and the resource files only through a
  // delegated cgroups v2 tree; on v1 the kernel gives them no cgroup of their own.
  const rootlessV1 = facts.rootless && facts.cgroupVersion === '1';
  return {
    pods: facts.kind === 'podman' ? yes : no('Docker Engine has no pods: pods are a Podman feature (its libpod API). Pick a Podman engine for this host to see them.'),
    stats: rootlessV1 ? no(`Rootless ${product} on cgroups v1 cannot read containers' resource use: the host needs cgroups v2 (systemd.unified_cgroup_hierarchy=1).`) : yes,
    pause: rootlessV1 ? no(`Rootless ${product} on cgroups v1 cannot pause containers: the freezer needs cgroups v2 with delegation.`) : yes,
    exec: yes,
    events: yes,
  };
}
