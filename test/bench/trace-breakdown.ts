// Where a page's time goes, from a Chromium performance trace (the JSON that
// DevTools' Performance panel records): the CPU time of each kind of thread,
// and the renderer main thread's by event (script, style, layout, paint…).
// CPU time, not wall time: on a loaded machine a task waiting for a core
// looks long on the wall clock without costing anything.

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where Chromium records it. */
  tts?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { processId: number }[] } };
}

export interface TraceBreakdown {
  seconds: number;
  /** CPU milliseconds per second, by thread name (numbered workers summed). */
  cpuPerSecond: Record<string, number>;
  /** The renderer main thread's self CPU milliseconds per second, by event name, largest first. */
  mainSelfPerSecond: [string, number][];
}

/** The threads that draw a page (raster runs on tile workers or the thread pool, by build). */
const THREADS = ['CrRendererMain', 'Compositor', 'CompositorTileWorker', 'ThreadPoolForegroundWorker', 'VizCompositorThread', 'CrGpuMain', 'CrBrowserMain'];

interface Span {
  name: string;
  ts: number;
  /** Wall time, for nesting. */
  dur: number;
  cpu: number;
}

/** Complete events per thread, B/E pairs joined, sorted by start (outer first when equal). */
function spansByThread(events: readonly TraceEvent[]): Map<string, Span[]> {
  const spans = new Map<string, Span[]>();
  const open = new Map<string, TraceEvent[]>();
  const listOf = <T>(map: Map<string, T[]>, key: string) => map.get(key) ?? map.set(key, []).get(key)!;
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.dur !== undefined) listOf(spans, key).push({ name: e.name, ts: e.ts, dur: e.dur, cpu: e.tdur ?? e.dur });
    else if (e.ph === 'B') listOf(open, key).push(e);
    else if (e.ph === 'E') {
      const begin = open.get(key)?.pop();
      if (begin) listOf(spans, key).push({ name: begin.name, ts: begin.ts, dur: e.ts - begin.ts, cpu: begin.tts !== undefined && e.tts !== undefined ? e.tts - begin.tts : e.ts - begin.ts });
    }
  }
  for (const list of spans.values()) list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  return spans;
}

export function traceBreakdown(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): TraceBreakdown {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) threadName.set(`${e.pid}:${e.tid}`, e.args.name.replace(/\d*(\/\d+)?$/, ''));
  // Other pages' renderers are left out: only the traced page's process, the browser's and the GPU's.
  const renderers = new Set(events.filter((e) => e.ph === 'M' && e.name === 'process_name' && e.args?.name === 'Renderer').map((e) => e.pid));
  const page = new Set(events.filter((e) => e.name === 'TracingStartedInBrowser').flatMap((e) => e.args?.data?.frames?.map((f) => f.processId) ?? []));
  const timed = events.filter((e) => (e.ph === 'X' || e.ph === 'B' || e.ph === 'E') && (page.size === 0 || !renderers.has(e.pid) || page.has(e.pid)));
  const start = timed.reduce((min, e) => Math.min(min, e.ts), Infinity);
  const end = timed.reduce((max, e) => Math.max(max, e.ts + (e.dur ?? 0)), -Infinity);
  const seconds = (end - start) / 1e6 || 1;
  const perSecond = (us: number) => us / 1000 / seconds;

  const busy: Record<string, number> = {};
  const self = new Map<string, number>();
  for (const [key, spans] of spansByThread(timed)) {
    const name = threadName.get(key) ?? '';
    if (!THREADS.includes(name)) continue;
    // Nesting by time: a span inside the one on top of the stack is its child.
    const stack: { end: number; name: string; self: number }[] = [];
    const close = (until: number) => {
      while (stack.length && stack.at(-1)!.end <= until) {
        const done = stack.pop()!;
        if (name === 'CrRendererMain') self.set(done.name, (self.get(done.name) ?? 0) + done.self);
      }
    };
    for (const span of spans) {
      close(span.ts);
      const parent = stack.at(-1);
      if (parent) parent.self -= span.cpu;
      else busy[name] = (busy[name] ?? 0) + span.cpu;
      stack.push({ end: span.ts + span.dur, name: span.name, self: span.cpu });
    }
    close(Infinity);
  }
  return {
    seconds,
    cpuPerSecond: Object.fromEntries(Object.entries(busy).map(([name, us]) => [name, perSecond(us)])),
    mainSelfPerSecond: [...self].map(([name, us]): [string, number] => [name, perSecond(us)]).sort((a, b) => b[1] - a[1]),
  };
}

/** Two lines: CPU ms/s per thread, then the main thread's top events. */
export function formatBreakdown(b: TraceBreakdown, top = 8): string {
  const busy = Object.entries(b.cpuPerSecond)
    .sort((x, y) => y[1] - x[1])
    .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
    .join(', ');
  const main = b.mainSelfPerSecond
    .slice(0, top)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(', ');
  return `      CPU ms per second by thread: ${busy}\n      renderer main thread, self CPU ms per second: ${main}`;
}
