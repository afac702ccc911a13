// The run dialog's translation: what the engine receives and the docker run
// line shown beside it must mean the same container.
import { describe, expect, it } from 'vitest';
import { EMPTY_RUN_SPEC, parseMemory, splitWords, translateRunSpec, type RunSpec } from '../../../main/containers/run-spec';

const spec = (over: Partial<RunSpec>): RunSpec => ({ ...EMPTY_RUN_SPEC, image: 'nginx:1.27', ...over });

describe('translateRunSpec', () => {
  it('keeps the image defaults when nothing is set', () => {
    const t = translateRunSpec(spec({}));
    expect(t.errors).toEqual([]);
    expect(t.cli).toBe('docker run -d nginx:1.27');
    expect(t.body).toEqual({
      Image: 'nginx:1.27',
      Env: [],
      Labels: {},
      ExposedPorts: {},
      Tty: false,
      OpenStdin: false,
      HostConfig: { PortBindings: {}, Binds: [], RestartPolicy: { Name: '', MaximumRetryCount: 0 }, AutoRemove: false, NanoCpus: 0, Memory: 0 },
    });
    expect(t.name).toBeNull();
  });

  it('translates every field, and prints the same as a docker run line', () => {
    const t = translateRunSpec(
      spec({
        name: 'web-1',
        command: `sh -c 'echo "hi there"; sleep 1'`,
        env: '# comment\nexport A=1\nB="two words"\n\nC=x=y',
        labels: 'team=core',
        ports: [
          { hostPort: '8080', hostIp: '', containerPort: '80', protocol: 'tcp' },
          { hostPort: '', hostIp: '127.0.0.1', containerPort: '53', protocol: 'udp' },
        ],
        mounts: [
          { type: 'bind', source: '/srv/site', target: '/usr/share/nginx/html', readOnly: true },
          { type: 'volume', source: 'cache', target: '/var/cache', readOnly: false },
          { type: 'volume', source: '', target: '/scratch', readOnly: false },
        ],
        network: 'backend',
        restart: 'on-failure',
        maxRetries: '3',
        cpus: '1.5',
        memory: '512m',
        pidsLimit: '100',
        tty: true,
      }),
      8,
    );
    expect(t.errors).toEqual([]);
    expect(t.name).toBe('web-1');
    expect(t.published).toEqual([{ row: 0, hostIp: '', hostPort: 8080, protocol: 'tcp' }]);
    expect(t.body).toEqual({
      Image: 'nginx:1.27',
      Cmd: ['sh', '-c', 'echo "hi there"; sleep 1'],
      Env: ['A=1', 'B=two words', 'C=x=y'],
      Labels: { team: 'core' },
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      Tty: true,
      OpenStdin: true,
      HostConfig: {
        PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }], '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
        Binds: ['/srv/site:/usr/share/nginx/html:ro', 'cache:/var/cache', '/scratch'],
        NetworkMode: 'backend',
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        AutoRemove: false,
        NanoCpus: 1_500_000_000,
        Memory: 512 * 1024 * 1024,
        PidsLimit: 100,
      },
    });
    expect(t.cli).toBe(
      "docker run -dit --name web-1 -e A=1 -e 'B=two words' -e C=x=y --label team=core -p 8080:80 -p 127.0.0.1::53/udp " +
        '-v /srv/site:/usr/share/nginx/html:ro -v cache:/var/cache -v /scratch --network backend --restart on-failure:3 ' +
        `--cpus 1.5 --memory 512m --pids-limit 100 nginx:1.27 sh -c 'echo "hi there"; sleep 1'`,
    );
    // The shown line splits back into the words the engine gets.
    expect(splitWords(t.cli)!.slice(-3)).toEqual(['sh', '-c', 'echo "hi there"; sleep 1']);
  });

  it('puts a multi-word entrypoint as docker run must: first word as --entrypoint, the rest before the command', () => {
    const t = translateRunSpec(spec({ entrypoint: 'sh -c', command: '"echo hi"' }));
    expect(t.body).toMatchObject({ Entrypoint: ['sh'], Cmd: ['-c', 'echo hi'] });
    expect(t.cli).toBe("docker run -d --entrypoint sh nginx:1.27 -c 'echo hi'");
  });

  it.each<[Partial<RunSpec>, string, RegExp]>([
    [{ image: ' ' }, 'image', /Choose an image/],
    [{ name: '-bad' }, 'name', /not a valid name/],
    [{ memory: '512x' }, 'memory', /not a size/],
    [{ memory: '1m' }, 'memory', /minimum of 6m/],
    [{ cpus: 'two' }, 'cpus', /not a number of CPUs/],
    [{ cpus: '0' }, 'cpus', /not a number of CPUs/],
    [{ cpus: '16' }, 'cpus', /at most 8/],
    [{ pidsLimit: '0' }, 'pidsLimit', /process limit/],
    [{ ports: [{ hostPort: '70000', hostIp: '', containerPort: '80', protocol: 'tcp' }] }, 'ports.0.hostPort', /1 to 65535/],
    [{ ports: [{ hostPort: '', hostIp: '', containerPort: 'http', protocol: 'tcp' }] }, 'ports.0.containerPort', /not a port/],
    [
      {
        ports: [
          { hostPort: '8080', hostIp: '', containerPort: '80', protocol: 'tcp' },
          { hostPort: '8080', hostIp: '', containerPort: '81', protocol: 'tcp' },
        ],
      },
      'ports.1.hostPort',
      /already mapped by port row 1/,
    ],
    [{ mounts: [{ type: 'bind', source: 'relative/dir', target: '/data', readOnly: false }] }, 'mounts.0.source', /absolute host path/],
    [{ mounts: [{ type: 'volume', source: 'v', target: 'data', readOnly: false }] }, 'mounts.0.target', /must be absolute/],
    [{ mounts: [{ type: 'volume', source: 'bad name', target: '/d', readOnly: false }] }, 'mounts.0.source', /not a valid volume name/],
    [{ env: 'JUSTKEY' }, 'env', /has no value/],
    [{ env: 'BAD KEY=1' }, 'env', /not a valid name/],
    [{ restart: 'always', autoRemove: true }, 'autoRemove', /conflict/],
    [{ restart: 'on-failure', maxRetries: 'x' }, 'maxRetries', /not a number/],
    [{ command: 'echo "open' }, 'command', /quote is not closed/],
  ])('refuses %j on %s', (over, field, message) => {
    const t = translateRunSpec(spec(over), 8);
    expect(t.body).toBeNull();
    expect(t.errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });
});

describe('parseMemory', () => {
  it.each([
    ['512m', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['64 MB', 64 * 1024 ** 2],
    ['1024', 1024],
    ['2k', 2048],
  ])('%s', (text, bytes) => expect(parseMemory(text)).toBe(bytes));
  it.each(['', 'm', '1x', '-1m', '1.2.3m'])('refuses %j', (text) => expect(parseMemory(text)).toBeNull());
});

describe('splitWords', () => {
  it('splits like a shell without expanding', () => {
    expect(splitWords(`a 'b c' "d \\"e\\"" f\\ g '' $HOME`)).toEqual(['a', 'b c', 'd "e"', 'f g', '', '$HOME']);
    expect(splitWords(`"open`)).toBeNull();
  });
});
