// Live CPU and memory cells of the containers list: the figure now and a
// sparkline of the last minute. A new frame re-renders a cell only when its
// text changed; the sparkline's canvas is redrawn straight from the frame,
// outside React.
import { memo, useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ContainerRow } from '../../../../main/engines/types';
import { hasOwnMemoryLimit } from '../../../../main/stats/memory-limit';
import type { StatsFrame } from '../../../../main/stats/types';
import { formatBytes } from '../../lib/format';
import { formatRoute } from '../../lib/route';
import { formatPercent, memoryScaleTop } from '../../lib/stats';
import { SPARK_POINTS, type StatsStore } from '../../state/stats';
import { drawSparkline, SPARKLINE_HEIGHT, SPARKLINE_WIDTH, type SparklineData } from '../../ui/sparkline';

export type StatsColumn = 'cpu' | 'memory';

const bytes = (v: number) => formatBytes(v, { binary: true });
const NO_LIMIT = 'no limit';

/**
 * The cell's words, a string so that an unchanged cell does not re-render:
 * the figure now, and for memory a second line with what it is measured
 * against (its own limit, or none; nothing while the host's memory is unknown).
 */
function cellText(frame: StatsFrame | null, id: string, column: StatsColumn): string {
  const sample = frame?.samples[id];
  if (!sample) return '…';
  if (column === 'cpu') return formatPercent(sample.cpu);
  const ceiling = hasOwnMemoryLimit(sample.memLimit, frame.hostMemory) ? `of ${bytes(sample.memLimit)}` : frame.hostMemory !== null ? NO_LIMIT : '';
  return `${bytes(sample.mem)}\n${ceiling}`;
}

function sparkline(store: StatsStore, id: string, column: StatsColumn): SparklineData {
  const tail = store.tail(id);
  if (column === 'cpu') {
    const values = tail.map((s) => s.cpu);
    return { values, max: Math.max(100, ...values.map((v) => v ?? 0)), points: SPARK_POINTS };
  }
  const values = tail.map((s) => s.mem);
  const frame = store.get().frame;
  return { values, max: memoryScaleTop(values, frame?.samples[id]?.memLimit ?? 0, frame?.hostMemory ?? null), points: SPARK_POINTS };
}

export const StatsCell = memo(function StatsCell({ store, row, column }: { store: StatsStore; row: ContainerRow; column: StatsColumn }) {
  const running = row.state === 'running';
  const text = useSyncExternalStore(
    store.subscribe,
    useCallback(() => cellText(store.get().frame, row.id, column), [store, row.id, column]),
  );
  const [now, ceiling] = text.split('\n');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!running) return;
    const draw = () => canvas.current && drawSparkline(canvas.current, sparkline(store, row.id, column));
    draw();
    return store.onFrame(draw);
  }, [store, row.id, column, running]);

  if (!running) return <span className="text-faint">—</span>;
  const spoken = !ceiling ? now : ceiling === NO_LIMIT ? `${now}, ${NO_LIMIT}` : `${now} ${ceiling}`;
  const label = `${column === 'cpu' ? 'CPU' : 'Memory'} of ${row.name}: ${spoken}. Open its resources`;
  return (
    <a href={formatRoute({ view: 'stats', params: { id: row.id, from: 'containers' } })} aria-label={label} data-testid={`${column}-cell`} className="flex min-w-0 items-center gap-2 rounded hover:bg-raised">
      <canvas
        ref={canvas}
        aria-hidden
        style={{ width: SPARKLINE_WIDTH, height: SPARKLINE_HEIGHT }}
        className={`shrink-0 ${column === 'cpu' ? 'text-blue-500' : 'text-violet-500'}`}
        data-testid={`${column}-sparkline`}
      />
      <span className="min-w-0 font-mono tabular">
        <span className="block truncate text-[11.5px] text-muted">{now}</span>
        {ceiling && (
          <span className="block truncate text-[11px] text-faint" data-testid="memory-ceiling">
            {ceiling}
          </span>
        )}
      </span>
    </a>
  );
});
