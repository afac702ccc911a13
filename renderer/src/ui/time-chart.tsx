// A time series chart over uPlot: lines (optionally stacked areas), a
// dashed limit line, values under the cursor in the legend, and a window
// that ends now. uPlot draws to a canvas, so it stays cheap at 1 Hz.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  /** A CSS color. */
  color: string;
  /** Fill under the line (for stacked areas). */
  fill?: boolean;
  dash?: boolean;
  /** What the legend shows under the cursor, when not the plotted value (stacked areas plot sums). */
  shown?: (index: number) => number | null;
}

export interface TimeChartProps {
  /** Accessible name, e.g. "CPU of web". */
  label: string;
  testId: string;
  series: readonly ChartSeries[];
  /** uPlot columns: times in seconds, then one array per series. */
  data: [number[], ...(number | null)[][]];
  /** The visible window in seconds, ending at `end` (seconds). */
  windowSeconds: number;
  end: number;
  /** Formats a value for the axis and the legend. */
  format: (v: number) => string;
  /** The least top of the y scale, e.g. 100 for percent. */
  minMax?: number;
  /** A fixed top of the y scale (a capacity), when known. */
  max?: number;
  /** Steps between the y axis' ticks; uPlot's own (1, 2, 5 × 10ⁿ) by default. */
  steps?: readonly number[];
  height?: number;
}

/** Tick steps for binary byte figures (1, 2, 4 … 512 × 1024ⁿ): "8 MiB, 16 MiB", not "9.54 MiB, 19.1 MiB". */
export const BINARY_BYTE_STEPS: readonly number[] = [0, 1, 2, 3, 4].flatMap((power) => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((n) => n * 1024 ** power));

export function TimeChart({ label, testId, series, data, windowSeconds, end, format, minMax = 1, max, steps, height = 160 }: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The latest props, for uPlot's callbacks, which are fixed at creation.
  const latest = useRef({ series, format, minMax, max, windowSeconds, end });
  latest.current = { series, format, minMax, max, windowSeconds, end };
  const shape = series.map((s) => `${s.label}|${s.color}|${s.fill}|${s.dash}`).join(',');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: () => [latest.current.end - latest.current.windowSeconds, latest.current.end] },
        y: { range: (_u, _min, dataMax) => [0, latest.current.max ?? Math.max(latest.current.minMax, (dataMax ?? 0) * 1.1)] },
      },
      axes: [
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' } },
        { stroke: 'currentColor', size: 80, incrs: steps ? [...steps] : undefined, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' }, values: (_u, splits) => splits.map((v) => latest.current.format(v)) },
      ],
      series: [
        { value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toLocaleTimeString()) },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          dash: s.dash ? [5, 4] : undefined,
          fill: s.fill ? `color-mix(in srgb, ${s.color} 35%, transparent)` : undefined,
          points: { show: false },
          value: (_u: uPlot, v: number | null, _si: number, idx: number | null) => {
            const shown = idx !== null ? latest.current.series[i]?.shown?.(idx) : undefined;
            const value = shown !== undefined ? shown : v;
            return value === null || value === undefined ? '—' : latest.current.format(value);
          },
        })),
      ],
    };
    const u = new uPlot(opts, [[]], el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [shape, height, steps]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data, windowSeconds, end, shape]);

  const points = data[0].length;
  return <div ref={box} role="img" aria-label={label} data-testid={testId} data-points={points} data-end={end} className="min-w-0 text-[11px] text-muted" />;
}
