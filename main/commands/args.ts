// The command line's grammar, as a pure function so tests feed it argv.

export const USAGE = `Usage: berth <command> [options]

Commands:
  serve            Run Berth headless: serve the app and its API on 127.0.0.1
    --port N       Port to listen on (default 7730; 0 picks any free port)
    --open         Open the URL in the default browser
  help             Show this help
  version          Show Berth's version

On a server without a display, run \`berth serve\` there and open it from your
machine through SSH:  ssh -L 7730:127.0.0.1:7730 user@server`;

export const DEFAULT_PORT = 7730;

export type Command = { name: 'serve'; port: number; open: boolean } | { name: 'help' } | { name: 'version' };

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  if (name === 'version' || name === '--version' || name === '-v') return { name: 'version' };
  if (name !== 'serve') throw new UsageError(`Unknown command "${name}". Run \`berth help\` to see the commands.`);

  const command = { name: 'serve' as const, port: DEFAULT_PORT, open: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--open') command.open = true;
    else if (flag === '--port') {
      const value = inline ?? rest[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) {
        throw new UsageError(`--port takes a port number from 0 to 65535 (0 picks any free port), not "${value ?? ''}".`);
      }
      command.port = Number(value);
    } else throw new UsageError(`Unknown option "${arg}" for serve. Run \`berth help\` to see the options.`);
  }
  return command;
}
