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

describe('traceBreakdown', () => {
  it('counts CPU time, not wall time: a task that waited for a core costs what it ran', () => {
    const b = traceBreakdown([
      ...names,
      // 300 ms on the wall clock, 12 ms on the CPU (the machine was loaded).
      { ph: 'X', name: 'RunTask', pid: 1, tid: 10, ts: 0, dur: 300_000, tdur: 12_000 },
      { ph: 'X', name: 'RunTask', pid: 2, tid: 20, ts: 500_000, dur: 500_000, tdur: 4_000 },
    ]);
    expect(b.seconds).toBe(1);
    expect(b.cpuPerSecond).toEqual({ CrRendererMain: 12, VizCompositorThread: 4 });
  });

  it("gives the main thread's self time by event: a child's time is not its parent's", () => {
    const b = traceBreakdown([
      ...names,
      { ph: 'X', name: 'RunTask', pid: 1, tid: 10, ts: 0, dur: 20_000, tdur: 20_000 },
      { ph: 'X', name: 'FunctionCall', pid: 1, tid: 10, ts: 1_000, dur: 10_000, tdur: 10_000 },
      // Style forced by the script (getComputedStyle), inside it.
      { ph: 'X', name: 'UpdateLayoutTree', pid: 1, tid: 10, ts: 2_000, dur: 3_000, tdur: 3_000 },
      // A begin/end pair after the script, still inside the task.
      { ph: 'B', name: 'Paint', pid: 1, tid: 10, ts: 12_000, tts: 100 },
      { ph: 'E', name: 'Paint', pid: 1, tid: 10, ts: 17_000, tts: 5_100 },
      { ph: 'X', name: 'RunTask', pid: 1, tid: 10, ts: 999_000, dur: 1_000, tdur: 1_000 },
    ]);
    expect(Object.fromEntries(b.mainSelfPerSecond)).toEqual({ RunTask: 6, FunctionCall: 7, UpdateLayoutTree: 3, Paint: 5 });
    expect(b.mainSelfPerSecond[0]).toEqual(['FunctionCall', 7]);
    // Only top-level tasks count towards the thread's total.
    expect(b.cpuPerSecond).toEqual({ CrRendererMain: 21 });
  });

  it('sums the raster workers under one name and leaves out threads it does not follow', () => {
    const b = traceBreakdown([
      ...names,
      { ph: 'X', name: 'RasterTask', pid: 1, tid: 11, ts: 0, dur: 2_000, tdur: 2_000 },
      { ph: 'X', name: 'RasterTask', pid: 1, tid: 12, ts: 0, dur: 3_000, tdur: 3_000 },
      { ph: 'X', name: 'EpollEvent', pid: 2, tid: 21, ts: 0, dur: 1_000_000, tdur: 1_000 },
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
      { ph: 'X', name: 'RunTask', pid: 1, tid: 10, ts: 0, dur: 2_000, tdur: 2_000 },
      { ph: 'X', name: 'RunTask', pid: 3, tid: 30, ts: 0, dur: 50_000, tdur: 50_000 },
      { ph: 'X', name: 'RunTask', pid: 2, tid: 20, ts: 0, dur: 1_000_000, tdur: 1_000 },
    ]);
    expect(b.cpuPerSecond).toEqual({ CrRendererMain: 2, VizCompositorThread: 1 });
  });
});
