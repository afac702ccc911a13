// What a tag is, read from the registry without pulling: digest, media type,
// the platforms of a multi-platform index (pick one), each layer's compressed
// size and the total, when it was built, its history and start-up config.
// From here: open its layers (read from the registry), pull it to a host, copy its reference, delete it.
import { Check, Copy, Download, FolderTree, Tag as TagIcon, Trash2 } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { RegistryView, TagDetails } from '../../../../main/registry/types';
import { navigate, useApi, useNow, useRoute } from '../../app/hooks';
import { useHostChoice } from '../../app/host-scope';
import { formatBytes, formatExactTime, formatRelativeTime, shortId } from '../../lib/format';
import { displayRepository, historyStep, layerFormat, platformText } from '../../lib/registry';
import { openPull } from '../../state/dialogs';
import { Button, Spinner } from '../../ui/controls';
import { CopyButton, useCopy } from '../../ui/copy-button';
import { EmptyState } from '../../ui/empty-state';
import { useHosts } from '../hosts/hosts-sidebar';
import { askToNotify, pullsFor } from '../pull/use-pulls';
import { DeleteTagDialog } from './delete-tag-dialog';
import { useTagDetails } from './registry-data';

export function TagPane({ registry, repository, tag }: { registry: RegistryView; repository: string; tag: string }) {
  const route = useRoute();
  const platform = route.params.platform ?? '';
  const details = useTagDetails(registry.id, repository, tag, platform);
  if (details.isError) {
    return (
      <EmptyState icon={TagIcon} title={`Cannot read ${displayRepository(registry.kind, repository)}:${tag}`} testId="tag-error">
        {details.error.message}
      </EmptyState>
    );
  }
  if (!details.data) {
    return (
      <div role="status" className="flex flex-1 items-center justify-center gap-2 text-[12.5px] text-muted">
        <Spinner /> Reading the manifest of {tag}…
      </div>
    );
  }
  return <Details registry={registry} repository={repository} tag={tag} details={details.data} refreshing={details.isFetching} />;
}

