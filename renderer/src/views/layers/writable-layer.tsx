// A container's writable layer: what it added, changed or deleted on top of
// the image, from the engine's changes API.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi, useLive, useStore } from '../../app/hooks';
import { CHANGE_TONE, displayName } from './layer-format';

export function WritableLayer({ imageId }: { imageId: string }) {
  const api = useApi();
  const live = useLive();
  const containers = useStore(live.containers).rows.filter((c) => c.imageId === imageId);
  const [chosen, setChosen] = useState('');
  const id = containers.some((c) => c.id === chosen) ? chosen : (containers[0]?.id ?? '');
  const changes = useQuery({ queryKey: ['layers.containerChanges', live.host, id], queryFn: () => api.layers.containerChanges.query({ host: live.host, id }), enabled: id !== '' });
  return (
    <section aria-labelledby="writable-heading" className="rounded-lg border border-line bg-surface shadow-xs" data-testid="writable-layer">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
        <h3 id="writable-heading" className="text-[12.5px] font-semibold text-fg">
          A container's writable layer
        </h3>
        {containers.length > 0 && (
          <select aria-label="Container" value={id} onChange={(e) => setChosen(e.target.value)} className="h-7 rounded-md border border-line bg-surface px-2 text-[12px]">
            {containers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.state})
              </option>
            ))}
          </select>
        )}
        {changes.data && (
          <span className="text-[11.5px] text-faint">
            <span className={CHANGE_TONE.added}>+{changes.data.counts.added}</span> <span className={CHANGE_TONE.modified}>~{changes.data.counts.modified}</span>{' '}
            <span className="text-red-700 dark:text-red-400">−{changes.data.counts.removed}</span>
          </span>
        )}
      </div>
      {containers.length === 0 ? (
        <p className="px-3 py-3 text-[12.5px] text-muted">No container uses this image. A container's own files appear here, on top of the image's layers.</p>
      ) : changes.error ? (
        <p className="px-3 py-3 text-[12.5px] text-red-600 dark:text-red-400">{(changes.error as Error).message}</p>
      ) : changes.data?.rows.length === 0 ? (
        <p className="px-3 py-3 text-[12.5px] text-muted">This container has not changed any file of its image.</p>
      ) : (
        <ul className="max-h-72 overflow-auto py-1 font-mono text-[12px]">
          {changes.data?.rows.map((row) => (
            <li key={row.path} data-testid="writable-row" data-change={row.change} className={`py-0.5 pr-3 ${CHANGE_TONE[row.change]}`} style={{ paddingLeft: 12 + row.depth * 16 }}>
              {displayName(row.name)}
              {row.type === 'dir' ? '/' : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
