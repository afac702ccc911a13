// The run dialog's spec, checked and translated to the Engine API's create
// body (POST /containers/create) and to the equivalent `docker run` line.
// Pure: the dialog previews both while the user types, and the API uses the
// same translation to create the container.

export type RestartPolicy = 'no' | 'always' | 'unless-stopped' | 'on-failure';
export type Protocol = 'tcp' | 'udp' | 'sctp';

export interface PortSpec {
  /** Empty for a random free host port. */
  hostPort: string;
  /** Empty for every interface. */
  hostIp: string;
  containerPort: string;
  protocol: Protocol;
}

export interface MountSpec {
  type: 'bind' | 'volume';
  /** A host path (bind) or a volume name (empty: an anonymous volume). */
  source: string;
  target: string;
  readOnly: boolean;
}

export interface RunSpec {
  image: string;
  name: string;
  /** Shell words; empty keeps the image's default. */
  command: string;
  entrypoint: string;
  /** KEY=VALUE lines as a .env file has them (comments and blank lines allowed). */
  env: string;
  ports: PortSpec[];
  mounts: MountSpec[];
  /** Empty for the engine's default network. */
  network: string;
  restart: RestartPolicy;
  /** For on-failure; empty for unlimited. */
  maxRetries: string;
  autoRemove: boolean;
  /** Fractional CPUs, e.g. "1.5"; empty for no limit. */
  cpus: string;
  /** e.g. "512m", "1g"; empty for no limit. */
  memory: string;
  pidsLimit: string;
  /** KEY=VALUE lines. */
  labels: string;
  /** Allocate a TTY and keep stdin open (-it), so a shell image stays up. */
  tty: boolean;
}

export interface FieldError {
  /** The spec field, with an index for list fields: "memory", "ports.1.hostPort". */
  field: string;
  message: string;
}

export interface PublishedPort {
  /** The port row of the spec it comes from, so a conflict shows on that row. */
  row: number;
  hostIp: string;
  hostPort: number;
  protocol: Protocol;
}

export interface CreateBody {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env: string[];
  Labels: Record<string, string>;
  ExposedPorts: Record<string, Record<string, never>>;
  Tty: boolean;
  OpenStdin: boolean;
  HostConfig: {
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
    Binds: string[];
    NetworkMode?: string;
    RestartPolicy: { Name: '' | Exclude<RestartPolicy, 'no'>; MaximumRetryCount: number };
    AutoRemove: boolean;
    NanoCpus: number;
    Memory: number;
    PidsLimit?: number;
  };
}

export interface Translation {
  errors: FieldError[];
  /** Null while there are errors. */
  body: CreateBody | null;
  /** The container name for the create query string, or null for a generated one. */
  name: string | null;
  /** Host ports the container will publish (fixed ones only), for the port-in-use check. */
  published: PublishedPort[];
  /** The equivalent command line, always shown (also with errors, as far as it goes). */
  cli: string;
}

export { EMPTY_RUN_SPEC } from './run-defaults';

/** Docker refuses less; saying so before create is kinder than the engine's message. */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ENV_KEY = /^[^=\s]+$/;

/** Parses a size the way the docker CLI does (units.RAMInBytes): 512m, 1g, 1.5GiB, 1024 (bytes); binary units. */
export function parseMemory(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?) ?([kmgtp])?(i?b)?$/i.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] ?? '').toLowerCase();
  const power = unit === '' ? 0 : 'kmgtp'.indexOf(unit) + 1;
  return Math.round(Number(match[1]) * 1024 ** power);
}

/** Splits a command line into words like a POSIX shell: quotes and backslashes, no expansion. Null on an open quote. */
export function splitWords(text: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return null;
  if (inWord) words.push(word);
  return words;
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** KEY=VALUE lines of a .env file: blank lines and # comments skipped, "export " allowed. */
export function parseKeyValues(text: string, field: string, errors: FieldError[]): [string, string][] {
  const pairs: [string, string][] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const body = line.startsWith('export ') ? line.slice('export '.length).trimStart() : line;
    const eq = body.indexOf('=');
    const key = eq === -1 ? body : body.slice(0, eq);
    if (eq === -1) {
      errors.push({ field, message: `Line ${index + 1}: "${key}" has no value; write ${key}=value.` });
      return;
    }
    if (!ENV_KEY.test(key)) {
      errors.push({ field, message: `Line ${index + 1}: "${key}" is not a valid name (no spaces, no =).` });
      return;
    }
    pairs.push([key, unquote(body.slice(eq + 1))]);
  });
  return pairs;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : null;
}

