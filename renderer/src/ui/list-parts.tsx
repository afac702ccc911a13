import { RefreshCw, TriangleExclamationPoint } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatExactTime, formatRelativeTime } from '../lib/format';

/** The bar above a list: filter box, filter chips, and how many rows show. */
export function ListToolbar({ children, shown, total, noun }: { children: ReactNode; shown: number; total: number; noun: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-2.5">
      {children}
      <div className="ml-auto text-[12px] whitespace-nowrap text-faint tabular" aria-live="polite" data-testid="list-count">
        {shown === total ? `${total.toLocaleString('en-US')} ${noun}` : `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${noun}`}
      </div>
    </div>
  );
}

/** The live stream of a list failed; the list below may be out of date until it resumes. */
export function StreamErrorBanner({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="flex items-center gap-2 border-b border-amber-500/30 bg-amber-500/10 px-5 py-2 text-[12.5px] text-amber-900 dark:text-amber-200">
      <TriangleExclamationPoint aria-hidden className="size-4 shrink-0" />
      <span className="min-w-0 flex-1">
        <span className="font-medium">Live updates paused.</span> {error}
      </span>
      <span className="inline-flex shrink-0 items-center gap-1 text-[12px] opacity-80">
        <RefreshCw aria-hidden className="size-3 animate-spin [animation-duration:2.5s]" /> Retrying
      </span>
    </div>
  );
}

/** A time as "5 minutes ago", exact on hover. `seconds` is Unix seconds. */
export function RelativeTime({ seconds, now }: { seconds: number; now: number }) {
  const ms = seconds * 1000;
  const exact = formatExactTime(ms);
  return (
    <time dateTime={new Date(ms).toISOString()} title={exact} className="truncate whitespace-nowrap text-muted">
      {formatRelativeTime(ms, now)}
    </time>
  );
}