function Details({ registry, repository, tag, details, refreshing }: { registry: RegistryView; repository: string; tag: string; details: TagDetails; refreshing: boolean }) {
  const route = useRoute();
  const now = useNow(60_000);
  const [deleting, setDeleting] = useState(false);
  const created = details.created ? Date.parse(details.created) : null;
  const c = details.config;
  const ports = c.exposedPorts;
  const labels = Object.entries(c.labels).sort(([a], [b]) => a.localeCompare(b));
  const choosePlatform = (value: string) => navigate({ view: 'registry', params: { ...route.params, platform: value } }, { replace: true });

  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-auto" data-testid="tag-details" aria-busy={refreshing}>
      <header className="flex flex-col gap-2 border-b border-line px-4 py-3">
        <h2 className="min-w-0 font-mono text-[14px] font-semibold break-all text-fg" title={details.reference} data-testid="tag-reference">
          {displayRepository(registry.kind, repository)}:{tag}
        </h2>
        <TagActions registry={registry} repository={repository} details={details} onDelete={() => setDeleting(true)} />
      </header>

      <div className="flex flex-col gap-4 p-4">
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-[12.5px]">
          <Fact label="Digest">
            <span className="flex min-w-0 items-center gap-1">
              <code className="truncate font-mono text-[12px]" data-testid="tag-digest" title={details.digest}>
                {details.digest}
              </code>
              <CopyButton text={details.digest} label="Copy the digest" />
            </span>
          </Fact>
          <Fact label="Media type">
            <code className="font-mono text-[12px]" data-testid="tag-media-type">
              {details.mediaType}
            </code>
          </Fact>
          {details.platforms.length > 0 ? (
            <Fact label="Platform">
              <select
                aria-label="Platform"
                data-testid="platform-picker"
                value={details.platform ? platformText(details.platform) : ''}
                onChange={(e) => choosePlatform(e.target.value)}
                className="h-7 rounded-md border border-line bg-surface px-2 text-[12.5px] text-fg"
              >
                {details.platforms.map((p) => (
                  <option key={p.digest} value={platformText(p)}>
                    {platformText(p)}
                    {p.osVersion ? ` ${p.osVersion}` : ''}
                  </option>
                ))}
              </select>
              <span className="ml-2 text-[11.5px] text-faint">{details.platforms.length} platforms in this index</span>
            </Fact>
          ) : (
            details.platform && <Fact label="Platform">{platformText(details.platform)}</Fact>
          )}
          {details.manifestDigest !== details.digest && (
            <Fact label="Image manifest">
              <code className="font-mono text-[12px]" title={details.manifestDigest}>
                {shortId(details.manifestDigest)}
              </code>
            </Fact>
          )}
          <Fact label="Created">
            {created !== null && Number.isFinite(created) ? (
              <span title={formatExactTime(created)} data-testid="tag-created">
                {formatRelativeTime(created, now)} · {formatExactTime(created)}
              </span>
            ) : (
              <span className="text-faint">not recorded</span>
            )}
          </Fact>
          <Fact label="Size">
            <span data-testid="tag-total-size" className="font-medium tabular">
              {formatBytes(details.totalSize)}
            </span>{' '}
            <span className="text-faint">compressed, in {details.layers.length} {details.layers.length === 1 ? 'layer' : 'layers'}</span>
          </Fact>
        </dl>

        <Section title="Layers">
          <table className="w-full text-[12px]" aria-label="Layers" data-testid="tag-layers">
            <thead className="text-left text-[11px] tracking-wide text-faint uppercase">
              <tr>
                <th className="py-1 pr-2 font-semibold">#</th>
                <th className="py-1 pr-2 font-semibold">Digest</th>
                <th className="py-1 pr-2 font-semibold">Format</th>
                <th className="py-1 text-right font-semibold">Compressed</th>
              </tr>
            </thead>
            <tbody>
              {details.layers.map((l, i) => (
                <tr key={`${l.digest}-${i}`} className="border-t border-line/60" data-testid="tag-layer">
                  <td className="py-1 pr-2 text-faint tabular">{i + 1}</td>
                  <td className="py-1 pr-2 font-mono" title={l.digest}>
                    {shortId(l.digest)}
                  </td>
                  <td className="py-1 pr-2 text-muted" title={l.mediaType}>
                    {layerFormat(l.mediaType)}
                  </td>
                  <td className="py-1 text-right tabular">{formatBytes(l.size)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-line font-medium">
                <td className="py-1" colSpan={3}>
                  Total
                </td>
                <td className="py-1 text-right tabular">{formatBytes(details.totalSize)}</td>
              </tr>
            </tfoot>
          </table>
        </Section>

        <Section title="Start-up">
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-[12.5px]">
            <Fact label="Entrypoint">
              <Code value={c.entrypoint} testId="tag-entrypoint" />
            </Fact>
            <Fact label="Command">
              <Code value={c.cmd} testId="tag-cmd" />
            </Fact>
            {c.workdir && <Fact label="Working dir">{<code className="font-mono text-[12px]">{c.workdir}</code>}</Fact>}
            {c.user && <Fact label="User">{<code className="font-mono text-[12px]">{c.user}</code>}</Fact>}
            <Fact label="Exposed ports">
              {ports.length ? (
                <span className="flex flex-wrap gap-1" data-testid="tag-ports">
                  {ports.map((p) => (
                    <span key={p} className="rounded bg-raised px-1.5 font-mono text-[11.5px]">
                      {p}
                    </span>
                  ))}
                </span>
              ) : (
                <span className="text-faint">none</span>
              )}
            </Fact>
          </dl>
        </Section>

        <Section title={`Environment (${c.env.length})`}>
          {c.env.length ? (
            <ul className="font-mono text-[11.5px]" data-testid="tag-env">
              {c.env.map((e) => (
                <li key={e} className="truncate border-b border-line/40 py-0.5 last:border-0" title={e}>
                  {e}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-[12px] text-faint">none</p>
          )}
        </Section>

        <Section title={`Labels (${labels.length})`}>
          {labels.length ? (
            <dl className="grid grid-cols-[minmax(0,max-content)_minmax(0,1fr)] gap-x-4 gap-y-0.5 font-mono text-[11.5px]" data-testid="tag-labels">
              {labels.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="truncate text-muted" title={k}>
                    {k}
                  </dt>
                  <dd className="truncate" title={v}>
                    {v}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-[12px] text-faint">none</p>
          )}
        </Section>

        <Section title={`History (${details.history.length} steps)`}>
          <ol className="flex flex-col text-[11.5px]" data-testid="tag-history">
            {details.history.map((h, i) => (
              <li key={i} className={`flex gap-2 border-b border-line/40 py-1 last:border-0 ${h.emptyLayer ? 'text-muted' : ''}`}>
                <span className="w-5 shrink-0 text-right text-faint tabular">{i + 1}</span>
                <code className="min-w-0 flex-1 font-mono break-all">{historyStep(h.createdBy) || h.comment || '(no command recorded)'}</code>
                <span className="shrink-0 text-faint">{h.emptyLayer ? 'no layer' : ''}</span>
              </li>
            ))}
          </ol>
        </Section>
      </div>
      {deleting && <DeleteTagDialog registry={registry} repository={repository} tag={tag} details={details} onClose={() => setDeleting(false)} />}
    </div>
  );
}

function TagActions({ registry, repository, details, onDelete }: { registry: RegistryView; repository: string; details: TagDetails; onDelete: () => void }) {
  const api = useApi();
  const { host: current, choose } = useHostChoice();
  const { hosts } = useHosts();
  const [target, setTarget] = useState(current);
  useEffect(() => setTarget(current), [current]);
  const pull = () => {
    askToNotify();
    pullsFor(api, target).start(details.reference);
    // The pull box shows the chosen host's pulls: go to that host so its progress is what shows.
    if (target !== current) choose(target);
    openPull();
  };
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <Button
        onClick={() => navigate({ view: 'layers', params: { registry: registry.id, repo: repository, ref: details.manifestDigest } })}
        icon={<FolderTree aria-hidden className="size-3.5" />}
        title="Explore its files layer by layer, read from the registry without pulling"
        data-testid="open-layers"
      >
        Open layers
      </Button>
      <span className="inline-flex items-center">
        <Button variant="primary" className="rounded-r-none" onClick={pull} icon={<Download aria-hidden className="size-3.5" />} data-testid="pull-tag">
          Pull
        </Button>
        <select
          aria-label="Host to pull to"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          className="h-8 max-w-48 rounded-r-md border border-l-0 border-line bg-surface px-1.5 text-[12px] text-fg"
          data-testid="pull-host"
        >
          {(hosts.length ? hosts : [{ id: 'local', name: 'This computer' }]).map((h) => (
            <option key={h.id} value={h.id}>
              to {h.name}
            </option>
          ))}
        </select>
      </span>
      <CopyReference reference={details.reference} />
      <Button variant="ghost" onClick={onDelete} icon={<Trash2 aria-hidden className="size-3.5" />} aria-label={`Delete ${details.reference}`} data-testid="delete-tag">
        Delete
      </Button>
    </div>
  );
}

function CopyReference({ reference }: { reference: string }) {
  const { copied, copy } = useCopy(reference);
  return (
    <Button onClick={copy} icon={copied ? <Check aria-hidden className="size-3.5 text-emerald-600" /> : <Copy aria-hidden className="size-3.5" />} title={reference} data-testid="copy-reference">
      {copied ? 'Copied' : 'Copy reference'}
    </Button>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Code({ value, testId }: { value: string[]; testId: string }) {
  return value.length ? (
    <code className="font-mono text-[12px] break-all" data-testid={testId}>
      {JSON.stringify(value)}
    </code>
  ) : (
    <span className="text-faint" data-testid={testId}>
      none
    </span>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-line bg-surface px-3 py-2.5 shadow-xs">
      <h3 className="mb-1.5 text-[12px] font-semibold text-fg">{title}</h3>
      {children}
    </section>
  );
}
