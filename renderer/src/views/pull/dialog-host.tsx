// The app-wide dialogs (pull, run, confirmations) and their entry points: the Pull button in the header
// (with the number of pulls under way) and Ctrl/⌘+P from anywhere. A dialog
// belongs to the place it was opened from: going elsewhere (Back, a link, a
// typed address) closes it, as leaving a page would.
import { Download } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useRoute, useStore } from '../../app/hooks';
import { formatRoute } from '../../lib/route';
import { closeDialog, dialogs, openPull } from '../../state/dialogs';
import { Button } from '../../ui/controls';
import { ActionConfirmDialog } from '../containers/container-actions';
import { PushDialog } from '../push/push-dialog';
import { RunDialog } from '../run/run-dialog';
import { PullDialog } from './pull-dialog';
import { usePullItems } from './use-pulls';

export function DialogHost() {
  const open = useStore(dialogs);
  const here = formatRoute(useRoute());
  const openedAt = useRef(here);
  useEffect(() => {
    if (openedAt.current === here) return;
    openedAt.current = here;
    if (dialogs.get().kind !== 'none') closeDialog();
  }, [here]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        openPull();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (open.kind === 'pull') return <PullDialog />;
  if (open.kind === 'run') return <RunDialog key={open.image} image={open.image} />;
  if (open.kind === 'push') return <PushDialog key={open.image} image={open.image} />;
  if (open.kind === 'confirm-action') return <ActionConfirmDialog action={open.action} rows={open.rows} />;
  return null;
}

export function PullButton() {
  const pulling = usePullItems().filter((p) => p.phase === 'pulling').length;
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return (
    <Button onClick={openPull} className="h-7" aria-keyshortcuts={mac ? 'Meta+P' : 'Control+P'} title={`Pull an image (${mac ? '⌘P' : 'Ctrl+P'})`} data-testid="open-pull" icon={<Download aria-hidden className="size-3.5" />}>
      Pull
      {pulling > 0 && (
        <span className="rounded-full bg-accent px-1.5 text-[11px] text-accent-fg tabular" aria-label={`${pulling} under way`}>
          {pulling}
        </span>
      )}
    </Button>
  );
}
