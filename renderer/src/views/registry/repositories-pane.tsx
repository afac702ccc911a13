// A registry's repositories: its catalog, or the vendor's search as you type;
// loaded a page at a time as the list scrolls. A vendor's pull limit shows above.
import { Gauge, PackageSearch, Star } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { RegistryView, Repository, RepositoryPage } from '../../../../main/registry/types';
import type { RateLimited } from '../../../../main/registry/vendors/docker-hub';
import type { RateLimit } from '../../../../main/registry/vendors/rate-limit';
import { navigate, useRoute } from '../../app/hooks';
import { displayRepository } from '../../lib/registry';
import { Button, SearchField, Spinner } from '../../ui/controls';
import { EmptyState } from '../../ui/empty-state';
import { InfiniteList } from './infinite-list';
import { useRepositories } from './registry-data';

/** How long typing pauses before a vendor is asked (each search is a request, some counted). */
const SEARCH_PAUSE_MS = 350;

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function RepositoriesPane({ registry, onLogin }: { registry: RegistryView; onLogin: () => void }) {
  const route = useRoute();
  const chosen = route.params.repo ?? '';
  const [typed, setTyped] = useState(route.params.q ?? '');
  const [query, setQuery] = useState(typed);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const repos = useRepositories(registry.id, query);
  const pages: RepositoryPage[] = repos.data?.pages ?? [];
  const items = pages.flatMap((p) => p.repositories);
  const first = pages[0] as RateLimited<RepositoryPage> | undefined;
  const choose = (name: string) => navigate({ view: 'registry', params: { id: registry.id, repo: name, q: typed.trim() } });

  return (
    <section aria-label="Repositories" className="flex min-h-0 flex-col border-r border-line">
      <div className="flex flex-col gap-2 border-b border-line p-3">
        <SearchField value={typed} onChange={setTyped} label="Search repositories" placeholder={registry.kind === 'generic' || registry.kind === 'azure' ? 'Filter repositories' : `Search ${registry.name}`} />
        {first?.rateLimit ? <RateLimitMeter limit={first.rateLimit} /> : first?.notice ? <p className="text-[11.5px] text-muted">{first.notice}</p> : null}
        <p className="flex items-center gap-1.5 text-[11.5px] text-faint tabular" aria-live="polite">
          {repos.isFetching && <Spinner className="size-3" />}
          {pages.length > 0 && `${items.length.toLocaleString('en-US')}${first?.total !== undefined ? ` of ${first.total.toLocaleString('en-US')}` : repos.hasNextPage ? '+' : ''} repositories`}
        </p>
      </div>
      {repos.isError ? (
        <EmptyState icon={PackageSearch} title="Cannot list repositories" testId="repositories-error" action={!registry.login && /log in/i.test(repos.error.message) ? <Button onClick={onLogin}>Log in</Button> : undefined}>
          {repos.error.message}
        </EmptyState>
      ) : repos.isPending ? (
        <div role="status" className="flex flex-1 items-center justify-center gap-2 text-[12.5px] text-muted">
          <Spinner /> Reading {registry.name}…
        </div>
      ) : (
        <InfiniteList
          label="Repositories"
          testId="repositories"
          items={items}
          rowHeight={registry.kind === 'generic' ? 36 : 52}
          getKey={(r: Repository) => r.name}
          hasMore={repos.hasNextPage}
          loadingMore={repos.isFetchingNextPage}
          loadMore={() => void repos.fetchNextPage()}
          empty={
            <EmptyState icon={PackageSearch} title={query ? `Nothing matches "${query}"` : 'No repositories'}>
              {query ? 'Try other words.' : registry.kind === 'generic' ? 'Push an image here and it shows up.' : 'Type to search.'}
            </EmptyState>
          }
          renderRow={(r: Repository) => <RepositoryRow repo={r} kind={registry.kind} chosen={r.name === chosen} onChoose={() => choose(r.name)} />}
        />
      )}
    </section>
  );
}

function RepositoryRow({ repo, kind, chosen, onChoose }: { repo: Repository; kind: RegistryView['kind']; chosen: boolean; onChoose: () => void }) {
  const name = displayRepository(kind, repo.name);
  return (
    <button
      type="button"
      onClick={onChoose}
      aria-pressed={chosen}
      data-testid="repository-row"
      data-name={repo.name}
      title={repo.description ?? repo.name}
      className={`flex h-full w-full flex-col justify-center gap-0.5 border-b border-line/60 px-3 text-left ${chosen ? 'bg-accent-soft' : 'hover:bg-raised'}`}
    >
      <span className="flex min-w-0 items-center gap-1.5">
        <span className="min-w-0 truncate font-mono text-[12.5px] font-medium text-fg">{name}</span>
        {repo.official && <span className="shrink-0 rounded bg-emerald-500/15 px-1 text-[10.5px] font-medium text-emerald-700 dark:text-emerald-300">official</span>}
        {(repo.stars !== undefined || repo.pulls !== undefined) && (
          <span className="ml-auto flex shrink-0 items-center gap-2 text-[11px] text-faint tabular">
            {repo.stars !== undefined && (
              <span className="inline-flex items-center gap-0.5" aria-label={`${repo.stars} stars`}>
                <Star aria-hidden className="size-3" />
                {compact.format(repo.stars)}
              </span>
            )}
            {repo.pulls !== undefined && <span aria-label={`${repo.pulls} pulls`}>{compact.format(repo.pulls)} pulls</span>}
          </span>
        )}
      </span>
      {repo.description && <span className="truncate text-[11.5px] text-muted">{repo.description}</span>}
    </button>
  );
}

/** "76 of 100 pulls left per 6 h" with a bar, red when nearly spent. */
export function RateLimitMeter({ limit }: { limit: RateLimit }) {
  const share = limit.limit > 0 ? limit.remaining / limit.limit : 0;
  const hours = limit.windowSeconds === null ? null : limit.windowSeconds / 3600;
  const per = hours === null ? '' : ` per ${Number.isInteger(hours) ? `${hours} h` : `${Math.round(limit.windowSeconds! / 60)} min`}`;
  const text = `${limit.remaining} of ${limit.limit} pulls left${per}`;
  return (
    <div data-testid="rate-limit" title={limit.source ? `Counted for ${limit.source}. Logging in raises the limit.` : 'Logging in raises the limit.'} className="flex items-center gap-2 text-[11.5px] text-muted">
      <Gauge aria-hidden className="size-3.5 shrink-0 text-faint" />
      <div role="meter" aria-label="Docker Hub pull limit" aria-valuemin={0} aria-valuemax={limit.limit} aria-valuenow={limit.remaining} aria-valuetext={text} className="h-1.5 w-16 shrink-0 overflow-hidden rounded-full bg-raised">
        <div className={`h-full rounded-full ${share < 0.1 ? 'bg-red-500' : share < 0.3 ? 'bg-amber-500' : 'bg-emerald-500'}`} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span className="truncate tabular">{text}</span>
    </div>
  );
}
