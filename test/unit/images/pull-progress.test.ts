// Pull progress folded from messages shaped like Docker 20.10's progress stream.
import { describe, expect, it } from 'vitest';
import { JsonLines, PullTracker, type ProgressMessage } from '../../../main/images/pull-progress';

const feedAll = (t: PullTracker, messages: ProgressMessage[], at = 0) => messages.forEach((m, i) => t.feed(m, at + i));

describe('PullTracker', () => {
  it('follows each layer from waiting through downloading and extracting to done', () => {
    const t = new PullTracker();
    feedAll(t, [
      { status: 'Pulling from team/web', id: '1' },
      { status: 'Already exists', id: 'aaa', progressDetail: {} },
      { status: 'Pulling fs layer', id: 'bbb', progressDetail: {} },
      { status: 'Pulling fs layer', id: 'ccc', progressDetail: {} },
      { status: 'Waiting', id: 'ccc', progressDetail: {} },
      { status: 'Downloading', id: 'bbb', progressDetail: { current: 500, total: 1000 } },
    ]);
    let s = t.snapshot(10);
    expect(s.layers.map((l) => [l.id, l.state])).toEqual([
      ['aaa', 'exists'],
      ['bbb', 'downloading'],
      ['ccc', 'waiting'],
    ]);
    expect(s.layers[1]).toMatchObject({ current: 500, total: 1000, size: 1000 });
    expect(s.downloaded).toBe(500);
    expect(s.status).toBe('Pulling from team/web');
    expect(s.fraction).toBeGreaterThan(0);
    expect(s.fraction).toBeLessThan(1);

    feedAll(t, [
      { status: 'Downloading', id: 'bbb', progressDetail: { current: 1000, total: 1000 } },
      { status: 'Verifying Checksum', id: 'bbb', progressDetail: {} },
      { status: 'Download complete', id: 'bbb', progressDetail: {} },
      { status: 'Extracting', id: 'bbb', progressDetail: { current: 32768, total: 1000 } },
      { status: 'Pull complete', id: 'bbb', progressDetail: {} },
      { status: 'Downloading', id: 'ccc', progressDetail: { current: 10, total: 10 } },
      { status: 'Download complete', id: 'ccc', progressDetail: {} },
      { status: 'Pull complete', id: 'ccc', progressDetail: {} },
      { status: 'Digest: sha256:abc' },
      { status: 'Status: Downloaded newer image for 127.0.0.1:5000/team/web:1' },
    ], 20);
    s = t.snapshot(40);
    expect(s.layers.map((l) => l.state)).toEqual(['exists', 'done', 'done']);
    expect(s.fraction).toBe(1);
    expect(s.downloaded).toBe(1010);
    expect(s.digest).toBe('sha256:abc');
    expect(s.upToDate).toBe(false);
    expect(s.error).toBeNull();
  });

  it('reports speed over the last seconds and nothing once idle', () => {
    const t = new PullTracker();
    t.feed({ status: 'Downloading', id: 'x', progressDetail: { current: 0, total: 10_000_000 } }, 0);
    t.feed({ status: 'Downloading', id: 'x', progressDetail: { current: 1_000_000, total: 10_000_000 } }, 500);
    t.feed({ status: 'Downloading', id: 'x', progressDetail: { current: 2_000_000, total: 10_000_000 } }, 1000);
    expect(t.snapshot(1000).bytesPerSecond).toBe(2_000_000);
    expect(t.snapshot(60_000).bytesPerSecond).toBe(0);
  });

  it('says up to date and carries the engine error', () => {
    const t = new PullTracker();
    t.feed({ status: 'Status: Image is up to date for nginx:latest' }, 0);
    expect(t.snapshot(0)).toMatchObject({ upToDate: true, fraction: 1 });
    t.feed({ error: 'manifest unknown', errorDetail: { message: 'manifest for x:1 not found: manifest unknown' } }, 1);
    expect(t.snapshot(1).error).toBe('manifest for x:1 not found: manifest unknown');
  });

  it('weights layers by size, so a small finished layer does not look like half the pull', () => {
    const t = new PullTracker();
    feedAll(t, [
      { status: 'Downloading', id: 'small', progressDetail: { current: 1, total: 100 } },
      { status: 'Pull complete', id: 'small' },
      { status: 'Downloading', id: 'big', progressDetail: { current: 0, total: 9900 } },
    ]);
    expect(t.snapshot(5).fraction).toBeCloseTo(0.01, 3);
  });
});

describe('JsonLines', () => {
  it('splits messages across chunk boundaries and skips what is not JSON', () => {
    const lines = new JsonLines();
    expect(lines.push('{"status":"a"}\n{"sta')).toEqual([{ status: 'a' }]);
    expect(lines.push('tus":"b"}\r\nnot json\n')).toEqual([{ status: 'b' }]);
    expect(lines.push('{"status":"c"}')).toEqual([]);
    expect(lines.end()).toEqual([{ status: 'c' }]);
  });
});
