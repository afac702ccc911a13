// Which lifecycle actions make sense for a container in a given state.
import type { ContainerRow, ContainerState } from '../../../main/engines/types';
import type { LifecycleAction } from '../../../main/containers/actions';

export const ACTION_LABEL: Record<LifecycleAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  unpause: 'Unpause',
  kill: 'Kill',
  remove: 'Remove',
};

const BY_STATE: Record<ContainerState, readonly LifecycleAction[]> = {
  running: ['stop', 'restart', 'pause', 'kill', 'remove'],
  restarting: ['stop', 'kill', 'remove'],
  paused: ['unpause', 'stop', 'remove'],
  created: ['start', 'remove'],
  exited: ['start', 'restart', 'remove'],
  dead: ['remove'],
  removing: [],
};

/** The rows an action applies to, out of a selection. */
export function applicable(rows: readonly ContainerRow[], action: LifecycleAction): ContainerRow[] {
  return rows.filter((r) => BY_STATE[r.state].includes(action));
}

/** Removing or killing loses state: those ask first. */
export function isDestructive(action: LifecycleAction): boolean {
  return action === 'remove' || action === 'kill';
}

/** Running or paused containers go only with force. */
export function needsForce(rows: readonly ContainerRow[]): boolean {
  return rows.some((r) => r.state === 'running' || r.state === 'paused' || r.state === 'restarting');
}
