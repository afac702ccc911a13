// The container's JSON as the engine reports it, searchable and copyable.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useApi, useLive } from '../../app/hooks';
import { CopyButton } from '../../ui/copy-button';
import { SearchField, Spinner } from '../../ui/controls';

export function InspectPanel({ id }: { id: string }) {
  const api = useApi();
  const host = useLive().host;
  const [query, setQuery] = useState('');
  const inspect = useQuery({ queryKey: ['containers.inspect', host, id], queryFn: () => api.containers.inspect.query({ host, id }) });
  const text = useMemo(() => (inspect.data ? JSON.stringify(inspect.data, null, 2) : ''), [inspect.data]);
  const lines = useMemo(() => text.split('\n'), [text]);
  const needle = query.trim().toLowerCase();
  const hits = needle === '' ? 0 : lines.filter((l) => l.toLowerCase().includes(needle)).length;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-2 border-b border-line px-5 py-2">
        <SearchField value={query} onChange={setQuery} label="Search the JSON" placeholder="Search keys and values…" />
        {needle !== '' && (
          <span className="text-[12px] text-faint tabular" aria-live="polite">
            {hits} {hits === 1 ? 'line' : 'lines'}
          </span>
        )}
        <div className="ml-auto flex items-center gap-1 text-[12.5px] text-muted">
          Copy JSON <CopyButton text={text} label="Copy the JSON" />
        </div>
      </div>
      {inspect.isPending ? (
        <p role="status" className="flex items-center gap-2 p-5 text-[13px] text-muted">
          <Spinner /> Loading…
        </p>
      ) : inspect.error ? (
        <p role="alert" className="p-5 text-[13px] text-red-700 dark:text-red-300">
          {inspect.error.message}
        </p>
      ) : (
        <pre data-testid="inspect-json" className="min-h-0 flex-1 overflow-auto bg-surface px-5 py-3 font-mono text-[12px] leading-[18px]">
          {lines.map((line, i) => (
            <div key={i} className={needle !== '' && line.toLowerCase().includes(needle) ? 'bg-amber-500/20' : needle !== '' ? 'opacity-50' : undefined}>
              {line}
            </div>
          ))}
        </pre>
      )}
    </div>
  );
}
