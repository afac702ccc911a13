// The pull box: type a reference, see it checked as `docker pull` would,
// pull; every pull shows its layers and overall progress with speed, can be
// cancelled, and once done can be run in one click.
import { Ban, Download, Play, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { LayerProgress } from '../../../../main/images/pull-progress';
import type { ReferenceCheck } from '../../../../main/api/pull';
import { useApi } from '../../app/hooks';
import { formatBytes } from '../../lib/format';
import type { PullItem } from '../../state/pulls';
import { closeDialog, openRun } from '../../state/dialogs';
import { Button } from '../../ui/controls';
import { Field, inputClass, Modal, ProgressBar } from '../../ui/dialog';
import { LayerRows } from './layer-rows';
import { askToNotify, usePullItems, usePulls } from './use-pulls';

const LAYER_LABEL: Record<LayerProgress['state'], string> = {
  waiting: 'Waiting',
  downloading: 'Downloading',
  verifying: 'Verifying',
  downloaded: 'Downloaded',
  extracting: 'Extracting',
  done: 'Done',
  exists: 'Already exists',
  retrying: 'Retrying',
};

function useReferenceCheck(text: string): ReferenceCheck | null {
  const api = useApi();
  const [check, setCheck] = useState<ReferenceCheck | null>(null);
  useEffect(() => {
    if (text.trim() === '') {
      setCheck(null);
      return;
    }
    let live = true;
    void api.images.checkReference.query({ text }).then((c) => live && setCheck(c), () => undefined);
    return () => {
      live = false;
    };
  }, [api, text]);
  return check;
}

export function PullDialog() {
  const pulls = usePulls();
  const items = usePullItems();
  const [text, setText] = useState('');
  const check = useReferenceCheck(text);
  const valid = check?.ok === true && check.familiar !== null;
  const submit = () => {
    if (!valid) return;
    askToNotify();
    pulls.start(text.trim());
    setText('');
  };
  return (
    <Modal title="Pull an image" onClose={closeDialog} width="max-w-2xl" testId="pull-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="flex items-start gap-2"
      >
        <div className="min-w-0 flex-1">
          <Field
            label="Image reference"
            error={text.trim() !== '' && check && !check.ok ? (check.error ?? undefined) : undefined}
            hint={valid ? <>Pulls <span className="font-mono">{check.canonical}</span>{check.tagDefaulted ? ' (no tag given: latest)' : ''}</> : 'e.g. nginx, quay.io/org/app:1.2, localhost:5000/web@sha256:…'}
          >
            {(props) => (
              <input
                {...props}
                autoFocus
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="nginx:latest"
                spellCheck={false}
                autoComplete="off"
                data-testid="pull-input"
                className={`${inputClass} font-mono`}
              />
            )}
          </Field>
        </div>
        <Button type="submit" variant="primary" disabled={!valid} icon={<Download aria-hidden className="size-3.5" />} className="mt-[22px]" data-testid="pull-submit">
          Pull
        </Button>
      </form>
      {items.length > 0 && (
        <ul aria-label="Pulls" className="mt-4 flex flex-col gap-3">
          {items.map((item) => (
            <PullCard key={item.key} item={item} />
          ))}
        </ul>
      )}
    </Modal>
  );
}

function PullCard({ item }: { item: PullItem }) {
  const pulls = usePulls();
  const p = item.progress;
  const layers = p?.layers ?? [];
  const summary =
    item.phase === 'done'
      ? p?.upToDate
        ? 'Image is up to date'
        : `Pulled${p && p.downloaded > 0 ? ` · ${formatBytes(p.downloaded)}` : ''}`
      : item.phase === 'failed'
        ? 'Failed'
        : item.phase === 'cancelled'
          ? 'Cancelled'
          : p && p.totalKnown > 0
            ? `${formatBytes(p.downloaded)} of ${formatBytes(p.totalKnown)}${p.bytesPerSecond > 0 ? ` · ${formatBytes(p.bytesPerSecond)}/s` : ''}`
            : 'Starting…';
  return (
    <li data-testid="pull-item" data-reference={item.reference} data-phase={item.phase} className="rounded-lg border border-line bg-surface p-3">
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-mono text-[13px] font-medium" title={item.reference}>
          {item.reference}
        </span>
        <span className="shrink-0 text-[12px] text-muted tabular" data-testid="pull-summary">
          {summary}
        </span>
        {item.phase === 'pulling' ? (
          <Button variant="ghost" className="h-7 px-2" onClick={() => pulls.cancel(item.key)} aria-label={`Cancel the pull of ${item.reference}`} icon={<Ban aria-hidden className="size-3.5" />}>
            Cancel
          </Button>
        ) : (
          <>
            {item.phase === 'done' && (
              <Button
                variant="primary"
                className="h-7 px-2"
                onClick={() => openRun(item.reference)}
                aria-label={`Run ${item.reference}`}
                data-testid="pull-run"
                icon={<Play aria-hidden className="size-3.5" />}
              >
                Run
              </Button>
            )}
            <button type="button" aria-label={`Dismiss ${item.reference}`} onClick={() => pulls.dismiss(item.key)} className="grid size-7 place-items-center rounded-md text-faint hover:bg-raised hover:text-fg">
              <X aria-hidden className="size-3.5" />
            </button>
          </>
        )}
      </div>
      <ProgressBar
        className="mt-2 h-2"
        label={`Pull of ${item.reference}`}
        value={item.phase === 'done' ? 1 : (p?.fraction ?? 0)}
        tone={item.phase === 'done' ? 'done' : item.phase === 'failed' ? 'error' : item.phase === 'cancelled' ? 'muted' : 'accent'}
      />
      {item.error && (
        <p role="alert" className="mt-2 text-[12.5px] text-red-700 dark:text-red-300" data-testid="pull-error">
          {item.error}
        </p>
      )}
      {layers.length > 0 && item.phase !== 'done' && (
        <LayerRows
          label={`Layers of ${item.reference}`}
          testId="pull-layer"
          layers={layers.map((l) => ({
            id: l.id,
            state: l.state,
            value: layerValue(l),
            done: l.state === 'done' || l.state === 'exists',
            text: `${LAYER_LABEL[l.state]}${(l.state === 'downloading' || l.state === 'extracting') && l.current !== null && l.total !== null ? ` ${formatBytes(l.current)} / ${formatBytes(l.total)}` : ''}`,
          }))}
        />
      )}
    </li>
  );
}

function layerValue(l: LayerProgress): number {
  if (l.state === 'done' || l.state === 'exists') return 1;
  if ((l.state === 'downloading' || l.state === 'extracting') && l.current !== null && l.total) return l.current / l.total;
  return l.state === 'downloaded' || l.state === 'verifying' ? 1 : 0;
}