/** Checks the spec and translates it; `hostCpus` bounds --cpus as the engine does. */
export function translateRunSpec(spec: RunSpec, hostCpus: number | null = null): Translation {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  const cli: string[] = ['docker', 'run', spec.tty ? '-dit' : '-d'];
  const flag = (name: string, value?: string) => cli.push(name, ...(value === undefined ? [] : [shellQuote(value)]));

  const image = spec.image.trim();
  if (image === '') err('image', 'Choose an image to run.');

  const name = spec.name.trim();
  if (name !== '') {
    if (!NAME.test(name)) err('name', `"${name}" is not a valid name: letters, digits, _, . and -, starting with a letter or digit.`);
    flag('--name', name);
  }

  const entrypoint = spec.entrypoint.trim() === '' ? null : splitWords(spec.entrypoint);
  if (entrypoint === null && spec.entrypoint.trim() !== '') err('entrypoint', 'A quote is not closed.');
  const command = spec.command.trim() === '' ? null : splitWords(spec.command);
  if (command === null && spec.command.trim() !== '') err('command', 'A quote is not closed.');

  const env = parseKeyValues(spec.env, 'env', errors);
  for (const [k, v] of env) flag('-e', `${k}=${v}`);
  const labels = parseKeyValues(spec.labels, 'labels', errors);
  for (const [k, v] of labels) flag('--label', `${k}=${v}`);

  const exposed: CreateBody['ExposedPorts'] = {};
  const bindings: CreateBody['HostConfig']['PortBindings'] = {};
  const published: PublishedPort[] = [];
  const seenHost = new Map<string, number>();
  spec.ports.forEach((p, i) => {
    const container = parsePort(p.containerPort);
    if (container === null) err(`ports.${i}.containerPort`, `"${p.containerPort}" is not a port: use a number from 1 to 65535.`);
    const hostText = p.hostPort.trim();
    const host = hostText === '' ? null : parsePort(hostText);
    if (hostText !== '' && host === null) err(`ports.${i}.hostPort`, `"${hostText}" is not a port: use a number from 1 to 65535, or leave it empty for a random one.`);
    const hostIp = p.hostIp.trim();
    if (hostIp !== '' && !/^[0-9.]+$|^[0-9a-fA-F:]+$/.test(hostIp)) err(`ports.${i}.hostIp`, `"${hostIp}" is not an IP address.`);
    if (host !== null) {
      const key = `${hostIp || '0.0.0.0'}:${host}/${p.protocol}`;
      const other = seenHost.get(key);
      if (other !== undefined) err(`ports.${i}.hostPort`, `Host port ${host}/${p.protocol} is already mapped by port row ${other + 1}.`);
      seenHost.set(key, i);
      published.push({ row: i, hostIp, hostPort: host, protocol: p.protocol });
    }
    if (container === null) return;
    const key = `${container}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: hostIp, HostPort: host === null ? '' : String(host) });
    const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
    flag('-p', `${hostIp ? `${hostIp.includes(':') ? `[${hostIp}]` : hostIp}:` : ''}${host === null ? (hostIp ? ':' : '') : `${host}:`}${container}${proto}`);
  });

  const binds: string[] = [];
  spec.mounts.forEach((m, i) => {
    const source = m.source.trim();
    const target = m.target.trim();
    if (!target.startsWith('/')) err(`mounts.${i}.target`, `The path inside the container must be absolute (start with /): "${target}".`);
    if (m.type === 'bind' && !source.startsWith('/')) err(`mounts.${i}.source`, `A bind mount needs an absolute host path (start with /): "${source}".`);
    if (m.type === 'volume' && source !== '' && !VOLUME_NAME.test(source)) err(`mounts.${i}.source`, `"${source}" is not a valid volume name: letters, digits, _, . and -.`);
    if ([source, target].some((s) => s.includes(':'))) err(`mounts.${i}.${source.includes(':') ? 'source' : 'target'}`, 'A mount path cannot contain ":".');
    const spec = `${source !== '' ? `${source}:` : ''}${target}${m.readOnly ? ':ro' : ''}`;
    binds.push(spec);
    flag('-v', spec);
  });

  const network = spec.network.trim();
  if (network !== '') flag('--network', network);

  let maxRetries = 0;
  if (spec.restart === 'on-failure' && spec.maxRetries.trim() !== '') {
    const n = /^\d+$/.test(spec.maxRetries.trim()) ? Number(spec.maxRetries) : NaN;
    if (!Number.isSafeInteger(n)) err('maxRetries', `"${spec.maxRetries}" is not a number of retries.`);
    else maxRetries = n;
  }
  if (spec.restart !== 'no') flag('--restart', spec.restart === 'on-failure' && maxRetries > 0 ? `on-failure:${maxRetries}` : spec.restart);
  if (spec.autoRemove) {
    if (spec.restart !== 'no') err('autoRemove', 'Auto-remove and a restart policy conflict: a container removed on exit cannot be restarted. Choose one.');
    flag('--rm');
  }

  let nanoCpus = 0;
  const cpusText = spec.cpus.trim();
  if (cpusText !== '') {
    const cpus = /^\d*\.?\d+$/.test(cpusText) ? Number(cpusText) : NaN;
    if (!(cpus > 0)) err('cpus', `"${cpusText}" is not a number of CPUs: use e.g. 0.5, 1 or 2.`);
    else if (hostCpus !== null && cpus > hostCpus) err('cpus', `The host has ${hostCpus} CPUs; the limit can be at most ${hostCpus}.`);
    else nanoCpus = Math.round(cpus * 1e9);
    flag('--cpus', cpusText);
  }
  let memory = 0;
  const memoryText = spec.memory.trim();
  if (memoryText !== '') {
    const bytes = parseMemory(memoryText);
    if (bytes === null) err('memory', `"${memoryText}" is not a size: use a number with b, k, m or g, e.g. 512m or 1g.`);
    else if (bytes < MIN_MEMORY_BYTES) err('memory', `${memoryText} is below the engine's minimum of 6m.`);
    else memory = bytes;
    flag('--memory', memoryText);
  }
  let pidsLimit: number | undefined;
  const pidsText = spec.pidsLimit.trim();
  if (pidsText !== '') {
    const n = /^-?\d+$/.test(pidsText) ? Number(pidsText) : NaN;
    if (!Number.isSafeInteger(n) || n === 0 || n < -1) err('pidsLimit', `"${pidsText}" is not a process limit: use a positive number, or -1 for none.`);
    else pidsLimit = n;
    flag('--pids-limit', pidsText);
  }

  // --entrypoint takes one word; the rest of an entrypoint goes before the
  // command, which is what the engine runs either way (a new entrypoint clears the image's CMD).
  const cmd = entrypoint ? [...entrypoint.slice(1), ...(command ?? [])] : command;
  if (entrypoint) flag('--entrypoint', entrypoint[0] ?? '');
  cli.push(shellQuote(image || 'IMAGE'), ...(cmd ?? []).map(shellQuote));

  const body: CreateBody | null =
    errors.length > 0
      ? null
      : {
          Image: image,
          ...(cmd ? { Cmd: cmd } : {}),
          ...(entrypoint ? { Entrypoint: entrypoint.slice(0, 1) } : {}),
          Env: env.map(([k, v]) => `${k}=${v}`),
          Labels: Object.fromEntries(labels),
          ExposedPorts: exposed,
          Tty: spec.tty,
          OpenStdin: spec.tty,
          HostConfig: {
            PortBindings: bindings,
            Binds: binds,
            ...(network !== '' ? { NetworkMode: network } : {}),
            RestartPolicy: { Name: spec.restart === 'no' ? '' : spec.restart, MaximumRetryCount: maxRetries },
            AutoRemove: spec.autoRemove,
            NanoCpus: nanoCpus,
            Memory: memory,
            ...(pidsLimit !== undefined ? { PidsLimit: pidsLimit } : {}),
          },
        };
  return { errors, body, name: name === '' ? null : name, published, cli: cli.join(' ') };
}
