// Berth's API over the real dispatcher and the typed client, against an
// engine found through DOCKER_HOST: what the renderer does, minus the UI.
import { serveApi } from '../../main/api/dispatch';
import { contextFromSessions } from '../../main/api/create-context';
import type { SubscriptionHandlers } from '../../main/api/procedure';
import { router, type BerthRouter } from '../../main/api/router';
import { EngineDirectory, type EngineSource } from '../../main/engines/directory';
import { localDiscovery, systemPlaces } from '../../main/hosts/discover';
import { resolveLocalCandidates } from '../../main/hosts/resolve';
import { createEngineSession } from '../../main/live/session';
import type { EngineSession } from '../../main/live/types';
import type { SecretStore } from '../../main/secrets/secret-store';
import type { SshEnvironment } from '../../main/ssh/host-link';
import { HostRegistry, type HostView } from '../../main/ssh/registry';
import { createClient, type RemoteError } from '../../renderer/src/rpc/client';
import { pipePair } from './pipe-pair';

/** An engine session on the engine at dockerHost, found as the app finds the local one. */
export function localSession(dockerHost: string) {
  return createEngineSession({ discover: localDiscovery({ resolve: () => resolveLocalCandidates(systemPlaces({ DOCKER_HOST: dockerHost })) }) });
}

/** `engines`: this machine's engines for the engine picker, instead of every known socket. */
export function apiFor(dockerHost: string, options: { engines?: EngineSource } = {}) {
  const session = localSession(dockerHost);
  const sessions = new Map([['local', session]]);
  const engines = new EngineDirectory({ sessions, local: options.engines });
  const pair = pipePair();
  serveApi(router, contextFromSessions(sessions, { engines }), pair.server);
  const client = createClient<BerthRouter>(pair.client);
  return {
    api: client.api,
    async close() {
      pair.close();
      await engines.close();
      await session.close();
    },
  };
}

/** Berth's API with SSH hosts only (no local engine), the hosts saved in dataDir, ~/.ssh as env gives it. */
export function apiWithHosts(options: { dataDir: string; env: SshEnvironment; homeDir: string; secrets: SecretStore }) {
  const sessions = new Map<string, EngineSession>();
  const hosts = new HostRegistry({ dataDir: options.dataDir, sessions, env: options.env, secrets: options.secrets });
  const pair = pipePair();
  serveApi(router, contextFromSessions(sessions, { hosts, secrets: options.secrets, homeDir: options.homeDir }), pair.server);
  const { api } = createClient<BerthRouter>(pair.client);
  /** Resolves with the host's view once it matches, as the sidebar would show it. */
  const hostState = async (id: string, ok: (h: HostView) => boolean): Promise<HostView> => {
    const watch = collect<HostView[]>((handlers) => api.hosts.watch.subscribe({}, handlers));
    try {
      const list = await watch.seen((hosts) => hosts.some((h) => h.id === id && ok(h)));
      return list.find((h) => h.id === id)!;
    } finally {
      watch.stop();
    }
  };
  return {
    api,
    hosts,
    sessions,
    hostState,
    async close() {
      pair.close();
      await hosts.close();
    },
  };
}

/** Collects a subscription's events until it ends or fails; stop() unsubscribes. */
export function collect<E>(subscribe: (handlers: SubscriptionHandlers<E>) => () => void) {
  const events: E[] = [];
  let waiters: (() => void)[] = [];
  let outcome: { error: RemoteError | null } | null = null;
  const wake = () => {
    for (const w of waiters) w();
    waiters = [];
  };
  const stop = subscribe({
    onData: (e) => {
      events.push(e);
      wake();
    },
    onError: (error) => {
      outcome = { error: error as RemoteError };
      wake();
    },
    onEnd: () => {
      outcome = { error: null };
      wake();
    },
  });
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return {
    events,
    stop,
    /** Resolves with the error (or null) once the subscription ends. */
    async ended(): Promise<RemoteError | null> {
      await until(() => outcome !== null);
      return outcome!.error;
    },
    /** Resolves once an event matches. */
    async seen(pred: (e: E) => boolean): Promise<E> {
      await until(() => events.some(pred) || outcome !== null);
      const hit = events.find(pred);
      if (!hit) throw new Error(`ended without the awaited event (${outcome?.error?.message ?? 'no error'}); saw ${JSON.stringify(events).slice(0, 2000)}`);
      return hit;
    },
  };
}
