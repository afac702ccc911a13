// The hosts in the sidebar: each with its state and the reason, the chosen
// one highlighted; questions a host asks (an unknown key, a passphrase or a
// password) are answered right there. A changed host key only warns: there
// is nothing to click through.
import { KeyRound, Monitor, Plus, Server, ShieldAlert, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { HostView } from '../../../../main/ssh/registry';
import { parseEngineAddress } from '../../../../main/engines/address';
import { useAction, useApi } from '../../app/hooks';
import { useHostChoice } from '../../app/host-scope';
import { Button } from '../../ui/controls';
import { ConfirmDialog } from '../../ui/dialog';
import { EnginePicker } from '../engine-picker';
import { AddHostDialog } from './add-host-dialog';

const STATE_LABEL: Record<HostView['state'], string> = {
  connecting: 'Connecting',
  online: 'Online',
  offline: 'Offline',
  'auth-failed': 'Authentication failed',
  'needs-host-key': 'Unknown host key',
  'host-key-changed': 'Host key changed',
  'needs-secret': 'Needs a secret',
};

const DOT: Record<HostView['state'], string> = {
  connecting: 'bg-amber-500 animate-pulse',
  online: 'bg-emerald-500',
  offline: 'bg-red-500',
  'auth-failed': 'bg-red-500',
  'needs-host-key': 'bg-amber-500',
  'host-key-changed': 'bg-red-600',
  'needs-secret': 'bg-amber-500',
};

export function useHosts(): { hosts: HostView[]; error: string | null } {
  const api = useApi();
  const [hosts, setHosts] = useState<HostView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () =>
      api.hosts.watch.subscribe(
        {},
        {
          onData: (list) => {
            setHosts(list);
            setError(null);
          },
          onError: (e) => setError(e.message),
        },
      ),
    [api],
  );
  return { hosts, error };
}

export function HostsSidebar() {
  const { hosts, error } = useHosts();
  const { host: chosen, choose } = useHostChoice();
  const [adding, setAdding] = useState(false);
  // Kept here, not in the row: the row goes when the host does, and the report must stay.
  const [removing, setRemoving] = useState<HostView | null>(null);
  // A removed host cannot stay chosen: back to this computer, once the removal's
  // report is closed (choosing another host remounts the views, this one included).
  useEffect(() => {
    if (!removing && hosts.length && !hosts.some((h) => h.id === parseEngineAddress(chosen).host)) choose('local');
  }, [hosts, chosen, choose, removing]);
  const shown = hosts.length ? hosts : [{ id: 'local', name: 'This computer', kind: 'local', state: 'connecting', reason: null } as HostView];
  return (
    <section aria-label="Hosts" className="px-3 pt-1 pb-3">
      <div className="mb-1 flex items-center px-1 text-[11px] font-semibold tracking-wide text-faint uppercase">
        Hosts
        <button type="button" aria-label="Add a host" title="Add a host over SSH" onClick={() => setAdding(true)} className="ml-auto grid size-5 place-items-center rounded text-faint hover:bg-raised hover:text-fg">
          <Plus aria-hidden className="size-3.5" />
        </button>
      </div>
      <ul className="flex flex-col gap-1">
        {shown.map((h) => (
          <li key={h.id}>
            <HostRow host={h} chosen={h.id === parseEngineAddress(chosen).host} onChoose={() => choose(h.id)} onRemove={() => setRemoving(h)} />
          </li>
        ))}
      </ul>
      {error && <p className="mt-1 px-1 text-[11px] text-red-700 dark:text-red-300">{error}</p>}
      {removing && <RemoveHostDialog host={removing} onClose={() => setRemoving(null)} />}
      {adding && (
        <AddHostDialog
          onClose={() => setAdding(false)}
          onAdded={(id) => {
            setAdding(false);
            choose(id);
          }}
        />
      )}
    </section>
  );
}

