import { Layers, SearchX } from 'lucide-react';
import { useMemo } from 'react';
import type { ImageRow } from '../../../main/engines/types';
import { useLive, useNow, useStore } from '../app/hooks';
import { useListParams } from '../app/list-params';
import { useEngineInfo } from '../app/queries';
import { parseQuery } from '../lib/containers';
import { formatBytes, shortId } from '../lib/format';
import {
  IMAGE_FILTERS,
  countByImageFilter,
  imageComparators,
  imageDefaultDir,
  imageLabel,
  imageTags,
  isDangling,
  matchesImageFilter,
  matchesImageQuery,
  parseImageRef,
  type ImageFilter,
  type ImageSortKey,
} from '../lib/images';
import { nextSort, sortRows } from '../lib/sort';
import { Tag } from '../ui/badges';
import { Button, SearchField, Segmented } from '../ui/controls';
import { DataTable, SkeletonRows, type Column } from '../ui/data-table';
import { EmptyState } from '../ui/empty-state';
import { ListToolbar, RelativeTime, StreamErrorBanner } from '../ui/list-parts';
import { pushColumn } from './push/image-push-column';
import { runColumn } from './run/image-run-column';
import { openPull } from '../state/dialogs';

const SORT_KEYS: readonly ImageSortKey[] = ['name', 'id', 'size', 'shared', 'created', 'containers'];
const FILTER_LABEL: Record<ImageFilter, string> = { all: 'All', 'in-use': 'In use', unused: 'Unused', dangling: 'Dangling' };
const ROW_HEIGHT = 46;

function ImageName({ row }: { row: ImageRow }) {
  const tags = imageTags(row);
  if (isDangling(row)) {
    return (
      <div className="flex min-w-0 items-center gap-2">
        <span className="font-mono text-faint">&lt;none&gt;</span>
        <Tag tone="warn" title="No tag points at this image; it is usually an older build and safe to prune.">
          dangling
        </Tag>
      </div>
    );
  }
  const first = parseImageRef(tags[0]!);
  const others = tags.slice(1);
  return (
    <div className="min-w-0" title={tags.join('\n')}>
      <div className="flex min-w-0 items-center gap-1">
        <span className="truncate font-medium text-fg">{first.repository}</span>
        {first.tag !== '' && (
          <span className="shrink-0 truncate rounded bg-accent-soft px-1.5 py-px font-mono text-[11px] text-accent" data-testid="image-tag">
            {first.tag}
          </span>
        )}
      </div>
      {others.length > 0 && (
        <div className="truncate text-[11.5px] text-faint">
          also <span className="font-mono">{others.join(', ')}</span>
        </div>
      )}
    </div>
  );
}

/** What end-to-end tests find an image row by; data-tags is space-separated, for [data-tags~="alpine:3.20"]. */
const imageRowProps = (row: ImageRow) => ({
  'data-testid': 'image-row',
  'data-id': row.id,
  'data-name': imageLabel(row),
  'data-tags': imageTags(row).join(' '),
  'data-dangling': isDangling(row) ? 'true' : 'false',
});

