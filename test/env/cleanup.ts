// Cleaning a slot: what runs in it is killed, what is mounted under it is
// unmounted, its bridges and iptables rules are removed. Synchronous, so it
// also runs from signal and exit handlers.
import { readdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { criBridgeOf, removeCniCache } from './containerd-cri';
import { bridgeNames, deleteLink, previousNetwork, releaseNetwork, type SlotNetwork } from './network';
import { runSync } from './process';
import { lockSlot, staleSlots, type Slot } from './state';
import { sweep } from './sweep';

/** The cgroup parent of the slot's Docker containers (dockerd --cgroup-parent). */
export const cgroupParentOf = (slot: Slot) => `/berth-test-${slot.id}`;
/** The cgroup parent the tests give their CRI pods: inside the slot's, so the same cleanup finds them. */
export const criCgroupParentOf = (slot: Slot) => `${cgroupParentOf(slot)}/cri`;
export const networkStateOf = (slot: Slot) => join(slot.dir, 'network.json');
/** Network namespaces the slot's tests make for hosts of their own (test/support/remote-host.ts). */
export const netnsPrefixOf = (slotIndex: number) => `berth-s${slotIndex}-h`;

export function cleanSlot(slot: Slot, net?: SlotNetwork): void {
  sweep(slot.dir, cgroupParentOf(slot));
  const known = net ?? previousNetwork(networkStateOf(slot), slot.id);
  if (known) releaseNetwork(known);
  [...bridgeNames(slot.id), criBridgeOf(slot.id)].forEach(deleteLink);
  deleteNetns(netnsPrefixOf(slot.index));
  removeCniCache(slot.id);
  removeCgroups(cgroupParentOf(slot));
}

/** Deleting a namespace also deletes the veth pair that reached into it. */
function deleteNetns(prefix: string): void {
  for (const name of namesIn('/run/netns')) if (name.startsWith(prefix)) runSync('ip', ['netns', 'delete', name]);
}

/** A folder's entries; none when it does not exist. */
function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes the (empty, once their processes are gone) cgroups of the slot's containers, nested ones (CRI pods) first. */
function removeCgroups(parent: string): void {
  const removeTree = (dir: string) => {
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) removeTree(join(dir, entry.name));
      }
      rmdirSync(dir);
    } catch {
      // absent, or still in use
    }
  };
  for (const controller of namesIn('/sys/fs/cgroup')) removeTree(join('/sys/fs/cgroup', controller, parent));
}

/** Cleans and frees the other slots that crashed runs left behind. */
export function reapStaleSlots(mine: Slot, log: (line: string) => void): void {
  for (const index of staleSlots(mine.index)) {
    const slot = lockSlot(index);
    if (!slot) continue;
    try {
      cleanSlot(slot);
      log(`cleaned ${slot.dir}, left by a run that did not stop`);
    } finally {
      slot.release();
    }
  }
}
