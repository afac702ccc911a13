// What to tell the user when no engine answers: a hint per kind of failure
// seen while probing, in the order that matters most.
import type { ConnectionStatus, ProbeOutcome } from '../../../main/engines/types';

export interface FixHint {
  outcome: ProbeOutcome | 'none';
  title: string;
  text: string;
  /** Commands to copy, one per line of what the user might run. */
  commands: string[];
}

export type HostPlatform = 'linux' | 'mac' | 'windows';

/** Guesses the engine host's platform from the endpoints tried (the browser may run elsewhere). */
export function guessPlatform(status: Pick<ConnectionStatus, 'tried' | 'endpoint'>, fallback: HostPlatform = 'linux'): HostPlatform {
  const endpoints = [status.endpoint ?? '', ...status.tried.map((t) => `${t.endpoint} ${t.source}`)].join(' ');
  if (/npipe:|\\\\\.\\pipe|\/\/\.\/pipe/i.test(endpoints)) return 'windows';
  // Colima, OrbStack and Rancher also run on Linux; only macOS homes live under /Users.
  if (/\/Users\/|Docker\.app|Library\/Containers/.test(endpoints)) return 'mac';
  return fallback;
}

const START_COMMANDS: Record<HostPlatform, string[]> = {
  linux: ['sudo systemctl start docker', 'systemctl --user enable --now podman.socket'],
  mac: ['open -a Docker', 'colima start', 'podman machine start'],
  windows: ['podman machine start'],
};

const ORDER: ProbeOutcome[] = ['permission', 'refused', 'timeout', 'invalid', 'missing', 'error'];

export function fixHints(status: Pick<ConnectionStatus, 'tried' | 'endpoint'>, platform: HostPlatform = guessPlatform(status)): FixHint[] {
  const seen = new Set(status.tried.map((t) => t.outcome));
  const hints: FixHint[] = [];
  for (const outcome of ORDER) {
    if (!seen.has(outcome)) continue;
    switch (outcome) {
      case 'permission':
        hints.push({
          outcome,
          title: 'Allow Berth to use the engine socket',
          text:
            platform === 'linux'
              ? 'The socket exists but your user may not open it. Add yourself to the docker group, then log out and back in, or use rootless Podman’s own socket.'
              : 'The socket exists but your user may not open it. Check the engine’s settings for socket access, or restart it.',
          commands: platform === 'linux' ? ['sudo usermod -aG docker $USER', 'systemctl --user enable --now podman.socket'] : [],
        });
        break;
      case 'refused':
        hints.push({
          outcome,
          title: 'Restart the engine',
          text: 'A socket is there but nothing answers on it: the engine stopped or crashed. Start it again.',
          commands: START_COMMANDS[platform],
        });
        break;
      case 'timeout':
        hints.push({
          outcome,
          title: 'Wait for the engine, or check the network',
          text: 'The engine did not answer in time. It may still be starting, and Berth keeps trying. For an engine on another machine, check the network and firewall.',
          commands: [],
        });
        break;
      case 'invalid':
        hints.push({
          outcome,
          title: 'Check DOCKER_HOST and your docker context',
          text: 'Something answered, but not with a Docker-compatible API. Make sure DOCKER_HOST and the current docker context point at Docker or Podman.',
          commands: ['docker context ls', 'echo $DOCKER_HOST'],
        });
        break;
      case 'missing':
        hints.push({
          outcome,
          title: 'Start a container engine',
          text:
            platform === 'mac'
              ? 'No engine is running. Start Docker Desktop, OrbStack, Rancher Desktop, Colima or a Podman machine; or point DOCKER_HOST at an engine.'
              : platform === 'windows'
                ? 'No engine is running. Start Docker Desktop, Rancher Desktop or a Podman machine; or point DOCKER_HOST at an engine.'
                : 'No engine is running. Start Docker or Podman; or point DOCKER_HOST at an engine.',
          commands: START_COMMANDS[platform],
        });
        break;
      case 'error':
        hints.push({ outcome, title: 'See what went wrong at each endpoint', text: 'Each place Berth looked is listed with what happened there.', commands: [] });
        break;
      case 'ok':
        break;
    }
  }
  if (status.tried.length === 0) {
    hints.push({
      outcome: 'none',
      title: 'Start a container engine',
      text: 'Berth found no place to look for an engine. Start Docker or Podman, or set DOCKER_HOST.',
      commands: START_COMMANDS[platform],
    });
  }
  return hints;
}

export const OUTCOME_LABEL: Record<ProbeOutcome, string> = {
  ok: 'Answered',
  missing: 'Not found',
  refused: 'Refused',
  permission: 'Permission denied',
  timeout: 'Timed out',
  invalid: 'Not an engine',
  error: 'Error',
};