export function ImagesView() {
  const live = useLive();
  const list = useStore(live.images);
  const now = useNow(30_000);
  const params = useListParams<ImageFilter, ImageSortKey>('images', 'filter', IMAGE_FILTERS, 'all', SORT_KEYS, { key: 'created', dir: 'desc' });
  const query = params.query;
  const cli = useEngineInfo().data?.kind === 'podman' ? 'podman' : 'docker';

  const textMatches = useMemo(() => {
    const terms = parseQuery(query);
    return terms.length === 0 ? list.rows : list.rows.filter((row) => matchesImageQuery(row, terms));
  }, [list.rows, query]);
  const counts = useMemo(() => countByImageFilter(textMatches), [textMatches]);
  const rows = useMemo(() => {
    const filtered = params.filter === 'all' ? textMatches : textMatches.filter((row) => matchesImageFilter(row, params.filter));
    return sortRows(filtered, imageComparators[params.sort.key], params.sort.dir);
  }, [textMatches, params.filter, params.sort.key, params.sort.dir]);
  const totalSize = useMemo(() => list.rows.reduce((sum, row) => sum + row.size, 0), [list.rows]);

  const columns = useMemo(
    (): Column<ImageRow, ImageSortKey | 'run' | 'push'>[] => [
      { key: 'name', label: 'Repository:tag', width: 'minmax(220px, 3fr)', cell: (row) => <ImageName row={row} /> },
      {
        key: 'id',
        label: 'Image ID',
        width: '128px',
        cell: (row) => (
          <span className="truncate font-mono text-[12px] text-muted" title={row.id}>
            {shortId(row.id)}
          </span>
        ),
      },
      { key: 'size', label: 'Size', width: '96px', align: 'end', cell: (row) => <span className="tabular whitespace-nowrap text-fg/90">{formatBytes(row.size)}</span> },
      {
        key: 'shared',
        label: 'Shared size',
        width: '128px',
        align: 'end',
        cell: (row) =>
          row.sharedSize === null ? (
            <span className="text-faint" title="The engine did not report shared size">
              —
            </span>
          ) : (
            <span className="tabular whitespace-nowrap text-muted">{formatBytes(row.sharedSize)}</span>
          ),
      },
      { key: 'created', label: 'Created', width: '124px', cell: (row) => <RelativeTime seconds={row.created} now={now} /> },
      {
        key: 'containers',
        label: 'Used by',
        width: '104px',
        align: 'end',
        cell: (row) =>
          row.containers === 0 ? (
            <span className="text-faint">—</span>
          ) : (
            <span className="tabular whitespace-nowrap text-muted" title={`${row.containers} container${row.containers === 1 ? '' : 's'} (any state) use this image`}>
              {row.containers} {row.containers === 1 ? 'container' : 'containers'}
            </span>
          ),
      },
      runColumn,
      pushColumn,
    ],
    [now],
  );

  const empty = !list.loaded ? (
    <SkeletonRows rowHeight={ROW_HEIGHT} />
  ) : list.rows.length === 0 ? (
    <EmptyState
      icon={Layers}
      title="No images yet"
      testId="images-empty"
      command={`${cli} pull alpine`}
      action={
        <Button onClick={openPull} variant="primary">
          Pull an image
        </Button>
      }
    >
      Images you pull or build show up here. Pull one here, or from a terminal:
    </EmptyState>
  ) : (
    <EmptyState
      icon={SearchX}
      title="No images match"
      testId="images-no-match"
      action={
        <Button onClick={params.clear} variant="secondary">
          Clear filters
        </Button>
      }
    >
      {params.query !== '' ? (
        <>
          Nothing {params.filter !== 'all' ? `${FILTER_LABEL[params.filter].toLowerCase()} ` : ''}matches “{params.query}” by tag, digest or id.
        </>
      ) : (
        <>No {FILTER_LABEL[params.filter].toLowerCase()} images.</>
      )}
    </EmptyState>
  );

  return (
    <section aria-label="Images" className="flex min-h-0 flex-1 flex-col">
      <ListToolbar shown={rows.length} total={list.rows.length} noun={`${list.rows.length === 1 ? 'image' : 'images'}${list.loaded && list.rows.length > 0 ? ` · ${formatBytes(totalSize)}` : ''}`}>
        <SearchField value={params.query} onChange={params.setQuery} label="Filter images" placeholder="Filter by tag, digest, id…" />
        <Segmented
          label="Image filter"
          value={params.filter}
          onChange={params.setFilter}
          options={IMAGE_FILTERS.map((value) => ({ value, label: FILTER_LABEL[value], count: list.loaded ? counts[value] : undefined }))}
        />
      </ListToolbar>
      <StreamErrorBanner error={list.error} />
      <DataTable
        label="Images"
        rows={list.loaded ? rows : []}
        columns={columns}
        sort={params.sort}
        onSort={(key) => key !== 'run' && key !== 'push' && params.setSort(nextSort(params.sort, key, imageDefaultDir[key]))}
        rowHeight={ROW_HEIGHT}
        minWidth={820}
        rowProps={imageRowProps}
        empty={empty}
      />
    </section>
  );
}
