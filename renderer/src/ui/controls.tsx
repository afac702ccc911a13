import { LoaderCircle, Search, X } from 'lucide-react';
import { forwardRef, useEffect, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';

interface SearchFieldProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder: string;
}

/** A filter box: "/" or Ctrl+F focuses it, Escape clears it. */
export function SearchField({ value, onChange, label, placeholder }: SearchFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if ((event.key === '/' && !typing) || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f')) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="relative flex min-w-0 flex-1 items-center sm:max-w-80">
      <Search aria-hidden className="pointer-events-none absolute left-2.5 size-3.5 text-faint" />
      <input
        ref={input}
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value !== '') {
            e.preventDefault();
            onChange('');
          }
        }}
        className="h-8 w-full rounded-md border border-line bg-surface pr-8 pl-8 text-[13px] text-fg placeholder:text-faint shadow-xs outline-none transition-colors hover:border-line-strong focus:border-accent focus:ring-2 focus:ring-accent/20 [&::-webkit-search-cancel-button]:hidden"
      />
      {value !== '' && (
        <button type="button" aria-label="Clear filter" onClick={() => onChange('')} className="absolute right-1.5 grid size-5 place-items-center rounded text-faint hover:bg-raised hover:text-fg">
          <X aria-hidden className="size-3.5" />
        </button>
      )}
    </div>
  );
}

export interface SegmentOption<V extends string> {
  value: V;
  label: string;
  count?: number;
}

/** A row of toggle buttons (one pressed), each labelled with its count: "Running 12". */
export function Segmented<V extends string>({ label, options, value, onChange }: { label: string; options: SegmentOption<V>[]; value: V; onChange: (value: V) => void }) {
  return (
    <div role="group" aria-label={label} className="inline-flex shrink-0 items-center rounded-md border border-line bg-raised p-0.5">
      {options.map((option) => {
        const pressed = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            aria-pressed={pressed}
            data-filter={option.value}
            aria-label={option.count === undefined ? option.label : `${option.label} (${option.count})`}
            onClick={() => onChange(option.value)}
            className={`inline-flex h-7 items-center gap-1.5 rounded-[5px] px-2.5 text-[12.5px] font-medium transition-colors ${
              pressed ? 'bg-surface text-fg shadow-sm ring-1 ring-line' : 'text-muted hover:text-fg'
            }`}
          >
            {option.label}
            {option.count !== undefined && <span className={`tabular text-[11.5px] ${pressed ? 'text-muted' : 'text-faint'}`}>{option.count.toLocaleString('en-US')}</span>}
          </button>
        );
      })}
    </div>
  );
}

export function Spinner({ className = 'size-4', label }: { className?: string; label?: string }) {
  return <LoaderCircle aria-hidden={label ? undefined : true} aria-label={label} role={label ? 'img' : undefined} className={`animate-spin ${className}`} />;
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'ghost'; icon?: ReactNode };

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant = 'secondary', icon, className = '', children, type = 'button', ...rest }, ref) {
  const variants = {
    primary: 'bg-accent text-accent-fg hover:bg-accent-hover border-transparent shadow-sm',
    secondary: 'bg-surface text-fg border-line hover:bg-raised hover:border-line-strong shadow-xs',
    ghost: 'border-transparent text-muted hover:text-fg hover:bg-raised',
  };
  return (
    <button
      ref={ref}
      type={type}
      className={`inline-flex h-8 items-center justify-center gap-1.5 rounded-md border px-3 text-[12.5px] font-medium transition-colors disabled:opacity-50 ${variants[variant]} ${className}`}
      {...rest}
    >
      {icon}
      {children}
    </button>
  );
});

type IconButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { label: string; tone?: 'neutral' | 'accent' };

/** A small square button that shows only an icon (its children): `label` is what it is called, and its tooltip unless `title` says more. */
export function IconButton({ label, tone = 'neutral', title = label, type = 'button', children, ...rest }: IconButtonProps) {
  const hover = tone === 'accent' ? 'hover:bg-accent-soft hover:text-accent' : 'hover:bg-raised hover:text-fg';
  return (
    <button type={type} aria-label={label} title={title} className={`grid size-7 place-items-center rounded-md text-muted disabled:opacity-40 ${hover}`} {...rest}>
      {children}
    </button>
  );
}
