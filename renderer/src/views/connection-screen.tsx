// Shown instead of the views while the engine is not online: what state the
// connection is in, why, every place Berth looked, and how to fix it. It goes
// away by itself when the engine answers again.
import { Lightbulb, PlugZap, SearchCheck, Unplug } from 'lucide-react';
import type { ConnectionStatus } from '../../../main/engines/types';
import { useNow } from '../app/hooks';
import { formatExactTime, formatRelativeTime, secondsUntil } from '../lib/format';
import { fixHints } from '../lib/probe';
import { OutcomeBadge } from '../ui/badges';
import { Spinner } from '../ui/controls';
import { CopyButton } from '../ui/copy-button';

function RetryCountdown({ at }: { at: number | null }) {
  const now = useNow(250);
  if (at === null) return null;
  const left = secondsUntil(at, now);
  return (
    <div data-testid="retry-countdown" data-seconds={left} className="inline-flex items-center gap-2 rounded-full bg-raised px-3 py-1 text-[12.5px] text-muted ring-1 ring-line" aria-live="off">
      {left > 0 ? (
        <>
          <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-amber-500" />
          Retrying in <span className="tabular font-medium text-fg">{left} s</span>
        </>
      ) : (
        <>
          <Spinner className="size-3.5" /> Retrying now…
        </>
      )}
    </div>
  );
}

export function ConnectionScreen({ status }: { status: ConnectionStatus }) {
  const now = useNow(10_000);
  const hints = status.state === 'offline' ? fixHints(status) : [];
  const connecting = status.state === 'connecting';
  const Icon = connecting ? PlugZap : Unplug;
  return (
    <div data-testid="connection-screen" data-state={status.state} className="min-h-0 flex-1 overflow-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-10">
        <div className="flex items-start gap-4">
          <div className={`grid size-12 shrink-0 place-items-center rounded-xl ring-1 ${connecting ? 'bg-accent-soft text-accent ring-accent/20' : 'bg-red-500/10 text-red-600 ring-red-500/20 dark:text-red-400'}`}>
            {connecting ? <Spinner className="size-6" /> : <Icon aria-hidden className="size-6" strokeWidth={1.8} />}
          </div>
          <div className="min-w-0 flex-1">
            <h2 className="text-[19px] font-semibold tracking-tight text-fg">{connecting ? 'Connecting to the container engine…' : 'The container engine is not reachable'}</h2>
            <p className="mt-1 text-[13.5px] text-muted">
              {connecting
                ? 'Berth is looking for Docker or Podman on this computer.'
                : 'Berth keeps trying and comes back by itself as soon as the engine answers; nothing to restart here.'}
            </p>
            {status.error && (
              <p role="alert" data-testid="connection-error" className="mt-3 rounded-md border border-red-500/25 bg-red-500/8 px-3 py-2 text-[13px] text-red-800 dark:text-red-200">
                {status.error}
              </p>
            )}
            <div className="mt-3 flex flex-wrap items-center gap-3 text-[12.5px] text-faint">
              <RetryCountdown at={status.state === 'offline' ? status.nextRetryAt : null} />
              {status.endpoint && (
                <span>
                  Last endpoint <code className="font-mono text-muted">{status.endpoint}</code>
                </span>
              )}
              <span title={formatExactTime(status.since)}>{connecting ? 'Since' : 'Offline since'} {formatRelativeTime(status.since, now)}</span>
            </div>
          </div>
        </div>

        {status.tried.length > 0 && (
          <section aria-labelledby="tried-heading" className="overflow-hidden rounded-lg border border-line bg-surface">
            <h3 id="tried-heading" className="flex items-center gap-2 border-b border-line px-4 py-2.5 text-[12px] font-semibold tracking-wide text-muted uppercase">
              <SearchCheck aria-hidden className="size-3.5" /> Where Berth looked
            </h3>
            <ul data-testid="probe-list">
              {status.tried.map((attempt, i) => (
                <li key={`${attempt.endpoint}-${i}`} data-testid="probe-attempt" data-endpoint={attempt.endpoint} data-outcome={attempt.outcome} className="flex flex-col gap-1 border-b border-line/70 px-4 py-3 last:border-b-0">
                  <div className="flex min-w-0 items-center gap-2">
                    <OutcomeBadge outcome={attempt.outcome} />
                    <code className="min-w-0 truncate font-mono text-[12.5px] text-fg" title={attempt.endpoint}>
                      {attempt.endpoint}
                    </code>
                    <span className="ml-auto shrink-0 text-[12px] text-faint">{attempt.source}</span>
                  </div>
                  {attempt.detail && <p className="text-[12.5px] text-muted">{attempt.detail}</p>}
                </li>
              ))}
            </ul>
          </section>
        )}

        {hints.length > 0 && (
          <section aria-labelledby="fix-heading" className="flex flex-col gap-3">
            <h3 id="fix-heading" className="flex items-center gap-2 text-[12px] font-semibold tracking-wide text-muted uppercase">
              <Lightbulb aria-hidden className="size-3.5" /> How to fix it
            </h3>
            {hints.map((hint) => (
              <div key={hint.outcome} data-testid="fix-hint" data-outcome={hint.outcome} className="rounded-lg border border-line bg-surface px-4 py-3">
                <h4 className="text-[13.5px] font-semibold text-fg">{hint.title}</h4>
                <p className="mt-0.5 text-[13px] text-muted">{hint.text}</p>
                {hint.commands.length > 0 && (
                  <ul className="mt-2 flex flex-col gap-1">
                    {hint.commands.map((command) => (
                      <li key={command} className="flex items-center gap-2 rounded-md bg-raised py-1 pr-1 pl-3 ring-1 ring-line">
                        <code className="min-w-0 flex-1 truncate font-mono text-[12.5px] text-fg">
                          <span aria-hidden className="text-faint select-none">$ </span>
                          {command}
                        </code>
                        <CopyButton text={command} label={`Copy command: ${command}`} />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
            <p className="text-[12.5px] text-faint">
              Berth looks where the docker CLI does: <code className="font-mono">DOCKER_HOST</code>, the current docker context, then the usual sockets of Docker, Podman, Colima, OrbStack and Rancher Desktop.
            </p>
          </section>
        )}
      </div>
    </div>
  );
}
