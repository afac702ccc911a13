// The layer explorer: pick an image, see its build steps (empty ones marked),
// each layer's changes and the filesystem up to it as trees, what wastes
// space, the layers images share, and what a container wrote on top.
import { FolderTree, Layers } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { ImageSummary } from '../../../../main/layers/analysis';
import type { LoadProgress } from '../../../../main/layers/load';
import type { AnalyzeEvent } from '../../../../main/layers/service';
import type { Change } from '../../../../main/layers/stack';
import { navigate, useApi, useLive, useRoute, useStore } from '../../app/hooks';
import { formatBytes, shortId } from '../../lib/format';
import { Button, Segmented, Spinner } from '../../ui/controls';
import { EmptyState } from '../../ui/empty-state';
import { FileTree } from './file-tree';
import { CHANGE_TONE, displayName } from './layer-format';
import { SharedLayers } from './shared-layers';
import { WritableLayer } from './writable-layer';

type Analysis = { state: 'loading'; progress: LoadProgress | null } | { state: 'done'; summary: ImageSummary; fromCache: boolean } | { state: 'error'; message: string };

/** Where an image's layers are read from: the engine's export, or the registry's blobs (nothing pulled). */
type Source = { kind: 'engine'; host: string; image: string } | { kind: 'registry'; registry: string; repository: string; reference: string; platform: string };

function sourceName(source: Source): string {
  return source.kind === 'engine' ? source.image : `${source.repository}${source.reference.startsWith('sha256:') ? '@' : ':'}${source.reference}`;
}

function sourceKey(source: Source): string {
  return source.kind === 'engine' ? `engine:${source.host}:${source.image}` : `registry:${source.registry}:${sourceName(source)}:${source.platform}`;
}

function useAnalysis(source: Source): Analysis {
  const api = useApi();
  const [analysis, setAnalysis] = useState<Analysis>({ state: 'loading', progress: null });
  const key = sourceKey(source);
  useEffect(() => {
    setAnalysis({ state: 'loading', progress: null });
    const handlers = {
      onData: (event: AnalyzeEvent) => setAnalysis(event.kind === 'progress' ? { state: 'loading', progress: event.progress } : { state: 'done', summary: event.summary, fromCache: event.fromCache }),
      onError: (error: { message: string }) => setAnalysis({ state: 'error', message: error.message }),
    };
    return source.kind === 'engine'
      ? api.layers.analyze.subscribe({ host: source.host, image: source.image }, handlers)
      : api.layers.analyzeRemote.subscribe({ registry: source.registry, repository: source.repository, reference: source.reference, ...(source.platform ? { platform: source.platform } : {}) }, handlers);
    // The key says everything the source holds: a new object for the same source does not restart the analysis.
  }, [api, key]);
  return analysis;
}

export function LayersView() {
  const route = useRoute();
  const live = useLive();
  const { image = '', registry = '', repo = '', ref = '', platform = '' } = route.params;
  if (registry && repo && ref) return <ImageLayers source={{ kind: 'registry', registry, repository: repo, reference: ref, platform }} />;
  return image ? <ImageLayers source={{ kind: 'engine', host: live.host, image }} /> : <ImagePicker />;
}

