import { useApi, useLive, useStore } from '../../app/hooks';
import { createPulls, type Pulls } from '../../state/pulls';

// One pulls store per API client: pulls outlive the dialogs that show them.
const stores = new WeakMap<object, Pulls>();

function notify(title: string, body: string) {
  if (typeof Notification === 'undefined') return;
  if (Notification.permission === 'granted') new Notification(title, { body });
}

export function usePulls(): Pulls {
  const api = useApi();
  const host = useLive().host;
  let pulls = stores.get(api);
  if (!pulls) {
    pulls = createPulls(api, host, notify);
    stores.set(api, pulls);
  }
  return pulls;
}

export function usePullItems() {
  return useStore(usePulls().items);
}

/** Asked on a user's click, as browsers require; a long pull then says when it is done. */
export function askToNotify() {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
}
