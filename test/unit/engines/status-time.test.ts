import { describe, expect, it } from 'vitest';
import { parseHumanDuration, statusSince } from '../../../main/engines/status-time';
import { humanDuration, liveStatus } from '../../../renderer/src/lib/status';

const T = 1_800_000_000_000;

describe('status times', () => {
  it('reads the durations Docker and Podman write', () => {
    expect(parseHumanDuration('Less than a second')).toBe(0);
    expect(parseHumanDuration('1 second')).toBe(1);
    expect(parseHumanDuration('42 seconds')).toBe(42);
    expect(parseHumanDuration('About a minute')).toBe(60);
    expect(parseHumanDuration('5 minutes')).toBe(300);
    expect(parseHumanDuration('About an hour')).toBe(3600);
    expect(parseHumanDuration('3 days')).toBe(259_200);
    expect(parseHumanDuration('soon')).toBeNull();
  });

  it('dates the state from the status text and the fetch time', () => {
    expect(statusSince('Up 5 minutes', T)).toBe(T - 300_000);
    expect(statusSince('Up 2 hours (healthy)', T)).toBe(T - 7_200_000);
    expect(statusSince('Up 10 seconds (Paused)', T)).toBe(T - 10_000);
    expect(statusSince('Exited (137) 3 days ago', T)).toBe(T - 259_200_000);
    expect(statusSince('Created', T)).toBeNull();
    expect(statusSince('Restarting (1) 2 seconds ago', T)).toBeNull();
  });

  it('writes durations as the docker CLI does', () => {
    expect(humanDuration(0.4)).toBe('Less than a second');
    expect(humanDuration(59)).toBe('59 seconds');
    expect(humanDuration(90)).toBe('About a minute');
    expect(humanDuration(59 * 60)).toBe('59 minutes');
    expect(humanDuration(80 * 60)).toBe('About an hour');
    expect(humanDuration(47 * 3600)).toBe('47 hours');
    expect(humanDuration(10 * 86_400)).toBe('10 days');
    expect(humanDuration(40 * 86_400)).toBe('5 weeks');
    expect(humanDuration(400 * 86_400)).toBe('13 months');
    expect(humanDuration(800 * 86_400)).toBe('2 years');
  });

  it('keeps a status fetched an hour ago current, suffixes and exit codes included', () => {
    const fetched = T - 3_600_000;
    const row = (status: string) => ({ status, statusSince: statusSince(status, fetched) });
    expect(liveStatus(row('Up 2 seconds'), T)).toBe('Up About an hour');
    expect(liveStatus(row('Up 5 minutes (Paused)'), T)).toBe('Up About an hour (Paused)');
    expect(liveStatus(row('Exited (1) 30 minutes ago'), T)).toBe('Exited (1) 2 hours ago');
    expect(liveStatus(row('Created'), T)).toBe('Created');
  });
});
