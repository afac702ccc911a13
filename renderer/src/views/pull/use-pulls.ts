import { useApi, useLive, useStore } from '../../app/hooks';
import type { ClientOf } from '../../../../main/api/procedure';
import type { BerthRouter } from '../../../../main/api/router';
import { createPulls, type Pulls } from '../../state/pulls';

// One pulls store per API client and host: pulls outlive the dialogs that
// show them, and each host's pulls stay with that host.
const stores = new WeakMap<object, Map<string, Pulls>>();

function notify(title: string, body: string) {
  if (typeof Notification === 'undefined') return;
  if (Notification.permission === 'granted') new Notification(title, { body });
}

export function usePulls(): Pulls {
  return pullsFor(useApi(), useLive().host);
}

/** The pulls of any host, e.g. the one a registry image is pulled to. */
export function pullsFor(api: ClientOf<BerthRouter>, host: string): Pulls {
  let byHost = stores.get(api);
  if (!byHost) stores.set(api, (byHost = new Map()));
  let pulls = byHost.get(host);
  if (!pulls) byHost.set(host, (pulls = createPulls(api, host, notify)));
  return pulls;
}

export function usePullItems() {
  return useStore(usePulls().items);
}

/** Asked on a user's click, as browsers require; a long pull then says when it is done. */
export function askToNotify() {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
}
