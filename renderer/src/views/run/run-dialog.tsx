// The run dialog: prefilled from the image's config, every field of `docker
// run` a user reaches for, checked while typing (the same translation the API
// uses), with the equivalent command line to copy. A container that was
// created but did not start is reported, with the choice to remove it.
import { Play, Plus, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ImageDefaults } from '../../../../main/api/pull';
import type { FieldError, MountSpec, PortSpec, RunSpec } from '../../../../main/containers/run-spec';
import type { RunResult } from '../../../../main/containers/actions';
import { navigate, useApi, useLive } from '../../app/hooks';
import { useEngineInfo } from '../../app/queries';
import { closeDialog } from '../../state/dialogs';
import { Button, Spinner } from '../../ui/controls';
import { CopyButton } from '../../ui/copy-button';
import { Field, inputClass, Modal } from '../../ui/dialog';
import { EMPTY_RUN_SPEC } from '../../../../main/containers/run-defaults';


/** How the image's default command reads in a shell. */
const words = (list: string[]) => list.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');

export function specFromDefaults(image: string, d: ImageDefaults | null): RunSpec {
  const ports: PortSpec[] = (d?.exposedPorts ?? []).map((p) => {
    const [port = '', protocol = 'tcp'] = p.split('/');
    return { containerPort: port, hostPort: Number(port) >= 1024 ? port : '', hostIp: '', protocol: protocol as PortSpec['protocol'] };
  });
  return { ...EMPTY_RUN_SPEC, image, ports };
}

