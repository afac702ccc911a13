// The engines a host runs, under the chosen host in the sidebar: each with
// its kind, version and whether it runs rootless; picking one switches every
// view to it (the host's default engine keeps the plain host address).
import { useQuery } from '@tanstack/react-query';
import type { EngineEntry } from '../../../main/engines/directory';
import { useApi } from '../app/hooks';
import { useHostChoice } from '../app/host-scope';

export function engineLabel(e: EngineEntry): string {
  if (!e.info) return `Engine at ${e.endpoint}`;
  return `${e.info.kind === 'podman' ? 'Podman' : 'Docker'} ${e.info.version}${e.info.rootless ? ' · rootless' : ''}`;
}

function engineTitle(e: EngineEntry): string {
  if (!e.info) return `${e.endpoint}: ${e.error ?? 'no facts'}`;
  const missing = Object.entries(e.info.capabilities)
    .filter(([, c]) => !c.available)
    .map(([name, c]) => `no ${name}: ${c.reason}`);
  return [`${e.endpoint} (${e.source})`, `API ${e.info.apiVersion}`, `OCI runtimes: ${e.info.runtimes.join(', ') || 'none listed'} (default ${e.info.defaultRuntime || 'unknown'})`, ...missing].join('\n');
}

export function EnginePicker({ host }: { host: string }) {
  const api = useApi();
  const { host: chosen, choose } = useHostChoice();
  const engines = useQuery({ queryKey: ['engine.engines', host], queryFn: () => api.engine.engines.query({ host }), staleTime: 30_000 });
  if (engines.error) return <p className="px-2.5 pb-2 text-[11px] text-muted">Engines: {engines.error.message}</p>;
  const list = engines.data ?? [];
  if (list.length === 0) return null;
  return (
    <fieldset className="px-2.5 pb-2">
      <legend className="mb-0.5 text-[10.5px] font-semibold tracking-wide text-faint uppercase">Engine</legend>
      {list.map((e) => (
        <label key={e.address} data-testid={`engine-choice-${e.info?.kind ?? 'unknown'}`} title={engineTitle(e)} className="flex cursor-pointer items-center gap-1.5 py-0.5 text-[12px] text-muted hover:text-fg">
          <input type="radio" name={`engine-${host}`} checked={chosen === e.address} onChange={() => choose(e.address)} className="accent-accent" />
          <span className="truncate">{engineLabel(e)}</span>
        </label>
      ))}
    </fieldset>
  );
}
