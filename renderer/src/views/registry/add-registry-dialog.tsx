// Adding a registry: a vendor (Docker Hub, quay.io, Azure NAME.azurecr.io,
// Red Hat's two) or any registry by its address. Plain http is allowed for
// loopback, or for another host only when marked insecure, with a warning.
import { ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import type { RegistryKind } from '../../../../main/registry/types';
import { useAction, useApi } from '../../app/hooks';
import { plainHttpElsewhere } from '../../lib/registry';
import { Button } from '../../ui/controls';
import { Field, inputClass, Modal } from '../../ui/dialog';

interface Choice {
  id: string;
  label: string;
  kind: RegistryKind;
  /** The address sent for a fixed registry; null when the user types it. */
  address: string | null;
  hint: string;
}

const CHOICES: Choice[] = [
  { id: 'generic', label: 'Any registry by address', kind: 'generic', address: null, hint: 'A distribution (OCI) registry: registry.example.com, localhost:5000, https://harbor.example.com' },
  { id: 'dockerhub', label: 'Docker Hub', kind: 'dockerhub', address: '', hint: "Browsed through Docker Hub's search; its pull limit is shown." },
  { id: 'quay', label: 'quay.io', kind: 'quay', address: '', hint: "Browsed through quay.io's repository search." },
  { id: 'azure', label: 'Azure Container Registry', kind: 'azure', address: null, hint: 'NAME or NAME.azurecr.io; log in with an admin user or a service principal.' },
  { id: 'redhat-io', label: 'Red Hat registry.redhat.io', kind: 'redhat', address: 'registry.redhat.io', hint: 'Every Red Hat image; needs a Red Hat login (or registry service account).' },
  { id: 'redhat-access', label: 'Red Hat registry.access.redhat.com', kind: 'redhat', address: 'registry.access.redhat.com', hint: 'Red Hat images that need no login.' },
];

export function AddRegistryDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (id: string) => void }) {
  const api = useApi();
  const [choiceId, setChoiceId] = useState('generic');
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [insecure, setInsecure] = useState(false);
  const { busy, error, run } = useAction();
  const choice = CHOICES.find((c) => c.id === choiceId)!;
  const typed = choice.address === null;
  const warn = typed && (insecure || plainHttpElsewhere(address, insecure));

  const submit = async () => {
    const added = await run(() => api.registries.add.mutate({ name: name.trim(), kind: choice.kind, address: typed ? address.trim() : (choice.address ?? ''), insecure: typed && insecure }));
    if (added) onAdded(added.id);
  };

  return (
    <Modal
      title="Add a registry"
      onClose={onClose}
      testId="add-registry-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="add-registry-form" disabled={busy || (typed && address.trim() === '')} data-testid="add-registry-submit">
            {busy ? 'Adding…' : 'Add registry'}
          </Button>
        </>
      }
    >
      <form
        id="add-registry-form"
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-[12px] font-medium text-muted">Registry</legend>
          {CHOICES.map((c) => (
            <label key={c.id} className={`flex cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-[13px] ${c.id === choiceId ? 'border-accent bg-accent-soft' : 'border-line hover:bg-raised'}`}>
              <input type="radio" name="registry-kind" value={c.id} checked={c.id === choiceId} onChange={() => setChoiceId(c.id)} className="mt-0.5 accent-[var(--color-accent)]" />
              <span>
                <span className="font-medium text-fg">{c.label}</span>
                <span className="block text-[11.5px] text-faint">{c.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {typed && (
          <Field label={choice.kind === 'azure' ? 'Registry name' : 'Address'}>
            {(props) => (
              <input
                {...props}
                autoFocus
                value={address}
                onChange={(e) => setAddress(e.target.value)}
                placeholder={choice.kind === 'azure' ? 'myregistry.azurecr.io' : 'registry.example.com or localhost:5000'}
                spellCheck={false}
                autoComplete="off"
                data-testid="registry-address"
                className={`${inputClass} font-mono`}
              />
            )}
          </Field>
        )}
        <Field label="Name in the sidebar (optional)">
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} placeholder={typed ? address.trim() || 'e.g. Team registry' : choice.label} className={inputClass} />}
        </Field>
        {typed && choice.kind === 'generic' && (
          <label className="flex items-start gap-2 text-[12.5px] text-fg">
            <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} data-testid="registry-insecure" className="mt-0.5" />
            <span>
              Insecure: allow plain http, or a certificate that does not check, for a host other than this machine
              <span className="block text-[11.5px] text-faint">localhost and 127.0.0.1 are always allowed over http.</span>
            </span>
          </label>
        )}
        {warn && (
          <p role="alert" className="flex gap-2 rounded-md border border-amber-500/40 bg-amber-500/10 p-2.5 text-[12.5px] text-amber-900 dark:text-amber-200">
            <ShieldAlert aria-hidden className="size-4 shrink-0" />
            Without https, anyone on the network between you and this registry can read what you pull and the password you log in with, and change the images on the way. Use it only on a network you trust.
          </p>
        )}
        {error && (
          <p role="alert" data-testid="add-registry-error" className="text-[12.5px] text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
