// A container's logs: streamed in batches, kept in one growing array and drawn
// virtualized, so a million lines stay responsive. Follow, timestamps, tail,
// search with highlights and next/previous, ANSI colours, download.
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ChevronDown, ChevronUp, Download } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LogLine } from '../../../../main/containers/demux';
import { useApi, useLive } from '../../app/hooks';
import { parseAnsi, stripAnsi } from '../../lib/ansi';
import { Button, IconButton, SearchField } from '../../ui/controls';

const ROW = 18;
const TAILS = [{ value: 100, label: 'Last 100' }, { value: 1000, label: 'Last 1,000' }, { value: 10_000, label: 'Last 10,000' }, { value: null, label: 'All' }] as const;

interface Options {
  follow: boolean;
  timestamps: boolean;
  tail: number | null;
}

/** Lines arrive in batches; React hears of them at most once a frame. */
function useLogLines(id: string, options: Options) {
  const api = useApi();
  const host = useLive().host;
  const lines = useRef<LogLine[]>([]);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ phase: 'loading' | 'live' | 'ended'; error: string | null }>({ phase: 'loading', error: null });
  useEffect(() => {
    lines.current = [];
    setVersion((v) => v + 1);
    setState({ phase: 'loading', error: null });
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    const stop = api.containers.logs.subscribe(
      { host, id, ...options },
      {
        onData: (batch) => {
          for (const line of batch.lines) lines.current.push(line);
          setState((s) => (s.phase === 'loading' ? { phase: 'live', error: null } : s));
          bump();
        },
        onError: (e) => setState({ phase: 'ended', error: e.message }),
        onEnd: () => {
          setState({ phase: 'ended', error: null });
          bump();
        },
      },
    );
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
    // Options by value: a new object with the same values keeps the stream.
  }, [api, host, id, options.follow, options.timestamps, options.tail]);
  return { lines: lines.current, version, ...state };
}