function HostRow({ host, chosen, onChoose, onRemove }: { host: HostView; chosen: boolean; onChoose: () => void; onRemove: () => void }) {
  const api = useApi();
  const Icon = host.kind === 'local' ? Monitor : Server;
  return (
    <div data-testid={`host-${host.id}`} data-state={host.state} className={`rounded-md border text-[12.5px] ${chosen ? 'border-line bg-surface shadow-xs' : 'border-transparent'}`}>
      <div className="flex items-center">
        <button type="button" onClick={onChoose} aria-pressed={chosen} aria-label={`${host.name}: ${STATE_LABEL[host.state]}`} title={host.reason ?? host.endpoint ?? undefined} className="flex min-w-0 flex-1 items-center gap-2 px-2.5 py-1.5 text-left">
          <Icon aria-hidden className="size-3.5 shrink-0 text-faint" />
          <span className="min-w-0 flex-1 truncate font-medium text-fg">{host.name}</span>
          <span aria-hidden className={`size-2 shrink-0 rounded-full ${DOT[host.state]}`} />
        </button>
        {host.kind === 'ssh' && (
          <button type="button" aria-label={`Remove ${host.name}`} onClick={onRemove} className="mr-1 grid size-6 place-items-center rounded text-faint hover:bg-raised hover:text-fg">
            <Trash2 aria-hidden className="size-3" />
          </button>
        )}
      </div>
      {chosen && host.state === 'online' && <EnginePicker host={host.id} />}
      {host.state !== 'online' && (
        <div className="px-2.5 pb-2 text-[11.5px] text-muted">
          <span className="font-medium">{STATE_LABEL[host.state]}</span>
          {host.reason && host.state !== 'needs-host-key' && host.state !== 'needs-secret' && <p className="mt-0.5 break-words">{host.reason}</p>}
          {host.state === 'needs-host-key' && host.hostKey && <HostKeyQuestion host={host} />}
          {host.state === 'host-key-changed' && (
            <p role="alert" className="mt-1 flex gap-1.5 rounded border border-red-500/30 bg-red-500/10 p-1.5 break-words text-red-800 dark:text-red-200">
              <ShieldAlert aria-hidden className="size-3.5 shrink-0" />
              {host.reason}
            </p>
          )}
          {host.state === 'needs-secret' && host.secret && <SecretPrompt host={host} />}
          {host.kind === 'ssh' && (host.state === 'offline' || host.state === 'auth-failed' || host.state === 'host-key-changed') && (
            <button type="button" onClick={() => void api.hosts.test.mutate({ host: host.id })} className="mt-1 text-accent hover:underline">
              Try again
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function HostKeyQuestion({ host }: { host: HostView }) {
  const api = useApi();
  const key = host.hostKey!;
  return (
    <div role="group" aria-label="Unknown host key" className="mt-1 rounded border border-amber-500/30 bg-amber-500/10 p-1.5">
      <p>
        Berth has not seen this host before. Its {key.type} key fingerprint is:
      </p>
      <code data-testid="host-key-fingerprint" className="my-1 block font-mono text-[10.5px] break-all text-fg">
        {key.fingerprint}
      </code>
      <p className="mb-1">Trust it only if it matches the server's (ssh-keygen -lf on the server).</p>
      <Button onClick={() => void api.hosts.acceptHostKey.mutate({ host: host.id, fingerprint: key.fingerprint })}>Trust and connect</Button>
    </div>
  );
}

function SecretPrompt({ host }: { host: HostView }) {
  const api = useApi();
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const ask = host.secret!;
  return (
    <form
      className="mt-1 flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        void api.hosts.provideSecret.mutate({ host: host.id, secret, remember });
        setSecret('');
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="break-words">{ask.prompt}</span>
        <span className="flex items-center gap-1">
          <KeyRound aria-hidden className="size-3.5 text-faint" />
          <input type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} aria-label={ask.kind === 'passphrase' ? 'Key passphrase' : 'Password'} className="h-7 min-w-0 flex-1 rounded border border-line bg-canvas px-1.5 text-fg" />
        </span>
      </label>
      <label className="flex items-start gap-1.5" title={ask.storage === 'keychain' ? 'Encrypted by your system keychain; removing the host forgets it.' : 'berth serve has no keychain: nothing is written to disk.'}>
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} className="mt-0.5" />
        <span>{ask.storage === 'keychain' ? 'Remember (in the system keychain)' : 'Remember until Berth stops (no keychain here: kept in memory only)'}</span>
      </label>
      <Button type="submit" disabled={!secret}>
        Unlock
      </Button>
    </form>
  );
}

/** Removing a host forgets it and its remembered secrets; nothing on the host itself changes, and the dialog says so. */
function RemoveHostDialog({ host, onClose }: { host: HostView; onClose: () => void }) {
  const api = useApi();
  const { busy, error, run } = useAction();
  const [removed, setRemoved] = useState(false);
  const remove = () => void run(() => api.hosts.remove.mutate({ host: host.id })).then((done) => setRemoved(done !== undefined));
  return (
    <ConfirmDialog
      title={`Remove host ${host.name}?`}
      items={[`${host.name}${host.endpoint ? `  ·  ${host.endpoint}` : ''}`, 'its remembered password or passphrase, if any']}
      confirmLabel="Remove"
      busy={busy}
      onConfirm={remove}
      onClose={onClose}
      report={removed ? <p>Removed {host.name} from Berth, with any password or passphrase remembered for it.</p> : error && <p role="alert">{error}</p>}
    >
      <p>Berth forgets this host. Its engine, containers and images stay as they are; add the host again to reach them.</p>
    </ConfirmDialog>
  );
}
