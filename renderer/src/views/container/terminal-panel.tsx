// An interactive shell in the container, in xterm.js over the engine's exec
// stream with a TTY. Keys go to the shell as typed, the terminal follows the
// panel's size, and the selection copies and pastes like any terminal.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { RotateCw } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useApi, useLive } from '../../app/hooks';
import { Button } from '../../ui/controls';

/**
 * xterm.js writes its measured sizes and theme into <style> elements, which
 * Berth's content security policy (style-src 'self') does not apply. The same
 * rules go through a constructed stylesheet, which the policy allows.
 */
function adoptInlineStyles(root: HTMLElement): () => void {
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const sync = () => sheet.replaceSync([...root.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n'));
  const observer = new MutationObserver(sync);
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  sync();
  return () => {
    observer.disconnect();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}

const dark = () => matchMedia('(prefers-color-scheme: dark)').matches;

export function TerminalPanel({ id, name, running }: { id: string; name: string; running: boolean }) {
  const api = useApi();
  const host = useLive().host;
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ phase: 'connecting' | 'open' | 'exited' | 'failed'; message: string | null }>({ phase: 'connecting', message: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const el = box.current;
    if (!el || !running) return;
    setState({ phase: 'connecting', message: null });
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: dark() ? { background: '#111318', foreground: '#e6e6e6' } : { background: '#ffffff', foreground: '#1f2328', cursor: '#1f2328', selectionBackground: '#b6d3ff' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    const unadopt = adoptInlineStyles(el);
    fit.fit();
    term.focus();
    let session: string | null = null;
    const pending: string[] = [];
    const send = (data: string) => {
      if (session === null) pending.push(data);
      else void api.containers.execInput.mutate({ session, data }).catch(() => undefined);
    };
    // Ctrl+C and Ctrl+V belong to the shell; copy and paste are Ctrl+Shift+C and Ctrl+Shift+V, as in Linux terminals.
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
      const key = e.key.toLowerCase();
      if (key === 'c' && term.hasSelection()) {
        void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
        return false;
      }
      if (key === 'v') {
        void navigator.clipboard?.readText().then((text) => term.paste(text), () => undefined);
        return false;
      }
      return true;
    });
    const onData = term.onData(send);
    const onResize = term.onResize(({ cols, rows }) => {
      if (session !== null) void api.containers.execResize.mutate({ session, cols, rows }).catch(() => undefined);
    });
    const stop = api.containers.exec.subscribe(
      { host, id, cols: term.cols, rows: term.rows },
      {
        onData: (event) => {
          if (event.type === 'ready') {
            session = event.session;
            setState({ phase: 'open', message: null });
            for (const data of pending.splice(0)) send(data);
          } else if (event.type === 'output') term.write(event.data);
          else setState({ phase: 'exited', message: `The shell exited${event.code === null ? '' : ` with code ${event.code}`}.` });
        },
        onError: (e) => setState({ phase: 'failed', message: e.message }),
        onEnd: () => setState((s) => (s.phase === 'exited' ? s : { phase: 'exited', message: 'The shell ended.' })),
      },
    );
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(el);
    return () => {
      observer.disconnect();
      stop();
      onData.dispose();
      onResize.dispose();
      unadopt();
      term.dispose();
    };
  }, [api, host, id, running, attempt]);

  if (!running) {
    return <p className="p-5 text-[13px] text-muted">{name} is not running: start it to open a terminal.</p>;
  }
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {(state.phase === 'exited' || state.phase === 'failed') && (
        <div role={state.phase === 'failed' ? 'alert' : 'status'} className="flex items-center gap-3 border-b border-line px-5 py-2 text-[12.5px]" data-testid="terminal-state">
          <span className="flex-1">{state.message}</span>
          <Button className="h-7 px-2" onClick={() => setAttempt((n) => n + 1)} icon={<RotateCw aria-hidden className="size-3.5" />}>
            New shell
          </Button>
        </div>
      )}
      <div ref={box} role="application" aria-label={`Terminal in ${name}`} data-testid="terminal" data-phase={state.phase} className="min-h-0 flex-1 bg-surface p-2" />
    </div>
  );
}
