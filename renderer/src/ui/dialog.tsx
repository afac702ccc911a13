// Modal dialogs on the native <dialog>: focus moves in and is trapped, Escape
// closes, the page behind is inert; an accessible name from the title.
import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './controls';

export function Modal({ title, onClose, children, footer, width = 'max-w-xl', testId }: { title: ReactNode; onClose: () => void; children: ReactNode; footer?: ReactNode; width?: string; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto flex max-h-[88vh] w-[calc(100vw-2rem)] ${width} flex-col overflow-hidden rounded-xl border border-line bg-canvas p-0 text-fg shadow-2xl backdrop:bg-black/40`}
    >
      <div className="flex shrink-0 items-center gap-2 border-b border-line px-5 py-3">
        <h2 id={titleId} className="min-w-0 flex-1 truncate text-[14.5px] font-semibold">
          {title}
        </h2>
        <button type="button" aria-label="Close" onClick={onClose} className="grid size-7 place-items-center rounded-md text-faint hover:bg-raised hover:text-fg">
          <X aria-hidden className="size-4" />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto px-5 py-4">{children}</div>
      {footer && <div className="flex shrink-0 items-center justify-end gap-2 border-t border-line bg-sidebar px-5 py-3">{footer}</div>}
    </dialog>
  );
}

/**
 * Asks before a destructive action, listing what goes; after it ran, shows
 * what was done (the report) instead of the question.
 */
export function ConfirmDialog({
  title,
  items,
  children,
  confirmLabel,
  busy,
  report,
  onConfirm,
  onClose,
}: {
  title: string;
  /** What will go, one line each. */
  items: string[];
  children?: ReactNode;
  confirmLabel: string;
  busy: boolean;
  /** Set once done: replaces the question. */
  report: ReactNode | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId="confirm-dialog"
      footer={
        report ? (
          <Button variant="primary" onClick={onClose} autoFocus>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="primary" className="bg-red-600 hover:bg-red-700" onClick={onConfirm} disabled={busy} data-testid="confirm-button" autoFocus>
              {busy ? 'Working…' : confirmLabel}
            </Button>
          </>
        )
      }
    >
      {report ? (
        <div data-testid="confirm-report" role="status" className="text-[13px]">
          {report}
        </div>
      ) : (
        <div className="text-[13px]">
          {children}
          <ul aria-label="What goes" className="mt-2 max-h-64 overflow-auto rounded-md border border-line bg-surface font-mono text-[12px]">
            {items.map((item, i) => (
              <li key={i} className="truncate border-b border-line/60 px-3 py-1.5 last:border-b-0">
                {item}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Modal>
  );
}

/** A labelled form field with its error below, tied by aria-describedby. */
export function Field({ label, error, hint, children, id }: { label: string; error?: string | undefined; hint?: ReactNode; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode; id?: string }) {
  const generated = useId();
  const fieldId = id ?? generated;
  const described = error ? `${fieldId}-error` : hint ? `${fieldId}-hint` : undefined;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={fieldId} className="text-[12px] font-medium text-muted">
        {label}
      </label>
      {children({ id: fieldId, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {error ? (
        <p id={`${fieldId}-error`} className="text-[12px] text-red-700 dark:text-red-300" data-testid="field-error">
          {error}
        </p>
      ) : hint ? (
        <p id={`${fieldId}-hint`} className="text-[11.5px] text-faint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass =
  'h-8 w-full min-w-0 rounded-md border border-line bg-surface px-2.5 text-[13px] text-fg placeholder:text-faint shadow-xs outline-none hover:border-line-strong focus:border-accent focus:ring-2 focus:ring-accent/20 aria-[invalid=true]:border-red-500';

/** A bar for a fraction 0..1, with an accessible value. */
export function ProgressBar({ value, label, tone = 'accent', className = 'h-1.5' }: { value: number | null; label: string; tone?: 'accent' | 'done' | 'muted' | 'error'; className?: string }) {
  const color = { accent: 'bg-accent', done: 'bg-emerald-500', muted: 'bg-faint/50', error: 'bg-red-500' }[tone];
  const pct = value === null ? null : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} className={`w-full overflow-hidden rounded-full bg-raised ${className}`}>
      <div className={`h-full rounded-full ${color} transition-[width] duration-200`} style={{ width: `${pct ?? 0}%` }} />
    </div>
  );
}
