// Clean up: stopped containers and dangling images. The dialog lists exactly
// what would go, and after the prune, what went and the space reclaimed.
import { useEffect, useState } from 'react';
import type { PrunePreview, PruneReport } from '../../../../main/containers/prune';
import { useAction, useApi, useLive } from '../../app/hooks';
import { formatBytes, shortId } from '../../lib/format';
import { Button, Spinner } from '../../ui/controls';
import { Modal } from '../../ui/dialog';

export function PruneDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const host = useLive().host;
  const [preview, setPreview] = useState<PrunePreview | null>(null);
  const { busy, error, setError, run } = useAction();
  const [kinds, setKinds] = useState({ containers: true, images: true });
  const [report, setReport] = useState<PruneReport | null>(null);

  useEffect(() => {
    api.prune.preview.query({ host }).then(setPreview, (e: Error) => setError(e.message));
  }, [api, host]);

  const nothing = preview !== null && preview.containers.length === 0 && preview.images.length === 0;
  const prune = async () => {
    if (!preview) return;
    const done = await run(() => api.prune.run.mutate({ host, containers: kinds.containers && preview.containers.length > 0, images: kinds.images && preview.images.length > 0, until: preview.at }));
    if (done) setReport(done);
  };

  return (
    <Modal
      title="Clean up"
      onClose={onClose}
      testId="prune-dialog"
      footer={
        report || nothing ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="primary" className="bg-red-600 hover:bg-red-700" disabled={!preview || busy || (!kinds.containers && !kinds.images)} onClick={() => void prune()} data-testid="prune-confirm">
              {busy ? 'Removing…' : 'Remove them'}
            </Button>
          </>
        )
      }
    >
      {error && (
        <p role="alert" className="mb-2 text-[12.5px] text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {!preview && !error && (
        <p role="status" className="flex items-center gap-2 text-[13px] text-muted">
          <Spinner /> Looking for what can go…
        </p>
      )}
      {report ? (
        <div role="status" data-testid="prune-report" className="text-[13px]">
          <p className="font-medium">
            Removed {report.containers.length} {report.containers.length === 1 ? 'container' : 'containers'} and {report.images.length} {report.images.length === 1 ? 'image' : 'images'}; reclaimed {formatBytes(report.spaceReclaimed)}.
          </p>
          <ul className="mt-2 max-h-64 overflow-auto font-mono text-[12px] text-muted">
            {report.containers.map((id) => (
              <li key={id}>container {preview?.containers.find((c) => c.id === id)?.name ?? shortId(id)}</li>
            ))}
            {report.images.map((id) => (
              <li key={id}>image {shortId(id)}</li>
            ))}
          </ul>
        </div>
      ) : nothing ? (
        <p role="status" className="text-[13px] text-muted">
          Nothing to clean up: no stopped containers and no dangling images.
        </p>
      ) : (
        preview && (
          <div className="flex flex-col gap-4 text-[13px]">
            <PruneGroup
              label={`${preview.containers.length} stopped ${preview.containers.length === 1 ? 'container' : 'containers'}`}
              checked={kinds.containers}
              onChange={(v) => setKinds((k) => ({ ...k, containers: v }))}
              items={preview.containers.map((c) => `${c.name}  ·  ${c.image}  ·  ${c.status}${c.size ? `  ·  ${formatBytes(c.size)}` : ''}`)}
            />
            <PruneGroup
              label={`${preview.images.length} dangling ${preview.images.length === 1 ? 'image' : 'images'}`}
              checked={kinds.images}
              onChange={(v) => setKinds((k) => ({ ...k, images: v }))}
              items={preview.images.map((i) => `${shortId(i.id)}  ·  ${formatBytes(i.size)}`)}
            />
            <p className="text-muted">Stopped containers and images no tag points at.{preview.estimatedBytes > 0 && ` Up to ${formatBytes(preview.estimatedBytes)} (images that share layers free less).`}</p>
          </div>
        )
      )}
    </Modal>
  );
}

function PruneGroup({ label, checked, onChange, items }: { label: string; checked: boolean; onChange: (v: boolean) => void; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <label className="inline-flex items-center gap-2 font-medium">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      <ul aria-label={label} className="mt-1.5 max-h-48 overflow-auto rounded-md border border-line bg-surface font-mono text-[12px]">
        {items.map((item, i) => (
          <li key={i} className="truncate border-b border-line/60 px-3 py-1 last:border-b-0">
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}
