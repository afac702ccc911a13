// The registry browser: a registry's repositories, a repository's tags and a
// tag's details side by side; who is logged in and where the login is kept.
import { Container, KeyRound, LogOut, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { LoginSource, RegistryView as Registry } from '../../../../main/registry/types';
import { navigate, useApi, useRoute } from '../../app/hooks';
import { Button, Spinner } from '../../ui/controls';
import { EmptyState } from '../../ui/empty-state';
import { KindIcon } from './kind-icon';
import { LoginDialog } from './login-dialog';
import { KIND_LABEL, useRefreshRegistries, useRegistries } from './registry-data';
import { RepositoriesPane } from './repositories-pane';
import { TagPane } from './tag-details';
import { TagsPane } from './tags-pane';

const SOURCE_LABEL: Record<LoginSource, string> = {
  'docker-config': '~/.docker/config.json',
  'credential-helper': 'a docker credential helper',
  keychain: 'the system keychain',
  memory: 'memory until Berth stops',
};

export function RegistryView() {
  const route = useRoute();
  const registries = useRegistries();
  const id = route.params.id ?? '';
  const registry = registries.data?.find((r) => r.id === id) ?? (id === '' ? registries.data?.[0] : undefined);
  if (registries.isPending) {
    return (
      <div role="status" className="flex flex-1 items-center justify-center gap-2 text-[13px] text-muted">
        <Spinner /> Reading the registries…
      </div>
    );
  }
  if (registries.isError) return <EmptyState icon={Container} title="Cannot read the registries">{registries.error.message}</EmptyState>;
  if (!registry) {
    return (
      <EmptyState icon={Container} title={id ? `No registry "${id}"` : 'No registries yet'}>
        {id ? 'It may have been removed. ' : ''}Add one with + under Registries in the sidebar: Docker Hub, quay.io, Azure, Red Hat, or any registry by its address.
      </EmptyState>
    );
  }
  return <Browser key={registry.id} registry={registry} />;
}

function Browser({ registry }: { registry: Registry }) {
  const route = useRoute();
  const repository = route.params.repo ?? '';
  const tag = route.params.tag ?? '';
  const [loggingIn, setLoggingIn] = useState(false);
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="registry-browser" data-registry={registry.id}>
      <RegistryHeader registry={registry} onLogin={() => setLoggingIn(true)} />
      {loggingIn && <LoginDialog registry={registry} onClose={() => setLoggingIn(false)} />}
      <div className="grid min-h-0 flex-1 grid-cols-[minmax(220px,320px)_minmax(200px,280px)_minmax(0,1fr)]">
        <RepositoriesPane registry={registry} onLogin={() => setLoggingIn(true)} />
        {repository ? (
          <TagsPane registry={registry} repository={repository} />
        ) : (
          <div className="flex items-center justify-center border-r border-line p-6 text-center text-[12.5px] text-faint">Pick a repository to see its tags.</div>
        )}
        {repository && tag ? (
          <TagPane key={`${repository}:${tag}`} registry={registry} repository={repository} tag={tag} />
        ) : (
          <div className="flex items-center justify-center p-6 text-center text-[12.5px] text-faint">{repository ? 'Pick a tag to see what it holds, without pulling it.' : ''}</div>
        )}
      </div>
    </div>
  );
}

function RegistryHeader({ registry, onLogin }: { registry: Registry; onLogin: () => void }) {
  const api = useApi();
  const refresh = useRefreshRegistries();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const logout = () =>
    run(async () => {
      const done = await api.registries.logout.mutate({ registry: registry.id });
      refresh(registry.id);
      if (done.forgotten.length) return `Logged out: forgot the login kept in ${done.forgotten.map((s) => SOURCE_LABEL[s as LoginSource] ?? s).join(' and ')}.`;
      return registry.login?.source === 'docker-config'
        ? `The login is in ~/.docker/config.json, which Berth does not edit: run docker logout ${registry.domain} to remove it.`
        : 'There was no login Berth could forget.';
    });
  const remove = () =>
    run(async () => {
      await api.registries.remove.mutate({ registry: registry.id });
      refresh();
      navigate({ view: 'registry', params: {} });
      return '';
    });
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-line px-4 py-2.5">
      <div className="flex min-w-0 items-center gap-2">
        <KindIcon kind={registry.kind} className="size-4 shrink-0 text-faint" />
        <div className="min-w-0">
          <h2 className="truncate text-[13.5px] font-semibold text-fg">{registry.name}</h2>
          <p className="truncate font-mono text-[11.5px] text-faint" title={registry.url}>
            {registry.domain} · {KIND_LABEL[registry.kind]}
            {registry.insecure && <span className="ml-1 rounded bg-amber-500/15 px-1 font-sans text-amber-800 dark:text-amber-300">insecure</span>}
          </p>
        </div>
      </div>
      <p className="text-[12px] text-muted" data-testid="registry-login-state">
        {registry.login ? (
          <>
            Logged in as <span className="font-medium text-fg">{registry.login.username}</span> <span className="text-faint">(kept in {SOURCE_LABEL[registry.login.source]})</span>
          </>
        ) : (
          'Anonymous'
        )}
      </p>
      {message && (
        <p role="status" className="text-[12px] text-muted" data-testid="registry-message">
          {message}
        </p>
      )}
      <div className="ml-auto flex items-center gap-1.5">
        {registry.login ? (
          <Button onClick={() => void logout()} disabled={busy} icon={<LogOut aria-hidden className="size-3.5" />} data-testid="logout">
            Log out
          </Button>
        ) : null}
        <Button onClick={onLogin} icon={<KeyRound aria-hidden className="size-3.5" />} data-testid="login">
          {registry.login ? 'Change login' : 'Log in'}
        </Button>
        <Button variant="ghost" onClick={() => void remove()} disabled={busy} aria-label={`Remove ${registry.name} from the list`} title="Remove from the list (images in the registry are not touched)" icon={<Trash2 aria-hidden className="size-3.5" />} />
      </div>
    </div>
  );
}
