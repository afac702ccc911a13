// Layers shared between the host's images, as a picture: what the images
// would take with their own copy of every layer against what the disk holds,
// then the shared layers with the images that use each.
import { useQuery } from '@tanstack/react-query';
import { useApi, useLive } from '../../app/hooks';
import { countLabel, formatBytes, shortId } from '../../lib/format';
import { Spinner } from '../../ui/controls';

export function SharedLayers() {
  const api = useApi();
  const live = useLive();
  const report = useQuery({ queryKey: ['layers.shared', live.host], queryFn: () => api.layers.shared.query({ host: live.host }), staleTime: 30_000 });
  const data = report.data;
  const names = new Map(data?.images.map((i) => [i.id, i.tags[0] ?? shortId(i.id)]) ?? []);
  // An image may carry several tags; each layer row names them all for search and tests.
  const tagsOf = new Map(data?.images.map((i) => [i.id, i.tags]) ?? []);
  const saved = data ? data.unsharedBytes - data.actualBytes : 0;
  return (
    <section aria-labelledby="shared-heading" className="rounded-lg border border-line bg-surface p-4 shadow-xs" data-testid="shared-layers">
      <h2 id="shared-heading" className="mb-3 text-[13px] font-semibold text-fg">
        Layers shared between images
      </h2>
      {report.isPending && <Spinner label="Reading the images' layers" />}
      {report.error && <p className="text-[12.5px] text-red-600 dark:text-red-400">{(report.error as Error).message}</p>}
      {data && (
        <>
          <div className="space-y-1.5 text-[12px]">
            <Bar label="Every image with its own copy" bytes={data.unsharedBytes} max={data.unsharedBytes} tone="bg-line-strong" />
            <Bar label="What the disk holds" bytes={data.actualBytes} max={data.unsharedBytes} tone="bg-accent" />
          </div>
          <p className="mt-2 text-[12.5px] text-muted" data-testid="shared-saving">
            Sharing saves {formatBytes(saved)} across {countLabel(data.images.length, 'image')}; {data.shared.length === 1 ? '1 layer is' : `${data.shared.length} layers are`} used by more than one.
          </p>
          {data.shared.length > 0 && (
            <ul className="mt-3 divide-y divide-line/60 text-[12px]">
              {data.shared.map((layer) => (
                <li key={layer.diffId} className="flex flex-wrap items-center gap-2 py-1.5" data-testid="shared-layer" data-tags={layer.images.flatMap((id) => tagsOf.get(id) ?? []).join(' ')}>
                  <span className="w-16 shrink-0 text-right tabular text-muted">{layer.size === null ? '?' : formatBytes(layer.size)}</span>
                  <span className="font-mono text-faint" title={layer.diffId}>
                    {shortId(layer.diffId)}
                  </span>
                  <span className="text-faint">×{layer.images.length}</span>
                  {layer.images.map((id) => (
                    <a key={id} href={`#/layers?image=${encodeURIComponent(names.get(id) ?? id)}`} title={(tagsOf.get(id) ?? []).join(', ')} className="rounded bg-accent-soft px-1.5 py-px font-mono text-[11px] text-accent hover:underline">
                      {names.get(id)}
                    </a>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function Bar({ label, bytes, max, tone }: { label: string; bytes: number; max: number; tone: string }) {
  return (
    <div className="grid grid-cols-[200px_1fr_80px] items-center gap-2">
      <span className="text-muted">{label}</span>
      <div className="h-3 overflow-hidden rounded bg-raised" role="img" aria-label={`${label}: ${formatBytes(bytes)}`}>
        <div className={`h-full ${tone}`} style={{ width: `${max > 0 ? (bytes / max) * 100 : 0}%` }} />
      </div>
      <span className="text-right tabular text-fg">{formatBytes(bytes)}</span>
    </div>
  );
}
