import { Container, SearchX } from 'lucide-react';
import { useMemo } from 'react';
import type { ContainerRow } from '../../../main/engines/types';
import { useLive, useNow, useStore } from '../app/hooks';
import { useEngineInfo } from '../app/queries';
import { useListParams } from '../app/list-params';
import {
  CONTAINER_STATE_FILTERS,
  containerComparators,
  containerDefaultDir,
  countByStateFilter,
  matchesContainerQuery,
  matchesStateFilter,
  parseQuery,
  type ContainerSortKey,
  type ContainerStateFilter,
} from '../lib/containers';
import { compactPorts, formatPorts, shortId } from '../lib/format';
import { nextSort, sortRows } from '../lib/sort';
import { StateBadge } from '../ui/badges';
import { Button, SearchField, Segmented } from '../ui/controls';
import { DataTable, SkeletonRows, type Column } from '../ui/data-table';
import { EmptyState } from '../ui/empty-state';
import { ListToolbar, RelativeTime, StreamErrorBanner } from '../ui/list-parts';
import { formatRoute } from '../lib/route';
import { openPull } from '../state/dialogs';
import { actionsColumn, BulkBar, selectColumn, useSelection, type RowControlColumn } from './containers/selection';
import { liveStatus } from '../lib/status';
import { useStatsStore } from '../app/stats-hooks';
import { StatsCell, type StatsColumn } from './stats/stats-cells';

const SORT_KEYS: readonly ContainerSortKey[] = ['name', 'image', 'state', 'status', 'ports', 'created'];
const isSortKey = (key: string): key is ContainerSortKey => (SORT_KEYS as readonly string[]).includes(key);
const FILTER_LABEL: Record<ContainerStateFilter, string> = { all: 'All', running: 'Running', paused: 'Paused', stopped: 'Stopped' };
const ROW_HEIGHT = 46;

function Ports({ row }: { row: ContainerRow }) {
  const ports = compactPorts(row.ports);
  if (ports.length === 0) return <span className="text-faint">—</span>;
  const shown = ports.slice(0, 2);
  return (
    <span className="flex min-w-0 items-center gap-1" title={formatPorts(row.ports).join('\n')} data-testid="ports">
      {shown.map((p) => (
        <span
          key={p}
          className={`truncate rounded px-1.5 py-px font-mono text-[11.5px] ring-1 ring-inset ${p.includes('→') ? 'bg-accent-soft text-accent ring-accent/15' : 'bg-raised text-muted ring-line'}`}
        >
          {p}
        </span>
      ))}
      {ports.length > shown.length && <span className="shrink-0 text-[11.5px] text-faint">+{ports.length - shown.length}</span>}
    </span>
  );
}

/** What end-to-end tests find a container row by. */
const containerRowProps = (row: ContainerRow) => ({ 'data-testid': 'container-row', 'data-id': row.id, 'data-name': row.name, 'data-state': row.state, 'data-image': row.image });

// Often enough for "Up 40 seconds" to move. The cells that show the time follow
// the clock themselves, so a tick re-renders them and not every visible row.
const CLOCK_MS = 5_000;

function LiveStatus({ row }: { row: ContainerRow }) {
  const status = liveStatus(row, useNow(CLOCK_MS));
  return (
    <span className="truncate text-muted" title={status}>
      {status}
    </span>
  );
}

function Created({ seconds }: { seconds: number }) {
  return <RelativeTime seconds={seconds} now={useNow(CLOCK_MS)} />;
}

