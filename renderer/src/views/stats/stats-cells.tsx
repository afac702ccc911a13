// Live CPU and memory cells of the containers list: the figure now and a
// sparkline of the last minute. Each cell reads the stats store itself, so
// a new frame redraws these cells only, not the rows.
import { memo } from 'react';
import type { ContainerRow } from '../../../../main/engines/types';
import { useStore } from '../../app/hooks';
import { formatBytes } from '../../lib/format';
import { formatRoute } from '../../lib/route';
import { formatPercent } from '../../lib/stats';
import { SPARK_POINTS, type StatsStore } from '../../state/stats';
import { Sparkline } from '../../ui/sparkline';

export type StatsColumn = 'cpu' | 'memory';

export const StatsCell = memo(function StatsCell({ store, row, column }: { store: StatsStore; row: ContainerRow; column: StatsColumn }) {
  const { frame } = useStore(store);
  if (row.state !== 'running') return <span className="text-faint">—</span>;
  const sample = frame?.samples[row.id];
  const tail = store.tail(row.id);
  const text = !sample ? '…' : column === 'cpu' ? formatPercent(sample.cpu) : formatBytes(sample.mem, { binary: true });
  const label = column === 'cpu' ? `CPU of ${row.name}: ${text}. Open its resources` : `Memory of ${row.name}: ${text}. Open its resources`;
  return (
    <a href={formatRoute({ view: 'stats', params: { id: row.id } })} aria-label={label} data-testid={`${column}-cell`} className="flex min-w-0 items-center gap-2 rounded hover:bg-raised">
      <Sparkline
        values={tail.map((s) => (column === 'cpu' ? s.cpu : s.mem))}
        max={column === 'cpu' ? Math.max(100, ...tail.map((s) => s.cpu ?? 0)) : (sample?.memLimit ?? 1)}
        points={SPARK_POINTS}
        className={column === 'cpu' ? 'text-blue-500' : 'text-violet-500'}
        testId={`${column}-sparkline`}
      />
      <span className="truncate font-mono text-[11.5px] text-muted tabular">{text}</span>
    </a>
  );
});
