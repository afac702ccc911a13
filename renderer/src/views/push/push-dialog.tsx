// Pushing a local image to a saved registry: pick the registry, repository
// and tag (prefilled from the image's name), then watch each layer go up and
// read the digest the registry gave. The engine pushes by name, so the image
// is first tagged REGISTRY/REPO:TAG on the engine, and that tag stays.
import { KeyRound, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { PushEvent } from '../../../../main/images/push';
import type { RegistryView } from '../../../../main/registry/types';
import { useApi, useLive } from '../../app/hooks';
import { formatBytes } from '../../lib/format';
import { parseImageRef } from '../../lib/images';
import { closeDialog } from '../../state/dialogs';
import { Button } from '../../ui/controls';
import { Field, inputClass, Modal, ProgressBar } from '../../ui/dialog';
import { LayerRows } from '../pull/layer-rows';
import { LoginDialog } from '../registry/login-dialog';
import { useRegistries } from '../registry/registry-data';

const STATE_LABEL: Record<PushEvent['layers'][number]['state'], string> = { waiting: 'Waiting', pushing: 'Pushing', pushed: 'Pushed', exists: 'Already there' };

/** The repository and tag a push of `image` starts from: its name without a registry host, and its tag. Pure. */
export function pushDefaults(image: string): { repository: string; tag: string } {
  const { repository, tag } = parseImageRef(image);
  const [first, ...rest] = repository.split('/');
  const hasHost = rest.length > 0 && (first!.includes('.') || first!.includes(':') || first === 'localhost');
  return { repository: hasHost ? rest.join('/') : repository, tag: tag || 'latest' };
}

/** Whether a push failed for want of a login, so the dialog offers one. */
const asksForLogin = (message: string) => /log ?in|unauthori[sz]ed|authentication required|denied/i.test(message);

type Phase = { kind: 'form' } | { kind: 'pushing'; event: PushEvent | null } | { kind: 'done'; event: PushEvent } | { kind: 'failed'; error: string; event: PushEvent | null };

export function PushDialog({ image }: { image: string }) {
  const api = useApi();
  const host = useLive().host;
  const registries = useRegistries();
  const defaults = pushDefaults(image);
  const [registryId, setRegistryId] = useState('');
  const [repository, setRepository] = useState(defaults.repository);
  const [tag, setTag] = useState(defaults.tag);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [loggingIn, setLoggingIn] = useState(false);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const list = registries.data ?? [];
  const registry: RegistryView | undefined = list.find((r) => r.id === registryId) ?? list[0];
  const target = registry ? `${registry.domain}/${repository.trim()}:${tag.trim()}` : null;
  const busy = phase.kind === 'pushing';

  const push = () => {
    if (!registry) return;
    let last: PushEvent | null = null;
    setPhase({ kind: 'pushing', event: null });
    stop.current = api.registries.push.subscribe(
      { host, image, registry: registry.id, repository: repository.trim(), tag: tag.trim() },
      {
        onData: (event: PushEvent) => {
          last = event;
          setPhase(event.phase === 'done' ? { kind: 'done', event } : { kind: 'pushing', event });
        },
        onError: (error) => setPhase({ kind: 'failed', error: error.message, event: last }),
        onEnd: () => undefined,
      },
    );
  };

  const event = phase.kind === 'form' ? null : phase.event;
  const layers = event?.layers ?? [];
  const sent = layers.reduce((sum, l) => sum + (l.state === 'exists' ? 0 : l.current), 0);
  const total = layers.reduce((sum, l) => sum + (l.state === 'exists' ? 0 : l.total), 0);

  return (
    <>
      <Modal
        title={`Push ${image}`}
        onClose={closeDialog}
        testId="push-dialog"
        width="max-w-2xl"
        footer={
          <>
            <Button onClick={closeDialog}>{busy ? 'Cancel push' : phase.kind === 'form' ? 'Cancel' : 'Done'}</Button>
            <Button variant="primary" type="submit" form="image-push" disabled={busy || !registry || !repository.trim() || !tag.trim()} data-testid="push-submit" icon={<Upload aria-hidden className="size-3.5" />}>
              {busy ? 'Pushing…' : phase.kind === 'form' ? 'Push' : 'Push again'}
            </Button>
          </>
        }
      >
        <form
          id="image-push"
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            push();
          }}
        >
          {registries.isSuccess && list.length === 0 && <p className="text-[12.5px] text-muted">No saved registries: add one under Registries in the sidebar first.</p>}
          {registries.error && (
            <p role="alert" className="text-[12.5px] text-red-700 dark:text-red-300">
              {registries.error.message}
            </p>
          )}
          <Field label="Registry">
            {(props) => (
              <select {...props} value={registry?.id ?? ''} onChange={(e) => setRegistryId(e.target.value)} disabled={busy} data-testid="push-registry" className={inputClass}>
                {list.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {r.login ? ` (as ${r.login.username})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="flex gap-2">
            <div className="min-w-0 flex-1">
              <Field label="Repository">
                {(props) => <input {...props} value={repository} onChange={(e) => setRepository(e.target.value)} disabled={busy} spellCheck={false} autoComplete="off" data-testid="push-repository" className={`${inputClass} font-mono`} />}
              </Field>
            </div>
            <div className="w-40">
              <Field label="Tag">
                {(props) => <input {...props} value={tag} onChange={(e) => setTag(e.target.value)} disabled={busy} spellCheck={false} autoComplete="off" data-testid="push-tag" className={`${inputClass} font-mono`} />}
              </Field>
            </div>
          </div>
          {target && (
            <p className="text-[12.5px] text-muted" data-testid="push-target">
              Pushing tags the image on this engine as <span className="font-mono text-fg">{target}</span> first; that tag stays afterwards (remove it from Images if you don’t want it).
            </p>
          )}
        </form>
        {phase.kind !== 'form' && (
          <div className="mt-4 rounded-lg border border-line bg-surface p-3" data-testid="push-progress" data-phase={phase.kind}>
            <div className="flex items-center gap-2 text-[12px]">
              <span className="min-w-0 flex-1 truncate font-mono text-[13px] font-medium">{event?.reference ?? target}</span>
              <span className="shrink-0 text-muted tabular" data-testid="push-summary">
                {phase.kind === 'done' ? 'Pushed' : phase.kind === 'failed' ? 'Failed' : total > 0 ? `${formatBytes(sent)} of ${formatBytes(total)}` : 'Starting…'}
              </span>
            </div>
            <ProgressBar className="mt-2 h-2" label={`Push of ${target}`} value={phase.kind === 'done' ? 1 : total > 0 ? sent / total : 0} tone={phase.kind === 'done' ? 'done' : phase.kind === 'failed' ? 'error' : 'accent'} />
            {phase.kind === 'done' && (
              <p className="mt-2 text-[12.5px]">
                Digest <span className="select-all font-mono" data-testid="push-digest">{phase.event.digest ?? 'not reported by the engine'}</span>
              </p>
            )}
            {phase.kind === 'failed' && (
              <div className="mt-2 flex items-start gap-2">
                <p role="alert" className="flex-1 text-[12.5px] text-red-700 dark:text-red-300" data-testid="push-error">
                  {phase.error}
                </p>
                {registry && asksForLogin(phase.error) && (
                  <Button className="h-7 px-2" onClick={() => setLoggingIn(true)} data-testid="push-login" icon={<KeyRound aria-hidden className="size-3.5" />}>
                    Log in to {registry.name}
                  </Button>
                )}
              </div>
            )}
            {layers.length > 0 && phase.kind !== 'done' && (
              <LayerRows
                label={`Layers of ${target}`}
                testId="push-layer"
                layers={layers.map((l) => ({
                  id: l.id,
                  state: l.state,
                  value: l.state === 'pushed' || l.state === 'exists' ? 1 : l.total > 0 ? l.current / l.total : 0,
                  done: l.state === 'pushed' || l.state === 'exists',
                  text: `${STATE_LABEL[l.state]}${l.state === 'pushing' && l.total > 0 ? ` ${formatBytes(l.current)} / ${formatBytes(l.total)}` : ''}`,
                }))}
              />
            )}
          </div>
        )}
      </Modal>
      {loggingIn && registry && <LoginDialog registry={registry} onClose={() => setLoggingIn(false)} />}
    </>
  );
}
