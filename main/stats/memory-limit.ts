// Whether a container's memory limit is its own. Docker and Podman report the
// engine host's memory as the "limit" of a container that has none, so the
// figure alone cannot tell; measured against the host's memory it can. The
// alerts and the renderer's charts decide with this one rule (the renderer
// may import this module: it is plain logic, no I/O).

/**
 * True when `memLimit` is a limit set on the container, not the host's memory
 * it reports without one. While the host's memory is not known (null) the
 * container is not known to be limited.
 */
export function hasOwnMemoryLimit(memLimit: number, hostMemory: number | null): boolean {
  return hostMemory !== null && hostMemory > 0 && memLimit > 0 && memLimit < hostMemory;
}
