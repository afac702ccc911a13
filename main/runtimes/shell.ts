// Running a read-only command on a host: here with execFile, on an SSH host
// as an exec channel of its one connection. Commands are argv arrays; for SSH
// they are quoted for the remote POSIX shell, so nothing is interpreted twice.
import { execFile } from 'node:child_process';
import type { HostLink } from '../ssh/host-link';

export interface ShellResult {
  /** null when the command could not be started or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface HostShell {
  run(argv: string[], signal?: AbortSignal): Promise<ShellResult>;
}

const MAX_OUTPUT = 32 * 1024 * 1024;

export function localShell(timeoutMs = 20_000): HostShell {
  return {
    run: (argv, signal) =>
      new Promise((resolve) => {
        execFile(argv[0]!, argv.slice(1), { maxBuffer: MAX_OUTPUT, timeout: timeoutMs, signal, encoding: 'utf8' }, (err, stdout, stderr) => {
          const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
          if (e?.code === 'ENOENT') return resolve({ code: 127, stdout: '', stderr: `${argv[0]}: command not found` });
          resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr: stderr || (e && typeof e.code !== 'number' ? e.message : '') });
        });
      }),
  };
}

/** One argument for a POSIX shell: single-quoted, with embedded quotes closed and escaped. */
export function shellQuote(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** An SSH host's shell: an exec channel of its one connection. */
export function sshShell(link: Pick<HostLink, 'exec'>): HostShell {
  return {
    run: async (argv, signal) => {
      const result = await link.exec(shellQuote(argv), { signal, maxBytes: MAX_OUTPUT });
      return { code: result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr };
    },
  };
}
