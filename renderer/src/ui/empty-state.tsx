import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';

/** The middle of an empty list: an icon, what is going on, and what to do. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  command,
  action,
  testId,
}: {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
  /** A command to try, shown on its own line with a copy button. */
  command?: string;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div data-testid={testId} role="status" className="flex h-full min-h-64 flex-col items-center justify-center px-6 py-12 text-center">
      <div className="mb-4 grid size-12 place-items-center rounded-xl bg-raised text-faint ring-1 ring-line">
        <Icon aria-hidden className="size-6" strokeWidth={1.6} />
      </div>
      <h2 className="text-[15px] font-semibold text-fg">{title}</h2>
      {children && <div className="mt-1.5 max-w-md text-[13px] leading-relaxed text-muted">{children}</div>}
      {command && <CommandLine command={command} />}
      {action && <div className="mt-5 flex items-center gap-2">{action}</div>}
    </div>
  );
}

/** A shell command with a copy button. */
export function CommandLine({ command }: { command: string }) {
  return (
    <div className="mt-4 inline-flex max-w-full items-center gap-2 rounded-md bg-surface py-1 pr-1 pl-3 shadow-xs ring-1 ring-line">
      <code className="min-w-0 truncate font-mono text-[12.5px] whitespace-nowrap text-fg">
        <span aria-hidden className="text-faint select-none">$ </span>
        {command}
      </code>
      <CopyButton text={command} label={`Copy command: ${command}`} />
    </div>
  );
}