export function LogsPanel({ id, name }: { id: string; name: string }) {
  const [options, setOptions] = useState<Options>({ follow: true, timestamps: false, tail: 1000 });
  const { lines, version, phase, error } = useLogLines(id, options);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [awayFromEnd, setAwayFromEnd] = useState(false);
  const lastInput = useRef(0);
  const userInput = () => {
    lastInput.current = performance.now();
  };

  const needle = query.trim().toLowerCase();
  const matches = useMemo(() => {
    if (needle === '') return [];
    const found: number[] = [];
    for (let i = 0; i < lines.length; i++) if (stripAnsi(lines[i]!.text).toLowerCase().includes(needle)) found.push(i);
    return found;
    // The array grows in place; version says when.
  }, [needle, lines, version]);

  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: useCallback(() => scroller.current, []), estimateSize: useCallback(() => ROW, []), overscan: 20 });

  // Stick to the end while the user is there; scrolling up stops it.
  useEffect(() => {
    if (atBottom.current && needle === '' && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [version, lines.length, needle, virtualizer]);

  const jump = (delta: number) => {
    if (matches.length === 0) return;
    const next = (current + delta + matches.length) % matches.length;
    setCurrent(next);
    atBottom.current = false;
    virtualizer.scrollToIndex(matches[next]!, { align: 'center' });
  };
  // A new query jumps to its first match; new lines arriving do not.
  const firstMatch = matches[0];
  useEffect(() => {
    setCurrent(0);
    if (firstMatch !== undefined) virtualizer.scrollToIndex(firstMatch, { align: 'center' });
  }, [needle, firstMatch === undefined, virtualizer]);

  const download = () => {
    const text = lines.map((l) => `${l.time ? `${l.time} ` : ''}${stripAnsi(l.text)}`).join('\n');
    const url = URL.createObjectURL(new Blob([text, '\n'], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}.log`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const currentLine = matches[current];
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-2">
        <SearchField value={query} onChange={setQuery} label="Search the logs" placeholder="Search the logs…" />
        <span className="text-[12px] text-faint tabular" aria-live="polite" data-testid="log-matches">
          {needle === '' ? '' : matches.length === 0 ? 'No matches' : `${current + 1} of ${matches.length.toLocaleString('en-US')}`}
        </span>
        <IconButton label="Previous match" onClick={() => jump(-1)} disabled={matches.length === 0}>
          <ChevronUp aria-hidden className="size-4" />
        </IconButton>
        <IconButton label="Next match" onClick={() => jump(1)} disabled={matches.length === 0}>
          <ChevronDown aria-hidden className="size-4" />
        </IconButton>
        <div className="ml-auto flex items-center gap-3 text-[12.5px]">
          <label className="inline-flex items-center gap-1.5">
            <input type="checkbox" checked={options.follow} onChange={(e) => setOptions((o) => ({ ...o, follow: e.target.checked }))} />
            Follow
          </label>
          <label className="inline-flex items-center gap-1.5">
            <input type="checkbox" checked={options.timestamps} onChange={(e) => setOptions((o) => ({ ...o, timestamps: e.target.checked }))} />
            Timestamps
          </label>
          <select
            aria-label="How many lines"
            value={options.tail === null ? 'all' : String(options.tail)}
            onChange={(e) => setOptions((o) => ({ ...o, tail: e.target.value === 'all' ? null : Number(e.target.value) }))}
            className="h-7 rounded-md border border-line bg-surface px-1.5 text-[12.5px]"
          >
            {TAILS.map((t) => (
              <option key={t.label} value={t.value === null ? 'all' : String(t.value)}>
                {t.label}
              </option>
            ))}
          </select>
          <Button className="h-7 px-2" onClick={download} disabled={lines.length === 0} icon={<Download aria-hidden className="size-3.5" />}>
            Download
          </Button>
        </div>
      </div>
      {error && (
        <p role="alert" className="border-b border-red-500/30 bg-red-500/10 px-5 py-2 text-[12.5px]">
          {error}
        </p>
      )}
      <div
        ref={scroller}
        role="log"
        aria-label={`Logs of ${name}`}
        data-testid="log-view"
        data-lines={lines.length}
        data-phase={phase}
        // Following stops only when the user scrolls away: a batch landing
        // between our own scroll and its event must not count as leaving the end.
        onWheel={userInput}
        onPointerDown={userInput}
        onKeyDown={userInput}
        onScroll={(e) => {
          const el = e.currentTarget;
          const near = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
          if (near) atBottom.current = true;
          else if (performance.now() - lastInput.current < 1000) atBottom.current = false;
          setAwayFromEnd(!atBottom.current);
        }}
        tabIndex={0}
        className="relative min-h-0 flex-1 overflow-auto bg-surface font-mono text-[12px] leading-[18px]"
      >
        {lines.length === 0 ? (
          <p className="p-5 font-sans text-[13px] text-faint">{phase === 'loading' ? 'Loading logs…' : 'No log lines yet.'}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize() }} className="relative min-w-full">
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index]!;
              return (
                <div
                  key={item.key}
                  data-testid="log-line"
                  data-current={item.index === currentLine ? 'true' : undefined}
                  className={`absolute left-0 flex w-max min-w-full gap-3 px-5 whitespace-pre ${line.stream === 'stderr' ? 'text-red-700 dark:text-red-300' : 'text-fg'} ${item.index === currentLine ? 'bg-amber-500/15' : ''}`}
                  style={{ top: 0, transform: `translateY(${item.start}px)`, height: ROW }}
                >
                  {line.time && <span className="text-faint select-none">{line.time.replace('T', ' ').slice(0, 23)}</span>}
                  <span>{renderLine(line.text, needle)}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
      {awayFromEnd && options.follow && phase === 'live' && (
        <div className="pointer-events-none absolute right-8 bottom-6">
          <Button
            className="pointer-events-auto shadow-md"
            onClick={() => {
              atBottom.current = true;
              virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
            }}
            icon={<ArrowDown aria-hidden className="size-3.5" />}
          >
            Latest
          </Button>
        </div>
      )}
    </div>
  );
}

/** A line's ANSI spans, with the search term marked inside each. */
function renderLine(text: string, needle: string): ReactNode {
  return parseAnsi(text).map((span, i) => {
    const style = span.fg || span.bg ? { color: span.fg ?? undefined, backgroundColor: span.bg ?? undefined } : undefined;
    const cls = `${span.bold ? 'font-bold' : ''} ${span.dim ? 'opacity-60' : ''} ${span.italic ? 'italic' : ''} ${span.underline ? 'underline' : ''}`.trim();
    return (
      <span key={i} style={style} className={cls || undefined}>
        {needle === '' ? span.text : highlight(span.text, needle)}
      </span>
    );
  });
}

function highlight(text: string, needle: string): ReactNode {
  const lower = text.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark key={at} className="rounded-sm bg-amber-300/70 text-inherit dark:bg-amber-500/50">
        {text.slice(at, at + needle.length)}
      </mark>,
    );
    from = at + needle.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
