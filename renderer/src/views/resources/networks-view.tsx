import { Network, Plus } from 'lucide-react';
import { useState } from 'react';
import type { NetworkRow } from '../../../../main/networks/networks';
import { useApi, useLive } from '../../app/hooks';
import { Button } from '../../ui/controls';
import { inputClass } from '../../ui/dialog';
import { ResourceList } from './resource-list';

export function NetworksView() {
  const api = useApi();
  const host = useLive().host;
  return (
    <ResourceList<NetworkRow>
      noun="network"
      icon={Network}
      queryKey="networks.list"
      load={() => api.networks.list.query({ host })}
      remove={(ids) => api.networks.remove.mutate({ host, ids })}
      emptyCommand="docker network create backend"
      protectedReason={(n) => (n.builtin ? `${n.name} is one of the engine's own networks` : null)}
      columns={[
        {
          label: 'Name',
          width: 'minmax(180px, 2fr)',
          cell: (n) => (
            <span className="font-medium">
              {n.name}
              {n.builtin && <span className="ml-2 rounded bg-raised px-1.5 py-px text-[11px] font-normal text-faint">built in</span>}
              {n.internal && <span className="ml-2 rounded bg-raised px-1.5 py-px text-[11px] font-normal text-faint">internal</span>}
            </span>
          ),
        },
        { label: 'Driver', width: '90px', cell: (n) => <span className="text-muted">{n.driver}</span> },
        { label: 'Subnet', width: 'minmax(130px, 1fr)', cell: (n) => <span className="font-mono text-[12px] text-muted">{n.subnets.join(', ') || '—'}</span> },
      ]}
      createForm={(onCreated) => <CreateNetwork onCreated={onCreated} />}
    />
  );
}

function CreateNetwork({ onCreated }: { onCreated: () => void }) {
  const api = useApi();
  const host = useLive().host;
  const [name, setName] = useState('');
  const [subnet, setSubnet] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        api.networks.create.mutate({ host, name: name.trim(), subnet: subnet.trim(), internal }).then(
          () => {
            setName('');
            setSubnet('');
            onCreated();
          },
          (err: Error) => setError(err.message),
        );
      }}
    >
      <input aria-label="New network name" placeholder="New network name" value={name} onChange={(e) => setName(e.target.value)} className={`${inputClass} max-w-60`} />
      <input aria-label="Subnet (optional)" placeholder="Subnet, e.g. 10.10.0.0/16 (optional)" value={subnet} onChange={(e) => setSubnet(e.target.value)} className={`${inputClass} max-w-72 font-mono`} />
      <label className="inline-flex items-center gap-1.5 text-[12.5px]">
        <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
        Internal (no outside access)
      </label>
      <Button type="submit" variant="primary" disabled={name.trim() === ''} icon={<Plus aria-hidden className="size-3.5" />}>
        Create network
      </Button>
      {error && (
        <span role="alert" className="text-[12.5px] text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </form>
  );
}