export function ContainersView() {
  const live = useLive();
  const list = useStore(live.containers);
  const params = useListParams<ContainerStateFilter, ContainerSortKey>('containers', 'state', CONTAINER_STATE_FILTERS, 'all', SORT_KEYS, { key: 'created', dir: 'desc' });
  // Filtering is synchronous: a few ms for thousands of rows (search text is cached per row),
  // and a deferred render would starve while a busy list keeps pushing updates.
  const query = params.query;
  const cli = useEngineInfo().data?.kind === 'podman' ? 'podman' : 'docker';
  // Live CPU and memory cells read it; subscribed while the list shows.
  const stats = useStatsStore();

  const textMatches = useMemo(() => {
    const terms = parseQuery(query);
    return terms.length === 0 ? list.rows : list.rows.filter((row) => matchesContainerQuery(row, terms));
  }, [list.rows, query]);
  const counts = useMemo(() => countByStateFilter(textMatches), [textMatches]);
  const rows = useMemo(() => {
    const filtered = params.filter === 'all' ? textMatches : textMatches.filter((row) => matchesStateFilter(row, params.filter));
    return sortRows(filtered, containerComparators[params.sort.key], params.sort.dir);
  }, [textMatches, params.filter, params.sort.key, params.sort.dir]);

  const selection = useSelection(list.rows);
  const columns = useMemo(
    (): Column<ContainerRow, ContainerSortKey | RowControlColumn | StatsColumn>[] => [
      selectColumn(selection),
      {
        key: 'name',
        label: 'Name',
        width: 'minmax(170px, 2fr)',
        cell: (row) => (
          <div className="min-w-0">
            <a href={formatRoute({ view: 'container', params: { id: row.id } })} className="block truncate font-medium text-fg hover:underline" title={`${row.name}: logs, terminal, inspect`} data-testid="container-link">
              {row.name}
            </a>
            <div className="truncate font-mono text-[11px] text-faint" title={row.id}>
              {shortId(row.id)}
            </div>
          </div>
        ),
      },
      {
        key: 'image',
        label: 'Image',
        width: 'minmax(140px, 1.6fr)',
        cell: (row) => (
          <span className="truncate text-muted" title={row.image}>
            {row.image.startsWith('sha256:') ? shortId(row.image) : row.image}
          </span>
        ),
      },
      { key: 'state', label: 'State', width: '112px', cell: (row) => <StateBadge state={row.state} /> },
      {
        key: 'status',
        label: 'Status',
        width: 'minmax(130px, 1.2fr)',
        cell: (row) => <LiveStatus row={row} />,
      },
      { key: 'cpu', label: 'CPU', width: '128px', sortable: false, cell: (row) => <StatsCell store={stats} row={row} column="cpu" /> },
      { key: 'memory', label: 'Memory', width: '168px', sortable: false, cell: (row) => <StatsCell store={stats} row={row} column="memory" /> },
      { key: 'ports', label: 'Ports', width: 'minmax(170px, 1.5fr)', cell: (row) => <Ports row={row} /> },
      { key: 'created', label: 'Created', width: '124px', cell: (row) => <Created seconds={row.created} /> },
      actionsColumn,
    ],
    [selection, stats],
  );

  const empty = !list.loaded ? (
    <SkeletonRows rowHeight={ROW_HEIGHT} />
  ) : list.rows.length === 0 ? (
    <EmptyState
      icon={Container}
      title="No containers yet"
      testId="containers-empty"
      command={`${cli} run -d -p 8080:80 nginx`}
      action={
        <Button onClick={openPull} variant="primary">
          Pull an image to run
        </Button>
      }
    >
      Containers show up here the moment they are created, and follow their state live. Pull and run one here, or start one from a terminal:
    </EmptyState>
  ) : (
    <EmptyState
      icon={SearchX}
      title="No containers match"
      testId="containers-no-match"
      action={
        <Button onClick={params.clear} variant="secondary">
          Clear filters
        </Button>
      }
    >
      {params.query !== '' ? (
        <>
          Nothing {params.filter !== 'all' ? `${FILTER_LABEL[params.filter].toLowerCase()} ` : ''}matches “{params.query}” by name, image, id or port.
        </>
      ) : (
        <>No {FILTER_LABEL[params.filter].toLowerCase()} containers right now.</>
      )}
    </EmptyState>
  );

  return (
    <section aria-label="Containers" className="flex min-h-0 flex-1 flex-col">
      <ListToolbar shown={rows.length} total={list.rows.length} noun={list.rows.length === 1 ? 'container' : 'containers'}>
        <SearchField value={params.query} onChange={params.setQuery} label="Filter containers" placeholder="Filter by name, image, id, port…" />
        <Segmented
          label="Container state"
          value={params.filter}
          onChange={params.setFilter}
          options={CONTAINER_STATE_FILTERS.map((value) => ({ value, label: FILTER_LABEL[value], count: list.loaded ? counts[value] : undefined }))}
        />
      </ListToolbar>
      <BulkBar selection={selection} shown={rows} />
      <StreamErrorBanner error={list.error} />
      <DataTable
        label="Containers"
        rows={list.loaded ? rows : []}
        columns={columns}
        sort={params.sort}
        onSort={(key) => key !== 'cpu' && key !== 'memory' && isSortKey(key) && params.setSort(nextSort(params.sort, key, containerDefaultDir[key]))}
        rowHeight={ROW_HEIGHT}
        minWidth={1160}
        rowProps={containerRowProps}
        empty={empty}
      />
    </section>
  );
}
