// Keeps a container's status text current ("Up 3 minutes" an hour later reads
// "Up About an hour"), from when main estimated that state began.
import type { ContainerRow } from '../../../main/engines/types';

/** A duration the way docker/go-units writes it, so the text reads as the docker CLI's. */
export function humanDuration(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(totalSeconds / 3600 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(totalSeconds / 3600 / 24 / 365)} years`;
}

export function liveStatus(row: Pick<ContainerRow, 'status' | 'statusSince'>, nowMs: number): string {
  if (row.statusSince === null) return row.status;
  const phrase = humanDuration(Math.max(0, nowMs - row.statusSince) / 1000);
  const up = /^Up .+?( \(.*\))?$/.exec(row.status);
  if (up) return `Up ${phrase}${up[1] ?? ''}`;
  const exited = /^(Exited \(-?\d+\)) .+ ago$/.exec(row.status);
  return exited ? `${exited[1]} ${phrase} ago` : row.status;
}
