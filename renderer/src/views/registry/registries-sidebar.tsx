// The Registries section of the sidebar: each saved registry with who is
// logged in; + adds one (a vendor or any registry by URL).
import { Container, Plus } from 'lucide-react';
import { useState } from 'react';
import { navigate, useRoute } from '../../app/hooks';
import { formatRoute } from '../../lib/route';
import { AddRegistryDialog } from './add-registry-dialog';
import { useRefreshRegistries, useRegistries } from './registry-data';
import { KindIcon } from './kind-icon';

export function RegistriesSidebar() {
  const registries = useRegistries();
  const refresh = useRefreshRegistries();
  const route = useRoute();
  const [adding, setAdding] = useState(false);
  const current = route.view === 'registry' ? route.params.id : undefined;
  return (
    <section aria-label="Registries" className="px-3 pt-4 pb-3">
      <div className="mb-1 flex items-center px-1 text-[11px] font-semibold tracking-wide text-faint uppercase">
        Registries
        <button type="button" aria-label="Add a registry" title="Add a registry" data-testid="add-registry" onClick={() => setAdding(true)} className="ml-auto grid size-5 place-items-center rounded text-faint hover:bg-raised hover:text-fg">
          <Plus aria-hidden className="size-3.5" />
        </button>
      </div>
      <ul className="flex flex-col gap-0.5">
        {(registries.data ?? []).map((r) => {
          const chosen = r.id === current;
          return (
            <li key={r.id}>
              <a
                href={formatRoute({ view: 'registry', params: { id: r.id } })}
                aria-current={chosen ? 'page' : undefined}
                data-testid={`registry-${r.id}`}
                title={`${r.domain}${r.login ? ` · logged in as ${r.login.username}` : ''}`}
                className={`flex h-8 items-center gap-2 rounded-md px-2.5 text-[12.5px] font-medium transition-colors ${chosen ? 'bg-surface text-fg shadow-xs ring-1 ring-line' : 'text-muted hover:bg-raised hover:text-fg'}`}
              >
                <KindIcon kind={r.kind} className={`size-3.5 shrink-0 ${chosen ? 'text-accent' : 'text-faint'}`} />
                <span className="min-w-0 flex-1 truncate">{r.name}</span>
                {r.login && <span aria-label={`logged in as ${r.login.username}`} className="size-1.5 shrink-0 rounded-full bg-emerald-500" />}
              </a>
            </li>
          );
        })}
      </ul>
      {registries.isError && <p className="mt-1 px-1 text-[11px] text-red-700 dark:text-red-300">{registries.error.message}</p>}
      {registries.data?.length === 0 && (
        <p className="flex items-center gap-1.5 px-1 text-[11.5px] text-faint">
          <Container aria-hidden className="size-3.5" /> None yet: + adds one.
        </p>
      )}
      {adding && (
        <AddRegistryDialog
          onClose={() => setAdding(false)}
          onAdded={(id) => {
            setAdding(false);
            refresh();
            navigate({ view: 'registry', params: { id } });
          }}
        />
      )}
    </section>
  );
}
