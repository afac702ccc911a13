// Adding a host: a name, user@host[:port] or an alias from ~/.ssh/config, how
// to log in, and optionally the engine socket; hosts found in docker contexts
// and podman connections fill the form in one click.
import { useEffect, useState } from 'react';
import type { ImportableHost } from '../../../../main/ssh/import';
import { useAction, useApi } from '../../app/hooks';
import { Button, Segmented } from '../../ui/controls';
import { Modal } from '../../ui/dialog';

type Auth = 'agent' | 'key' | 'password';

export function AddHostDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (id: string) => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [auth, setAuth] = useState<Auth>('agent');
  const [keyPath, setKeyPath] = useState('');
  const [socket, setSocket] = useState('');
  const { busy, error, run } = useAction();
  const [importable, setImportable] = useState<ImportableHost[]>([]);
  useEffect(() => {
    api.hosts.importable.query({}).then(setImportable, () => setImportable([]));
  }, [api]);

  const submit = async () => {
    const added = await run(() => api.hosts.add.mutate({ name, target, auth, keyPath: auth === 'key' && keyPath ? keyPath : null, socket: socket || null }));
    if (added) onAdded(added.id);
  };

  const field = 'h-8 rounded-md border border-line bg-canvas px-2 text-[13px] text-fg';
  return (
    <Modal
      title="Add a host over SSH"
      onClose={onClose}
      testId="add-host-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy || !target.trim()} onClick={() => void submit()}>
            Add host
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-3 text-[12.5px]"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {importable.length > 0 && (
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="text-muted">Import:</span>
            {importable.map((h) => (
              <Button
                key={`${h.source} ${h.name}`}
                title={`${h.source}: ${h.target}${h.socket ?? ''}`}
                onClick={() => {
                  setName(h.name);
                  setTarget(h.target);
                  setSocket(h.socket ?? '');
                  if (h.keyPath) {
                    setAuth('key');
                    setKeyPath(h.keyPath);
                  }
                }}
              >
                {h.name}
              </Button>
            ))}
          </div>
        )}
        <label className="flex flex-col gap-1">
          Name
          <input className={field} value={name} onChange={(e) => setName(e.target.value)} placeholder="Build server" />
        </label>
        <label className="flex flex-col gap-1">
          Address
          <input className={`${field} font-mono`} value={target} onChange={(e) => setTarget(e.target.value)} placeholder="user@host:22 or an alias from ~/.ssh/config" required />
        </label>
        <Segmented<Auth>
          label="Log in with"
          value={auth}
          onChange={setAuth}
          options={[
            { value: 'agent', label: 'ssh-agent' },
            { value: 'key', label: 'Key file' },
            { value: 'password', label: 'Password' },
          ]}
        />
        {auth === 'key' && (
          <label className="flex flex-col gap-1">
            Key file (empty: IdentityFile from ~/.ssh/config, then ~/.ssh/id_ed25519)
            <input className={`${field} font-mono`} value={keyPath} onChange={(e) => setKeyPath(e.target.value)} placeholder="/home/me/.ssh/id_ed25519" />
          </label>
        )}
        {auth === 'password' && <p className="text-muted">Berth asks for the password when it connects and keeps it in memory only.</p>}
        <label className="flex flex-col gap-1">
          Engine socket on the host (empty: Berth looks for Docker and Podman)
          <input className={`${field} font-mono`} value={socket} onChange={(e) => setSocket(e.target.value)} placeholder="/var/run/docker.sock" />
        </label>
        {error && (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