export function RunDialog({ image }: { image: string }) {
  const api = useApi();
  const host = useLive().host;
  const cpus = useEngineInfo().data?.cpus ?? null;
  const [defaults, setDefaults] = useState<ImageDefaults | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [spec, setSpec] = useState<RunSpec>(() => specFromDefaults(image, null));
  const [preview, setPreview] = useState<{ errors: FieldError[]; cli: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);

  useEffect(() => {
    let live = true;
    api.images.defaults.query({ host, reference: image }).then(
      (d) => {
        if (!live) return;
        setDefaults(d);
        setSpec((s) => ({ ...s, ports: specFromDefaults(image, d).ports }));
      },
      (e: Error) => live && setLoadError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, host, image]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.containers.previewRun.query({ host, spec, hostCpus: cpus }).then((p) => live && setPreview(p), () => undefined);
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, host, spec, cpus]);

  const errors = useMemo(() => new Map((preview?.errors ?? []).map((e) => [e.field, e.message])), [preview]);
  const set = <K extends keyof RunSpec>(key: K, value: RunSpec[K]) => setSpec((s) => ({ ...s, [key]: value }));

  const run = async () => {
    setBusy(true);
    setRunError(null);
    try {
      const r = await api.containers.run.mutate({ host, spec, start: true });
      if (r.started) {
        closeDialog();
        navigate({ view: 'container', params: { id: r.id } });
      } else setResult(r);
    } catch (e) {
      setRunError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (result) return <StartFailed result={result} />;

  const footer = (
    <>
      {runError && (
        <p role="alert" data-testid="run-error" className="mr-auto min-w-0 flex-1 text-[12.5px] text-red-700 dark:text-red-300">
          {runError}
        </p>
      )}
      <Button onClick={closeDialog}>Cancel</Button>
      <Button variant="primary" onClick={() => void run()} disabled={busy || (preview?.errors.length ?? 0) > 0} data-testid="run-submit" icon={busy ? <Spinner className="size-3.5" /> : <Play aria-hidden className="size-3.5" />}>
        Run
      </Button>
    </>
  );

  return (
    <Modal title={<>Run <span className="font-mono">{image}</span></>} onClose={closeDialog} width="max-w-3xl" footer={footer} testId="run-dialog">
      {loadError && (
        <p role="alert" className="mb-3 rounded-md border border-amber-500/30 bg-amber-500/10 px-3 py-2 text-[12.5px]">
          {loadError}
        </p>
      )}
      <div className="grid grid-cols-2 gap-x-4 gap-y-3">
        <Field label="Name" error={errors.get('name')} hint="Empty: the engine picks one">
          {(p) => <input {...p} className={inputClass} value={spec.name} onChange={(e) => set('name', e.target.value)} data-testid="run-name" spellCheck={false} />}
        </Field>
        <Field label="Network" error={errors.get('network')}>
          {(p) => <NetworkSelect {...p} value={spec.network} onChange={(v) => set('network', v)} />}
        </Field>
        <Field label="Command" error={errors.get('command')} hint={defaults ? <>The image's default{defaults.cmd.length ? <>: <code className="font-mono">{words(defaults.cmd)}</code></> : ' is empty'}. Type to override it.</> : undefined}>
          {(p) => <input {...p} className={`${inputClass} font-mono`} value={spec.command} placeholder={defaults ? words(defaults.cmd) : ''} onChange={(e) => set('command', e.target.value)} spellCheck={false} data-testid="run-command" />}
        </Field>
        <Field label="Entrypoint" error={errors.get('entrypoint')} hint={defaults?.entrypoint.length ? <>Default: <code className="font-mono">{words(defaults.entrypoint)}</code></> : 'The image has none'}>
          {(p) => <input {...p} className={`${inputClass} font-mono`} value={spec.entrypoint} placeholder={defaults ? words(defaults.entrypoint) : ''} onChange={(e) => set('entrypoint', e.target.value)} spellCheck={false} />}
        </Field>
      </div>

      <Section title="Ports" action={<AddButton label="Add a port" onClick={() => set('ports', [...spec.ports, { hostPort: '', hostIp: '', containerPort: '', protocol: 'tcp' }])} />}>
        {spec.ports.length === 0 && <p className="text-[12px] text-faint">No ports published.</p>}
        {spec.ports.map((port, i) => (
          <PortRow key={i} index={i} port={port} errors={errors} onChange={(p) => set('ports', spec.ports.map((x, k) => (k === i ? p : x)))} onRemove={() => set('ports', spec.ports.filter((_, k) => k !== i))} />
        ))}
      </Section>

      <Section
        title="Volumes and bind mounts"
        action={<AddButton label="Add a mount" onClick={() => set('mounts', [...spec.mounts, { type: 'volume', source: '', target: '', readOnly: false }])} />}
        hint={defaults?.volumes.length ? <>The image declares {defaults.volumes.join(', ')}: an anonymous volume each unless you mount something there.</> : undefined}
      >
        {spec.mounts.map((mount, i) => (
          <MountRow key={i} index={i} mount={mount} errors={errors} onChange={(m) => set('mounts', spec.mounts.map((x, k) => (k === i ? m : x)))} onRemove={() => set('mounts', spec.mounts.filter((_, k) => k !== i))} />
        ))}
      </Section>

      <Section title="Environment" hint={defaults?.env.length ? <>From the image: <span className="font-mono">{defaults.env.join('  ')}</span></> : undefined} action={<EnvFileButton onLoad={(text) => set('env', spec.env ? `${spec.env}\n${text}` : text)} />}>
        <Field label="Variables, one KEY=value a line" error={errors.get('env')}>
          {(p) => <textarea {...p} rows={3} className={`${inputClass} h-auto py-1.5 font-mono`} value={spec.env} onChange={(e) => set('env', e.target.value)} spellCheck={false} data-testid="run-env" />}
        </Field>
      </Section>

      <Section title="Limits and restart">
        <div className="grid grid-cols-3 gap-x-4 gap-y-3">
          <Field label="CPUs" error={errors.get('cpus')} hint={cpus ? `Up to ${cpus}` : undefined}>
            {(p) => <input {...p} className={inputClass} value={spec.cpus} placeholder="e.g. 1.5" onChange={(e) => set('cpus', e.target.value)} />}
          </Field>
          <Field label="Memory" error={errors.get('memory')} hint="e.g. 512m, 1g">
            {(p) => <input {...p} className={inputClass} value={spec.memory} onChange={(e) => set('memory', e.target.value)} data-testid="run-memory" />}
          </Field>
          <Field label="Process limit" error={errors.get('pidsLimit')}>
            {(p) => <input {...p} className={inputClass} value={spec.pidsLimit} placeholder="e.g. 200" onChange={(e) => set('pidsLimit', e.target.value)} />}
          </Field>
          <Field label="Restart policy" error={errors.get('restart')}>
            {(p) => (
              <select {...p} className={inputClass} value={spec.restart} onChange={(e) => set('restart', e.target.value as RunSpec['restart'])}>
                <option value="no">Never</option>
                <option value="on-failure">On failure</option>
                <option value="unless-stopped">Unless stopped</option>
                <option value="always">Always</option>
              </select>
            )}
          </Field>
          {spec.restart === 'on-failure' && (
            <Field label="Max retries" error={errors.get('maxRetries')} hint="Empty: no limit">
              {(p) => <input {...p} className={inputClass} value={spec.maxRetries} onChange={(e) => set('maxRetries', e.target.value)} />}
            </Field>
          )}
          <div className="col-span-3 flex flex-wrap gap-x-6 gap-y-1 text-[12.5px]">
            <Check label="Remove the container when it exits (--rm)" checked={spec.autoRemove} onChange={(v) => set('autoRemove', v)} error={errors.get('autoRemove')} />
            <Check label="Interactive with a terminal (-it)" checked={spec.tty} onChange={(v) => set('tty', v)} />
          </div>
        </div>
      </Section>

      <Section title="Labels">
        <Field label="One key=value a line" error={errors.get('labels')}>
          {(p) => <textarea {...p} rows={2} className={`${inputClass} h-auto py-1.5 font-mono`} value={spec.labels} onChange={(e) => set('labels', e.target.value)} spellCheck={false} />}
        </Field>
      </Section>

      <Section title="The same with the docker CLI">
        <div className="flex items-start gap-2 rounded-md border border-line bg-surface px-3 py-2">
          <code className="min-w-0 flex-1 font-mono text-[12px] break-all" data-testid="run-cli">
            {preview?.cli ?? '…'}
          </code>
          {preview && <CopyButton text={preview.cli} label="Copy the docker run command" />}
        </div>
      </Section>
    </Modal>
  );
}

function Section({ title, children, action, hint }: { title: string; children: ReactNode; action?: ReactNode; hint?: ReactNode }) {
  return (
    <section aria-label={title} className="mt-5">
      <div className="mb-2 flex items-center gap-2">
        <h3 className="text-[12px] font-semibold tracking-wide text-faint uppercase">{title}</h3>
        <div className="ml-auto">{action}</div>
      </div>
      {hint && <p className="mb-2 text-[11.5px] break-all text-faint">{hint}</p>}
      <div className="flex flex-col gap-2">{children}</div>
    </section>
  );
}

function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="ghost" className="h-7 px-2" onClick={onClick} icon={<Plus aria-hidden className="size-3.5" />}>
      {label}
    </Button>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" aria-label={label} onClick={onClick} className="mt-[22px] grid size-8 shrink-0 place-items-center rounded-md text-faint hover:bg-raised hover:text-fg">
      <Trash2 aria-hidden className="size-3.5" />
    </button>
  );
}

function Check({ label, checked, onChange, error }: { label: string; checked: boolean; onChange: (v: boolean) => void; error?: string }) {
  return (
    <div>
      <label className="inline-flex items-center gap-2">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="accent-[var(--color-accent)]" />
        {label}
      </label>
      {error && <p className="text-[12px] text-red-700 dark:text-red-300">{error}</p>}
    </div>
  );
}

function PortRow({ index, port, errors, onChange, onRemove }: { index: number; port: PortSpec; errors: Map<string, string>; onChange: (p: PortSpec) => void; onRemove: () => void }) {
  const n = index + 1;
  return (
    <div className="grid grid-cols-[1fr_1fr_1fr_6rem_auto] items-start gap-2" data-testid="run-port">
      <Field label={`Host IP ${n}`} error={errors.get(`ports.${index}.hostIp`)}>
        {(p) => <input {...p} className={inputClass} value={port.hostIp} placeholder="all interfaces" onChange={(e) => onChange({ ...port, hostIp: e.target.value })} />}
      </Field>
      <Field label={`Host port ${n}`} error={errors.get(`ports.${index}.hostPort`)}>
        {(p) => <input {...p} className={inputClass} value={port.hostPort} placeholder="random" onChange={(e) => onChange({ ...port, hostPort: e.target.value })} data-testid="run-host-port" />}
      </Field>
      <Field label={`Container port ${n}`} error={errors.get(`ports.${index}.containerPort`)}>
        {(p) => <input {...p} className={inputClass} value={port.containerPort} onChange={(e) => onChange({ ...port, containerPort: e.target.value })} />}
      </Field>
      <Field label={`Protocol ${n}`}>
        {(p) => (
          <select {...p} className={inputClass} value={port.protocol} onChange={(e) => onChange({ ...port, protocol: e.target.value as PortSpec['protocol'] })}>
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
            <option value="sctp">SCTP</option>
          </select>
        )}
      </Field>
      <RemoveButton label={`Remove port ${n}`} onClick={onRemove} />
    </div>
  );
}

function MountRow({ index, mount, errors, onChange, onRemove }: { index: number; mount: MountSpec; errors: Map<string, string>; onChange: (m: MountSpec) => void; onRemove: () => void }) {
  const n = index + 1;
  return (
    <div className="grid grid-cols-[7rem_1fr_1fr_auto_auto] items-start gap-2">
      <Field label={`Mount ${n} type`}>
        {(p) => (
          <select {...p} className={inputClass} value={mount.type} onChange={(e) => onChange({ ...mount, type: e.target.value as MountSpec['type'] })}>
            <option value="volume">Volume</option>
            <option value="bind">Bind mount</option>
          </select>
        )}
      </Field>
      <Field label={mount.type === 'bind' ? `Host path ${n}` : `Volume name ${n}`} error={errors.get(`mounts.${index}.source`)}>
        {(p) => <input {...p} className={`${inputClass} font-mono`} value={mount.source} placeholder={mount.type === 'bind' ? '/home/me/site' : 'anonymous'} onChange={(e) => onChange({ ...mount, source: e.target.value })} />}
      </Field>
      <Field label={`Path in the container ${n}`} error={errors.get(`mounts.${index}.target`)}>
        {(p) => <input {...p} className={`${inputClass} font-mono`} value={mount.target} placeholder="/data" onChange={(e) => onChange({ ...mount, target: e.target.value })} />}
      </Field>
      <label className="mt-[26px] inline-flex items-center gap-1.5 text-[12.5px]">
        <input type="checkbox" checked={mount.readOnly} onChange={(e) => onChange({ ...mount, readOnly: e.target.checked })} />
        Read-only
      </label>
      <RemoveButton label={`Remove mount ${n}`} onClick={onRemove} />
    </div>
  );
}

function EnvFileButton({ onLoad }: { onLoad: (text: string) => void }) {
  return (
    <label className="inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-md px-2 text-[12.5px] font-medium text-muted hover:bg-raised hover:text-fg">
      <Plus aria-hidden className="size-3.5" />
      From a .env file
      <input type="file" className="sr-only" aria-label="Load variables from a .env file" onChange={(e) => void e.target.files?.[0]?.text().then(onLoad)} />
    </label>
  );
}

function NetworkSelect({ value, onChange, ...props }: { value: string; onChange: (v: string) => void; id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) {
  const api = useApi();
  const host = useLive().host;
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    void api.networks.list.query({ host }).then((rows) => setNames(rows.map((r) => r.name).sort()), () => undefined);
  }, [api, host]);
  return (
    <select {...props} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Default (bridge)</option>
      {names.filter((n) => n !== 'bridge').map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}

/** Create succeeded, start did not: say so, and let the user remove it or keep it. */
function StartFailed({ result }: { result: RunResult }) {
  const api = useApi();
  const host = useLive().host;
  const [removed, setRemoved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title="The container was created but did not start"
      onClose={closeDialog}
      testId="start-failed"
      footer={
        removed ? (
          <Button variant="primary" onClick={closeDialog}>
            Done
          </Button>
        ) : (
          <>
            <Button
              onClick={() => {
                closeDialog();
                navigate({ view: 'container', params: { id: result.id } });
              }}
            >
              Keep it and look
            </Button>
            <Button
              variant="primary"
              className="bg-red-600 hover:bg-red-700"
              disabled={busy}
              data-testid="remove-failed"
              onClick={() => {
                setBusy(true);
                void api.containers.remove
                  .mutate({ host, ids: [result.id], force: true })
                  .then((r) => setRemoved(r.done.length ? `${result.name} was removed.` : (r.failed[0]?.message ?? 'Nothing was removed.')))
                  .finally(() => setBusy(false));
              }}
            >
              Remove it
            </Button>
          </>
        )
      }
    >
      <p className="text-[13px]">
        <span className="font-mono font-medium">{result.name}</span> exists but is not running.
      </p>
      <p role="alert" className="mt-2 rounded-md border border-red-500/30 bg-red-500/10 px-3 py-2 text-[12.5px]">
        {result.startError}
      </p>
      {removed && (
        <p role="status" className="mt-2 text-[13px]">
          {removed}
        </p>
      )}
    </Modal>
  );
}
