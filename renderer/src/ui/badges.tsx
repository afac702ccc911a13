import type { ContainerState, ProbeOutcome } from '../../../main/engines/types';
import type { ReactNode } from 'react';
import { OUTCOME_LABEL } from '../lib/probe';

const STATE_STYLE: Record<ContainerState, { dot: string; chip: string; label: string }> = {
  running: { label: 'Running', dot: 'bg-emerald-500', chip: 'bg-emerald-500/12 text-emerald-700 ring-emerald-600/20 dark:text-emerald-300 dark:ring-emerald-400/25' },
  restarting: { label: 'Restarting', dot: 'bg-orange-500 animate-pulse', chip: 'bg-orange-500/12 text-orange-700 ring-orange-600/20 dark:text-orange-300 dark:ring-orange-400/25' },
  paused: { label: 'Paused', dot: 'bg-amber-500', chip: 'bg-amber-500/14 text-amber-800 ring-amber-600/25 dark:text-amber-300 dark:ring-amber-400/25' },
  created: { label: 'Created', dot: 'bg-sky-500', chip: 'bg-sky-500/12 text-sky-700 ring-sky-600/20 dark:text-sky-300 dark:ring-sky-400/25' },
  removing: { label: 'Removing', dot: 'bg-rose-400 animate-pulse', chip: 'bg-rose-500/10 text-rose-700 ring-rose-600/20 dark:text-rose-300 dark:ring-rose-400/25' },
  exited: { label: 'Exited', dot: 'bg-zinc-400 dark:bg-zinc-500', chip: 'bg-zinc-500/10 text-zinc-600 ring-zinc-500/20 dark:text-zinc-300 dark:ring-zinc-400/20' },
  dead: { label: 'Dead', dot: 'bg-red-500', chip: 'bg-red-500/12 text-red-700 ring-red-600/20 dark:text-red-300 dark:ring-red-400/25' },
};

export function StateBadge({ state }: { state: ContainerState }) {
  const style = STATE_STYLE[state] ?? STATE_STYLE.dead;
  return (
    <span data-testid="state-badge" data-state={state} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-[11.5px] font-medium ring-1 ring-inset ${style.chip}`}>
      <span aria-hidden className={`size-1.5 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}

const OUTCOME_STYLE: Record<ProbeOutcome, string> = {
  ok: 'bg-emerald-500/12 text-emerald-700 dark:text-emerald-300',
  missing: 'bg-zinc-500/12 text-zinc-600 dark:text-zinc-300',
  refused: 'bg-orange-500/12 text-orange-700 dark:text-orange-300',
  permission: 'bg-red-500/12 text-red-700 dark:text-red-300',
  timeout: 'bg-amber-500/14 text-amber-800 dark:text-amber-300',
  invalid: 'bg-fuchsia-500/12 text-fuchsia-700 dark:text-fuchsia-300',
  error: 'bg-red-500/12 text-red-700 dark:text-red-300',
};

export function OutcomeBadge({ outcome }: { outcome: ProbeOutcome }) {
  return (
    <span data-outcome={outcome} className={`inline-flex shrink-0 items-center rounded px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap ${OUTCOME_STYLE[outcome] ?? OUTCOME_STYLE.error}`}>
      {OUTCOME_LABEL[outcome] ?? outcome}
    </span>
  );
}

/** A small neutral tag: "<none>", "latest", a count. */
export function Tag({ children, tone = 'neutral', title }: { children: ReactNode; tone?: 'neutral' | 'accent' | 'warn'; title?: string }) {
  const tones = {
    neutral: 'bg-raised text-muted ring-line',
    accent: 'bg-accent-soft text-accent ring-accent/20',
    warn: 'bg-amber-500/12 text-amber-800 ring-amber-600/20 dark:text-amber-300 dark:ring-amber-400/25',
  };
  return (
    <span title={title} className={`inline-flex shrink-0 items-center rounded px-1.5 py-px text-[11px] leading-4 font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}
