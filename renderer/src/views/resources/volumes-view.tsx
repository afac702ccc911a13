import { useQuery } from '@tanstack/react-query';
import { HardDrive, Plus } from 'lucide-react';
import { useState } from 'react';
import type { VolumeRow } from '../../../../main/volumes/volumes';
import { useApi, useLive } from '../../app/hooks';
import { formatBytes } from '../../lib/format';
import { Button } from '../../ui/controls';
import { inputClass } from '../../ui/dialog';
import { ResourceList } from './resource-list';

export function VolumesView() {
  const api = useApi();
  const host = useLive().host;
  return (
    <ResourceList<VolumeRow>
      noun="volume"
      icon={HardDrive}
      queryKey="volumes.list"
      load={() => api.volumes.list.query({ host })}
      remove={(names) => api.volumes.remove.mutate({ host, names })}
      emptyCommand="docker volume create data"
      columns={[
        { label: 'Name', width: 'minmax(200px, 2fr)', cell: (v) => <span className="font-medium">{v.name}</span> },
        { label: 'Driver', width: '90px', cell: (v) => <span className="text-muted">{v.driver}</span> },
        { label: 'Size', width: '90px', cell: (v) => <VolumeSize name={v.name} /> },
        { label: 'Mount point', width: 'minmax(200px, 2fr)', cell: (v) => <span className="font-mono text-[12px] text-faint" title={v.mountpoint}>{v.mountpoint}</span> },
      ]}
      createForm={(onCreated) => <CreateVolume onCreated={onCreated} />}
    />
  );
}

/**
 * Sizes arrive after the list (the engine walks every volume to size it). The
 * key extends the list's, so whatever refreshes the list refreshes them too.
 */
function VolumeSize({ name }: { name: string }) {
  const api = useApi();
  const host = useLive().host;
  const sizes = useQuery({ queryKey: ['volumes.list', host, 'sizes'], queryFn: () => api.volumes.sizes.query({ host }) });
  if (sizes.isPending) return <span className="text-faint" aria-label="Sizing">…</span>;
  const size = sizes.data?.[name];
  return typeof size === 'number' ? (
    <span className="tabular" data-testid="volume-size">
      {formatBytes(size)}
    </span>
  ) : (
    <span className="text-faint" title={sizes.error ? sizes.error.message : 'The engine did not size this volume'}>
      —
    </span>
  );
}

function CreateVolume({ onCreated }: { onCreated: () => void }) {
  const api = useApi();
  const host = useLive().host;
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        api.volumes.create.mutate({ host, name: name.trim() }).then(
          () => {
            setName('');
            onCreated();
          },
          (err: Error) => setError(err.message),
        );
      }}
    >
      <input aria-label="New volume name" placeholder="New volume name (empty: generated)" value={name} onChange={(e) => setName(e.target.value)} className={`${inputClass} max-w-72`} data-testid="volume-name" />
      <Button type="submit" variant="primary" icon={<Plus aria-hidden className="size-3.5" />}>
        Create volume
      </Button>
      {error && (
        <span role="alert" className="text-[12.5px] text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </form>
  );
}
