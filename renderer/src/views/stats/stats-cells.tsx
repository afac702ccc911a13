// Live CPU and memory cells of the containers list: the figure now and a
// sparkline of the last minute. A new frame re-renders a cell only when its
// text changed; the sparkline's canvas is redrawn straight from the frame,
// outside React.
import { memo, useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ContainerRow } from '../../../../main/engines/types';
import type { StatsSample } from '../../../../main/stats/types';
import { formatBytes } from '../../lib/format';
import { formatRoute } from '../../lib/route';
import { formatPercent } from '../../lib/stats';
import { SPARK_POINTS, type StatsStore } from '../../state/stats';
import { drawSparkline, SPARKLINE_HEIGHT, SPARKLINE_WIDTH, type SparklineData } from '../../ui/sparkline';

export type StatsColumn = 'cpu' | 'memory';

const cellText = (sample: StatsSample | undefined, column: StatsColumn) =>
  !sample ? '…' : column === 'cpu' ? formatPercent(sample.cpu) : formatBytes(sample.mem, { binary: true });

function sparkline(store: StatsStore, id: string, column: StatsColumn): SparklineData {
  const tail = store.tail(id);
  if (column === 'cpu') {
    const values = tail.map((s) => s.cpu);
    return { values, max: Math.max(100, ...values.map((v) => v ?? 0)), points: SPARK_POINTS };
  }
  return { values: tail.map((s) => s.mem), max: store.get().frame?.samples[id]?.memLimit ?? 1, points: SPARK_POINTS };
}

export const StatsCell = memo(function StatsCell({ store, row, column }: { store: StatsStore; row: ContainerRow; column: StatsColumn }) {
  const running = row.state === 'running';
  const text = useSyncExternalStore(
    store.subscribe,
    useCallback(() => cellText(store.get().frame?.samples[row.id], column), [store, row.id, column]),
  );
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!running) return;
    const draw = () => canvas.current && drawSparkline(canvas.current, sparkline(store, row.id, column));
    draw();
    return store.onFrame(draw);
  }, [store, row.id, column, running]);

  if (!running) return <span className="text-faint">—</span>;
  const label = column === 'cpu' ? `CPU of ${row.name}: ${text}. Open its resources` : `Memory of ${row.name}: ${text}. Open its resources`;
  return (
    <a href={formatRoute({ view: 'stats', params: { id: row.id } })} aria-label={label} data-testid={`${column}-cell`} className="flex min-w-0 items-center gap-2 rounded hover:bg-raised">
      <canvas
        ref={canvas}
        aria-hidden
        style={{ width: SPARKLINE_WIDTH, height: SPARKLINE_HEIGHT }}
        className={`shrink-0 ${column === 'cpu' ? 'text-blue-500' : 'text-violet-500'}`}
        data-testid={`${column}-sparkline`}
      />
      <span className="truncate font-mono text-[11.5px] text-muted tabular">{text}</span>
    </a>
  );
});
