// The command line's grammar, as a pure function so tests feed it argv.

export const USAGE = `Usage: berth <command> [options]

Commands:
  serve            Run Berth headless: serve the app and its API on 127.0.0.1
    --port N       Port to listen on (default 7730; 0 picks any free port)
    --open         Open the URL in the default browser
    --data-dir DIR Keep saved hosts (hosts.json) in DIR instead of the app's data folder
  layers IMAGE     Show an image's layers: what each changed, the final filesystem, wasted space
    --json         Print the whole analysis as JSON
    --source engine|archive PATH
                   Read the image from the engine (default) or from a \`docker save\`
                   archive or an OCI layout (directory or tar); IMAGE may then be left out
  ci IMAGE         Check an image against dive's rules; exits 1 when one fails
    --ci-config PATH
                   Rules file (default: .dive-ci in the current directory, if any)
    --source …     As for layers
  help             Show this help
  version          Show Berth's version

On a server without a display, run \`berth serve\` there and open it from your
machine through SSH:  ssh -L 7730:127.0.0.1:7730 user@server`;

export const DEFAULT_PORT = 7730;

export type ImageSource = { kind: 'engine' } | { kind: 'archive'; path: string };

export type Command =
  | { name: 'serve'; port: number; open: boolean; dataDir: string | null }
  | { name: 'layers'; image: string; json: boolean; source: ImageSource }
  | { name: 'ci'; image: string; ciConfig: string | null; source: ImageSource }
  | { name: 'help' }
  | { name: 'version' };

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  if (name === 'version' || name === '--version' || name === '-v') return { name: 'version' };
  if (name === 'layers' || name === 'ci') return parseImageCommand(name, rest);
  if (name !== 'serve') throw new UsageError(`Unknown command "${name}". Run \`berth help\` to see the commands.`);

  const command: Command & { name: 'serve' } = { name: 'serve', port: DEFAULT_PORT, open: false, dataDir: null };
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
    } else if (flag === '--data-dir') {
      const value = inline ?? rest[++i];
      if (!value || value.startsWith('--')) throw new UsageError('--data-dir takes the folder where Berth keeps its saved hosts.');
      command.dataDir = value;
    } else throw new UsageError(`Unknown option "${arg}" for serve. Run \`berth help\` to see the options.`);
  }
  return command;
}

function parseImageCommand(name: 'layers' | 'ci', rest: readonly string[]): Command {
  let image: string | undefined;
  let json = false;
  let ciConfig: string | null = null;
  let source: ImageSource = { kind: 'engine' };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--json' && name === 'layers') json = true;
    else if (flag === '--ci-config' && name === 'ci') {
      ciConfig = inline ?? rest[++i] ?? '';
      if (!ciConfig) throw new UsageError('--ci-config takes the path of a rules file.');
    } else if (flag === '--source') {
      const kind = inline ?? rest[++i];
      if (kind === 'engine') source = { kind };
      else if (kind === 'archive') {
        const path = rest[++i];
        if (!path || path.startsWith('--')) throw new UsageError('--source archive takes the path of a `docker save` archive or an OCI layout.');
        source = { kind, path };
      } else throw new UsageError(`--source is engine or archive (followed by a path), not "${kind ?? ''}".`);
    } else if (!arg.startsWith('-') && image === undefined) image = arg;
    else throw new UsageError(`Unknown option "${arg}" for ${name}. Run \`berth help\` to see the options.`);
  }
  if (image === undefined && source.kind === 'engine') throw new UsageError(`Which image? Usage: berth ${name} IMAGE`);
  const common = { image: image ?? '', source };
  return name === 'layers' ? { name, json, ...common } : { name, ciConfig, ...common };
}
