// A repository's tags, a page at a time, sorted by name or by date where the
// registry gives dates (the distribution API's tags/list gives names only).
import { Tags } from 'lucide-react';
import { useMemo } from 'react';
import type { RegistryView, Tag, TagPage, TagSort } from '../../../../main/registry/types';
import type { RateLimited } from '../../../../main/registry/vendors/docker-hub';
import { navigate, useNow, useRoute } from '../../app/hooks';
import { formatBytes, formatExactTime, formatRelativeTime } from '../../lib/format';
import { displayRepository, sortTags } from '../../lib/registry';
import { Segmented, Spinner } from '../../ui/controls';
import { EmptyState } from '../../ui/empty-state';
import { InfiniteList } from './infinite-list';
import { RateLimitMeter } from './repositories-pane';
import { useTags } from './registry-data';

export function TagsPane({ registry, repository }: { registry: RegistryView; repository: string }) {
  const route = useRoute();
  const sort: TagSort = route.params.sort === 'updated' ? 'updated' : 'name';
  const chosen = route.params.tag ?? '';
  const tags = useTags(registry.id, repository, sort);
  const pages: TagPage[] = tags.data?.pages ?? [];
  const loaded = pages.flatMap((p) => p.tags);
  const dated = loaded.some((t) => t.updated !== undefined);
  const items = useMemo(() => sortTags(loaded, sort), [loaded, sort]);
  const first = pages[0] as RateLimited<TagPage> | undefined;
  const now = useNow(60_000);
  const go = (params: Record<string, string>) => navigate({ view: 'registry', params: { ...route.params, ...params } }, { replace: 'sort' in params });

  return (
    <section aria-label={`Tags of ${displayRepository(registry.kind, repository)}`} className="flex min-h-0 flex-col border-r border-line">
      <div className="flex flex-col gap-2 border-b border-line p-3">
        <h2 className="truncate font-mono text-[13px] font-semibold text-fg" title={repository}>
          {displayRepository(registry.kind, repository)}
        </h2>
        <div className="flex items-center gap-2">
          <Segmented
            label="Sort tags"
            value={sort}
            onChange={(value) => go({ sort: value === 'name' ? '' : value })}
            options={[
              { value: 'name', label: 'Name' },
              { value: 'updated', label: 'Date' },
            ]}
          />
          <span className="ml-auto flex items-center gap-1.5 text-[11.5px] text-faint tabular" aria-live="polite">
            {tags.isFetching && <Spinner className="size-3" />}
            {pages.length > 0 && `${items.length.toLocaleString('en-US')}${first?.total !== undefined ? ` of ${first.total.toLocaleString('en-US')}` : tags.hasNextPage ? '+' : ''} tags`}
          </span>
        </div>
        {sort === 'updated' && pages.length > 0 && !dated && <p className="text-[11.5px] text-muted">This registry lists tags without dates: open a tag to see when it was built.</p>}
        {first?.rateLimit ? <RateLimitMeter limit={first.rateLimit} /> : null}
      </div>
      {tags.isError ? (
        <EmptyState icon={Tags} title="Cannot list tags" testId="tags-error">
          {tags.error.message}
        </EmptyState>
      ) : tags.isPending ? (
        <div role="status" className="flex flex-1 items-center justify-center gap-2 text-[12.5px] text-muted">
          <Spinner /> Reading tags…
        </div>
      ) : (
        <InfiniteList
          label="Tags"
          testId="tags"
          items={items}
          rowHeight={40}
          getKey={(t: Tag) => t.name}
          hasMore={tags.hasNextPage}
          loadingMore={tags.isFetchingNextPage}
          loadMore={() => void tags.fetchNextPage()}
          empty={<EmptyState icon={Tags} title="No tags">Every tag of this repository was deleted, or none was pushed yet.</EmptyState>}
          renderRow={(t: Tag) => {
            const updated = t.updated ? Date.parse(t.updated) : null;
            const current = t.name === chosen;
            return (
              <button
                type="button"
                aria-pressed={current}
                data-testid="tag-row"
                data-name={t.name}
                onClick={() => go({ tag: t.name, platform: '' })}
                className={`flex h-full w-full items-center gap-2 border-b border-line/60 px-3 text-left ${current ? 'bg-accent-soft' : 'hover:bg-raised'}`}
              >
                <span className="min-w-0 flex-1 truncate font-mono text-[12.5px] text-fg">{t.name}</span>
                <span className="shrink-0 text-right text-[11px] leading-tight text-faint tabular">
                  {t.size !== undefined && <span className="block">{formatBytes(t.size)}</span>}
                  {updated !== null && (
                    <span className="block" title={formatExactTime(updated)}>
                      {formatRelativeTime(updated, now)}
                    </span>
                  )}
                </span>
              </button>
            );
          }}
        />
      )}
    </section>
  );
}