function ImagePicker() {
  const live = useLive();
  const images = useStore(live.images);
  const tagged = images.rows.flatMap((row) => (row.repoTags.length > 0 ? row.repoTags.map((tag) => ({ tag, row })) : [{ tag: row.id, row }]));
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-auto p-5">
      <section aria-labelledby="pick-image" className="rounded-lg border border-line bg-surface p-4 shadow-xs">
        <h2 id="pick-image" className="mb-3 text-[13px] font-semibold text-fg">
          Explore an image's layers
        </h2>
        {tagged.length === 0 ? (
          <EmptyState icon={Layers} title="No images on this engine" command="docker pull busybox" />
        ) : (
          <ul className="flex flex-wrap gap-2">
            {tagged.map(({ tag, row }) => (
              <li key={tag}>
                <a href={`#/layers?image=${encodeURIComponent(tag)}`} data-testid="layers-image" className="inline-flex h-8 items-center gap-2 rounded-md border border-line px-3 font-mono text-[12px] text-fg hover:border-accent hover:text-accent">
                  {tag.startsWith('sha256:') ? shortId(tag) : tag}
                  <span className="text-faint">{formatBytes(row.size)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <SharedLayers />
    </div>
  );
}

function ImageLayers({ source }: { source: Source }) {
  const analysis = useAnalysis(source);
  const image = sourceName(source);
  if (analysis.state === 'error') {
    return (
      <EmptyState icon={Layers} title={`Cannot read ${image}`} action={<Button onClick={() => navigate({ view: 'layers', params: {} })}>Pick another image</Button>}>
        {analysis.message}
      </EmptyState>
    );
  }
  if (analysis.state === 'loading') {
    const p = analysis.progress;
    const share = p?.total ? Math.min(1, p.bytes / p.total) : null;
    return (
      <div role="status" className="flex flex-1 flex-col items-center justify-center gap-3 text-[13px] text-muted">
        <Spinner className="size-5" />
        <p>{p?.phase === 'reading' ? `Reading ${image}: ${formatBytes(p.bytes)}${p.total ? ` of about ${formatBytes(p.total)}` : ''}` : `Opening ${image}…`}</p>
        {share !== null && (
          <div role="progressbar" aria-label="Reading the image" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} className="h-1.5 w-64 overflow-hidden rounded bg-raised">
            <div className="h-full bg-accent" style={{ width: `${share * 100}%` }} />
          </div>
        )}
      </div>
    );
  }
  return <Explorer source={source} summary={analysis.summary} fromCache={analysis.fromCache} />;
}

const CHANGES: Change[] = ['added', 'modified', 'removed', 'unmodified'];

function Explorer({ source, summary, fromCache }: { source: Source; summary: ImageSummary; fromCache: boolean }) {
  const api = useApi();
  const [layer, setLayer] = useState(summary.layers.length - 1);
  const [view, setView] = useState<'changes' | 'aggregate'>('changes');
  const [changes, setChanges] = useState<Change[]>([]);
  const [path, setPath] = useState('');
  const [sort, setSort] = useState<'name' | 'size'>('name');
  const [expand, setExpand] = useState<'all' | 'none'>('all');
  const [toggled, setToggled] = useState<string[]>([]);
  const options = useMemo(() => ({ changes, path, sort, expand, toggled }), [changes, path, sort, expand, toggled]);
  const selected = summary.layers[layer];
  const startup = [...(summary.entrypoint ?? []), ...(summary.cmd ?? [])];

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-auto p-4">
      <section aria-label="Image" className="flex flex-wrap items-end gap-x-8 gap-y-2 rounded-lg border border-line bg-surface px-4 py-3 shadow-xs">
        <div className="min-w-0">
          <h2 className="truncate font-mono text-[14px] font-semibold text-fg" data-testid="layers-image-name">
            {summary.image}
          </h2>
          <p className="font-mono text-[11.5px] text-faint" title={summary.id}>
            {shortId(summary.id)} · {summary.platform || 'unknown platform'} {fromCache && '· from cache'}
          </p>
        </div>
        <Figure label="Start-up" value={startup.length > 0 ? startup.join(' ') : '(none)'} mono testId="layers-startup" />
        {summary.entrypoint && <Figure label="Entrypoint" value={JSON.stringify(summary.entrypoint)} mono />}
        <Figure label="Files" value={`${formatBytes(summary.totalSize)} · ${summary.entryCount.toLocaleString('en-US')} entries`} />
        <Figure label="Efficiency" value={`${(summary.efficiency * 100).toFixed(1)} %`} testId="layers-efficiency" />
        <Figure label="Wasted" value={`${formatBytes(summary.wastedBytes)} (${(summary.userWastedPercent * 100).toFixed(1)} % of added)`} testId="layers-wasted" />
      </section>

      <div className="grid min-h-[520px] flex-1 grid-cols-1 gap-3 lg:grid-cols-[minmax(280px,2fr)_3fr]">
        <section aria-label="Layers" className="flex min-h-0 flex-col overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
          <h3 className="border-b border-line px-3 py-2 text-[12.5px] font-semibold text-fg">Build steps</h3>
          <ol className="min-h-0 flex-1 overflow-auto">
            {summary.history.map((step, i) => {
              const l = step.layer === null ? null : summary.layers[step.layer]!;
              const current = l !== null && l.index === layer;
              return (
                <li key={i}>
                  <button
                    type="button"
                    disabled={l === null}
                    aria-pressed={l === null ? undefined : current}
                    data-testid="layer-row"
                    data-empty={l === null ? 'true' : 'false'}
                    onClick={() => l && (setLayer(l.index), setToggled([]))}
                    className={`flex w-full items-start gap-2 border-b border-line/60 px-3 py-2 text-left text-[12px] ${current ? 'bg-accent-soft' : l ? 'hover:bg-raised' : 'opacity-60'}`}
                  >
                    <span className="w-14 shrink-0 text-right tabular text-muted">{l ? formatBytes(l.size) : 'empty'}</span>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-mono text-fg" title={step.createdBy}>
                        {step.step || '(no command recorded)'}
                      </span>
                      <span className="text-[11px] text-faint">
                        {l && (
                          <>
                            <span className={CHANGE_TONE.added}>+{l.counts.added}</span> <span className={CHANGE_TONE.modified}>~{l.counts.modified}</span>{' '}
                            <span className="text-red-700 dark:text-red-400">−{l.counts.removed}</span>{' '}
                          </>
                        )}
                        {step.created && <time dateTime={step.created}>{step.created.slice(0, 16).replace('T', ' ')}</time>}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </section>

        <section aria-label="Files" className="flex min-h-0 flex-col overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
          <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
            <Segmented
              label="Tree"
              value={view}
              onChange={(v) => (setView(v), setToggled([]))}
              options={[
                { value: 'changes', label: `Layer ${layer}'s changes` },
                { value: 'aggregate', label: 'Filesystem up to it' },
              ]}
            />
            <div role="group" aria-label="Show changes" className="flex items-center gap-1">
              {CHANGES.map((c) => {
                const on = changes.includes(c);
                return (
                  <button
                    key={c}
                    type="button"
                    aria-pressed={on}
                    onClick={() => setChanges(on ? changes.filter((x) => x !== c) : [...changes, c])}
                    className={`h-7 rounded-md border px-2 text-[11.5px] capitalize ${on ? 'border-accent bg-accent-soft' : 'border-line'} ${CHANGE_TONE[c]}`}
                  >
                    {c}
                  </button>
                );
              })}
            </div>
            <input
              type="search"
              aria-label="Filter paths (regular expression)"
              placeholder="path regex"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              className="h-7 w-40 rounded-md border border-line bg-surface px-2 font-mono text-[12px] outline-none focus:border-accent"
            />
            <Segmented label="Sort" value={sort} onChange={setSort} options={[{ value: 'name', label: 'Name' }, { value: 'size', label: 'Size' }]} />
            <Button variant="ghost" onClick={() => (setExpand('all'), setToggled([]))}>
              Expand all
            </Button>
            <Button variant="ghost" onClick={() => (setExpand('none'), setToggled([]))}>
              Collapse all
            </Button>
          </div>
          {selected && (
            <FileTree
              label={view === 'changes' ? `Changes in layer ${layer}` : `Filesystem up to layer ${layer}`}
              queryKey={['layers.tree', sourceKey(source), summary.id, layer, view, options]}
              fetchWindow={(offset, limit) => {
                const request = { id: summary.id, layer, view, ...options, offset, limit };
                return source.kind === 'engine'
                  ? api.layers.tree.query({ host: source.host, ...request })
                  : api.layers.treeRemote.query({ registry: source.registry, repository: source.repository, reference: source.reference, ...(source.platform ? { platform: source.platform } : {}), ...request });
              }}
              onToggle={(p) => setToggled(toggled.includes(p) ? toggled.filter((x) => x !== p) : [...toggled, p])}
            />
          )}
        </section>
      </div>

      <Inefficiencies summary={summary} />
      <WritableLayer imageId={summary.id} />
    </div>
  );
}

function Figure({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <div className="min-w-0">
      <div className="text-[11px] font-medium tracking-wide text-faint uppercase">{label}</div>
      <div data-testid={testId} className={`max-w-96 truncate text-[13px] text-fg ${mono ? 'font-mono text-[12px]' : 'tabular'}`} title={value}>
        {value}
      </div>
    </div>
  );
}

function Inefficiencies({ summary }: { summary: ImageSummary }) {
  const [all, setAll] = useState(false);
  const shown = all ? summary.inefficiencies : summary.inefficiencies.slice(0, 50);
  return (
    <section aria-labelledby="wasted-heading" className="rounded-lg border border-line bg-surface shadow-xs">
      <h3 id="wasted-heading" className="flex items-center gap-2 border-b border-line px-3 py-2 text-[12.5px] font-semibold text-fg">
        <FolderTree aria-hidden className="size-4 text-faint" /> Wasted space: paths stored more than once or removed after being added
        <span className="font-normal text-faint">({summary.inefficiencies.length.toLocaleString('en-US')})</span>
      </h3>
      {summary.inefficiencies.length === 0 ? (
        <p className="px-3 py-3 text-[12.5px] text-muted">Nothing is stored twice or deleted after being added.</p>
      ) : (
        <table className="w-full text-[12px]">
          <thead className="text-left text-[11px] text-faint">
            <tr>
              <th className="px-3 py-1.5 font-medium">Path</th>
              <th className="px-3 py-1.5 text-right font-medium">Copies</th>
              <th className="px-3 py-1.5 text-right font-medium">Wasted</th>
              <th className="px-3 py-1.5 font-medium">Each layer's share</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.path} data-testid="inefficiency" className="border-t border-line/60">
                <td className="max-w-96 truncate px-3 py-1 font-mono" title={displayName(i.path)}>
                  {displayName(i.path)}
                </td>
                <td className="px-3 py-1 text-right tabular">{i.count}</td>
                <td className="px-3 py-1 text-right tabular">{formatBytes(i.wastedBytes)}</td>
                <td className="px-3 py-1 text-faint">
                  {i.layers.map((l) => (
                    <span key={`${l.layer}-${l.change}`} className={`mr-2 ${CHANGE_TONE[l.change]}`}>
                      #{l.layer} {l.change === 'removed' ? 'removed' : formatBytes(l.size)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!all && summary.inefficiencies.length > 50 && (
        <div className="border-t border-line px-3 py-2">
          <Button variant="ghost" onClick={() => setAll(true)}>
            Show all {summary.inefficiencies.length.toLocaleString('en-US')}
          </Button>
        </div>
      )}
    </section>
  );
}
