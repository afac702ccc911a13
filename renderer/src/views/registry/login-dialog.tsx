// Logging in to a registry: the credentials are checked against the registry
// before they are kept. The password leaves this dialog's state the moment it
// is sent; the dialog says where the login will be kept.
import { KeyRound } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RegistryView } from '../../../../main/registry/types';
import { useAction, useApi } from '../../app/hooks';
import { Button } from '../../ui/controls';
import { Field, inputClass, Modal } from '../../ui/dialog';
import { useRefreshRegistries } from './registry-data';

type Storage = { helper: string } | { store: 'keychain' | 'memory' } | null;

export function storageText(storage: Storage): string {
  if (storage === null) return 'Berth found nowhere to keep it: it will ask again next time.';
  if ('helper' in storage) return `Kept by docker-credential-${storage.helper}, the credential helper your ~/.docker/config.json names: docker uses it too.`;
  if (storage.store === 'keychain') return "Kept in your system's keychain (encrypted by the OS), never in a plain file.";
  return 'Kept in memory only, until Berth stops: this Berth has no keychain (berth serve).';
}

export function LoginDialog({ registry, onClose }: { registry: RegistryView; onClose: () => void }) {
  const api = useApi();
  const refresh = useRefreshRegistries();
  const storage = useQuery<Storage>({ queryKey: ['registries.loginStorage', registry.id], queryFn: () => api.registries.loginStorage.query({ registry: registry.id }) });
  const [username, setUsername] = useState(registry.login?.username ?? '');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = async () => {
    const secret = password;
    // Out of React's state before the request goes: nothing keeps it after this.
    setPassword('');
    const done = await run(() => api.registries.login.mutate({ registry: registry.id, username: username.trim(), password: secret }));
    if (done === undefined) return;
    refresh(registry.id);
    onClose();
  };

  return (
    <Modal
      title={`Log in to ${registry.name}`}
      onClose={onClose}
      testId="login-dialog"
      width="max-w-md"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="registry-login" disabled={busy || !username.trim() || !password} data-testid="login-submit" icon={<KeyRound aria-hidden className="size-3.5" />}>
            {busy ? 'Checking…' : 'Log in'}
          </Button>
        </>
      }
    >
      <form
        id="registry-login"
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="text-[12.5px] text-muted">
          Berth checks the login with <span className="font-mono">{registry.domain}</span> before keeping it.
          {registry.kind === 'dockerhub' && ' Use an access token from Docker Hub’s settings as the password.'}
          {registry.kind === 'azure' && ' Use the admin user or a service principal (its app id and secret).'}
        </p>
        <Field label="User name">
          {(props) => <input {...props} autoFocus value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" spellCheck={false} data-testid="login-username" className={inputClass} />}
        </Field>
        <Field label="Password or token" hint={storage.data !== undefined ? storageText(storage.data) : undefined}>
          {(props) => <input {...props} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="login-password" className={inputClass} />}
        </Field>
        {error && (
          <p role="alert" data-testid="login-error" className="text-[12.5px] text-red-700 dark:text-red-300">
            {error} Type the password again to retry.
          </p>
        )}
      </form>
    </Modal>
  );
}
