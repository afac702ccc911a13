import { describe, expect, it } from 'vitest';
import { compactPorts, countLabel, formatBytes, formatDuration, formatExactTime, formatPort, formatPorts, formatRelativeTime, secondsUntil, shortId } from '../../../renderer/src/lib/format';
import { port } from './fixtures';

describe('formatBytes', () => {
  it('uses decimal units by default, as docker images does', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.00 kB');
    expect(formatBytes(187_654_321)).toBe('188 MB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(1_234_567_890)).toBe('1.23 GB');
  });
  it('uses binary units for memory', () => {
    expect(formatBytes(1024, { binary: true })).toBe('1.00 KiB');
    expect(formatBytes(8 * 1024 ** 3, { binary: true })).toBe('8.00 GiB');
    expect(formatBytes(16_663_556_096, { binary: true })).toBe('15.5 GiB');
  });
  it('carries into the next unit when rounding reaches it', () => {
    expect(formatBytes(999_960)).toBe('1.00 MB');
    expect(formatBytes(1024 * 1024 - 1, { binary: true })).toBe('1.00 MiB');
  });
  it('handles odd input', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-2000)).toBe('-2.00 kB');
    expect(formatBytes(5e18)).toBe('5000 PB');
  });
});

describe('relative time', () => {
  const now = Date.UTC(2025, 0, 10, 12, 0, 0);
  it('says just now for the last few seconds and small clock skew', () => {
    expect(formatRelativeTime(now, now)).toBe('just now');
    expect(formatRelativeTime(now - 30_000, now)).toBe('just now');
    expect(formatRelativeTime(now + 20_000, now)).toBe('just now');
  });
  it('uses the largest unit that fits', () => {
    expect(formatRelativeTime(now - 50_000, now)).toBe('50 seconds ago');
    expect(formatRelativeTime(now - 60_000, now)).toBe('1 minute ago');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelativeTime(now - 3 * 3600_000, now)).toBe('3 hours ago');
    expect(formatRelativeTime(now - 2 * 86400_000, now)).toBe('2 days ago');
    expect(formatRelativeTime(now - 20 * 86400_000, now)).toBe('2 weeks ago');
    expect(formatRelativeTime(now - 90 * 86400_000, now)).toBe('3 months ago');
    expect(formatRelativeTime(now - 800 * 86400_000, now)).toBe('2 years ago');
  });
  it('shows the future when it is far off', () => {
    expect(formatRelativeTime(now + 2 * 3600_000, now)).toBe('in 2 hours');
  });
  it('formats durations', () => {
    expect(formatDuration(1)).toBe('1 second');
    expect(formatDuration(-5)).toBe('0 seconds');
    expect(formatDuration(13 * 86400)).toBe('13 days');
  });
  it('gives the exact local time', () => {
    expect(formatExactTime(new Date(2024, 4, 1, 14, 3, 22).getTime())).toBe('2024-05-01 14:03:22');
    expect(formatExactTime(Number.NaN)).toBe('');
  });
  it('counts down whole seconds', () => {
    expect(secondsUntil(now + 4_100, now)).toBe(5);
    expect(secondsUntil(now + 5_000, now)).toBe(5);
    expect(secondsUntil(now - 1_000, now)).toBe(0);
  });
});

describe('ports', () => {
  it('formats like the docker CLI, with an arrow', () => {
    expect(formatPort(port(80, 8080))).toBe('0.0.0.0:8080→80/tcp');
    expect(formatPort(port(80, 8080, '::'))).toBe('[::]:8080→80/tcp');
    expect(formatPort(port(53, 5353, '127.0.0.1', 'udp'))).toBe('127.0.0.1:5353→53/udp');
    expect(formatPort(port(80))).toBe('80/tcp');
    expect(formatPort(port(80, 8080, null))).toBe('8080→80/tcp');
  });
  it('sorts published first, IPv4 before IPv6, and drops duplicates', () => {
    expect(formatPorts([port(443), port(80, 8080, '::'), port(80, 8080), port(80, 8080), port(22, 2222)])).toEqual([
      '0.0.0.0:2222→22/tcp',
      '0.0.0.0:8080→80/tcp',
      '[::]:8080→80/tcp',
      '443/tcp',
    ]);
  });
});

describe('compact ports', () => {
  it('folds a port published on every address into one', () => {
    expect(compactPorts([port(80, 8080, '::'), port(80, 8080)])).toEqual(['8080→80/tcp']);
  });
  it('keeps specific addresses, unpublished ports last', () => {
    expect(compactPorts([port(5432), port(53, 5353, '127.0.0.1', 'udp'), port(80, 8080, '0.0.0.0'), port(5432)])).toEqual(['127.0.0.1:5353→53/udp', '8080→80/tcp', '5432/tcp']);
  });
  it('shows a mix of wildcard and specific bindings in full', () => {
    expect(compactPorts([port(80, 8080, '0.0.0.0'), port(80, 8080, '192.168.1.5')])).toEqual(['0.0.0.0:8080→80/tcp', '192.168.1.5:8080→80/tcp']);
  });
});

describe('ids and counts', () => {
  it('shortens ids', () => {
    expect(shortId('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortId('abcdef0123456789')).toBe('abcdef012345');
  });
  it('pluralizes', () => {
    expect(countLabel(1, 'container')).toBe('1 container');
    expect(countLabel(5000, 'container')).toBe('5,000 containers');
    expect(countLabel(0, 'CPU')).toBe('0 CPUs');
  });
});
