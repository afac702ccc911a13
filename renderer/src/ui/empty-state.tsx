import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** The middle of an empty list: an icon, what is going on, and what to do. */
export function EmptyState({ icon: Icon, title, children, action, testId }: { icon: LucideIcon; title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} role="status" className="flex h-full min-h-64 flex-col items-center justify-center px-6 py-12 text-center">
      <div className="mb-4 grid size-12 place-items-center rounded-xl bg-raised text-faint ring-1 ring-line">
        <Icon aria-hidden className="size-6" strokeWidth={1.6} />
      </div>
      <h2 className="text-[15px] font-semibold text-fg">{title}</h2>
      {children && <div className="mt-1.5 max-w-md text-[13px] leading-relaxed text-muted">{children}</div>}
      {action && <div className="mt-5 flex items-center gap-2">{action}</div>}
    </div>
  );
}

/** A command the user can copy, shown in monospace. */
export function Command({ children }: { children: string }) {
  return <code className="rounded bg-raised px-1.5 py-0.5 font-mono text-[12px] text-fg ring-1 ring-line">{children}</code>;
}
