import { describe, expect, it } from 'vitest';
import { traceBreakdown } from '../../bench/trace-breakdown';

// A renderer (pid 1) and a GPU process (pid 2), over one second: what
// Chromium's tracing writes, cut down to the fields the breakdown reads.
const names = [
  { ph: 'M', name: 'thread_name', pid: 1, tid: 10, ts: 0, args: { name: 'CrRendererMain' } },
  { ph: 'M', name: 'thread_name', pid: 1, tid: 11, ts: 0, args: { name: 'CompositorTileWorker1/11' } },
  { ph: 'M', name: 'thread_name', pid: 1, tid: 12, ts: 0, args: { name: 'CompositorTileWorker2/12' } },
  { ph: 'M', name: 'thread_name', pid: 2, tid: 20, ts: 0, args: { name: 'VizCompositorThread' } },
  { ph: 'M', name: 'thread_name', pid: 2, tid: 21, ts: 0, args: { name: 'Chrome_ChildIOThread' } },
];

const MAIN = { pid: 1, tid: 10 };
const VIZ = { pid: 2, tid: 20 };
/** A complete event on a thread: start and wall time in ms, CPU time as long as the wall time unless told. */
const span = (thread: { pid: number; tid: number }, name: string, startMs: number, wallMs: number, cpuMs = wallMs) => ({ ph: 'X', name, ...thread, ts: startMs * 1000, dur: wallMs * 1000, tdur: cpuMs * 1000 });

describe('traceBreakdown', () => {
  it('counts CPU time, not wall time: a task that waited for a core costs what it ran', () => {
    const b = traceBreakdown([
      ...names,
      // 300 ms on the wall clock, 12 ms on the CPU (the machine was loaded).
      span(MAIN, 'RunTask', 0, 300, 12),
      span(VIZ, 'RunTask', 500, 500, 4),
    ]);
    expect(b.seconds).toBe(1);
    expect(b.cpuPerSecond).toEqual({ CrRendererMain: 12, VizCompositorThread: 4 });
  });

  it("gives the main thread's self time by event: a child's time is not its parent's", () => {
    const b = traceBreakdown([
      ...names,
      span(MAIN, 'RunTask', 0, 20),
      span(MAIN, 'FunctionCall', 1, 10),
      // Style forced by the script (getComputedStyle), inside it.
      span(MAIN, 'UpdateLayoutTree', 2, 3),
      // A begin/end pair after the script, still inside the task.
      { ph: 'B', name: 'Paint', pid: 1, tid: 10, ts: 12_000, tts: 100 },
      { ph: 'E', name: 'Paint', pid: 1, tid: 10, ts: 17_000, tts: 5_100 },
      span(MAIN, 'RunTask', 999, 1),
    ]);
    expect(Object.fromEntries(b.mainSelfPerSecond)).toEqual({ RunTask: 6, FunctionCall: 7, UpdateLayoutTree: 3, Paint: 5 });
    expect(b.mainSelfPerSecond[0]).toEqual(['FunctionCall', 7]);
    // Only top-level tasks count towards the thread's total.
    expect(b.cpuPerSecond).toEqual({ CrRendererMain: 21 });
  });

  it('sums the raster workers under one name and leaves out threads it does not follow', () => {
    const b = traceBreakdown([
      ...names,
      span({ pid: 1, tid: 11 }, 'RasterTask', 0, 2),
      span({ pid: 1, tid: 12 }, 'RasterTask', 0, 3),
      span({ pid: 2, tid: 21 }, 'EpollEvent', 0, 1000, 1),
    ]);
    expect(b.cpuPerSecond).toEqual({ CompositorTileWorker: 5 });
  });

  it("leaves out other pages' renderers: only the traced page's process counts", () => {
    const b = traceBreakdown([
      ...names,
      { ph: 'M', name: 'process_name', pid: 1, tid: 0, ts: 0, args: { name: 'Renderer' } },
      { ph: 'M', name: 'process_name', pid: 3, tid: 0, ts: 0, args: { name: 'Renderer' } },
      { ph: 'M', name: 'process_name', pid: 2, tid: 0, ts: 0, args: { name: 'GPU Process' } },
      { ph: 'M', name: 'thread_name', pid: 3, tid: 30, ts: 0, args: { name: 'CrRendererMain' } },
      { ph: 'I', name: 'TracingStartedInBrowser', pid: 9, tid: 9, ts: 0, args: { data: { frames: [{ processId: 1 }] } } },
      span(MAIN, 'RunTask', 0, 2),
      span({ pid: 3, tid: 30 }, 'RunTask', 0, 50),
      span(VIZ, 'RunTask', 0, 1000, 1),
    ]);
    expect(b.cpuPerSecond).toEqual({ CrRendererMain: 2, VizCompositorThread: 1 });
  });
});
