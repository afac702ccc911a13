// Fixture images, built offline from Debian's static busybox:
// - berth-test/base:1, one layer: `docker import` of a rootfs with /bin/busybox,
//   applet symlinks, /etc/passwd and /etc/group, CMD ["/bin/sh"];
// - berth-test/layered:1, FROM base with the legacy builder: RUN (files, one of
//   them 256 KiB), COPY, a RUN that deletes a directory (whiteout `.wh.remove`),
//   re-creates another (opaque directory `.wh..wh..opq`) and overwrites a file;
//   ENV, LABEL, EXPOSE 8080, WORKDIR /app, CMD httpd on 8080.
// Each carries a label `berth.fixture` with a hash of its recipe: an image whose
// label matches is reused, so a warm start builds nothing.
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getJson, getStream, request } from './http';
import { run } from './process';

export const IMAGES = { base: 'berth-test/base:1', layered: 'berth-test/layered:1' } as const;
/** How the fixtures are named in Podman's storage. */
export const PODMAN_IMAGES = { base: `localhost/${IMAGES.base}`, layered: `localhost/${IMAGES.layered}` } as const;

const RECIPE_VERSION = '1';
const APPLETS = [
  'sh', 'ash', 'ls', 'cat', 'echo', 'sleep', 'httpd', 'mkdir', 'rm', 'rmdir', 'cp', 'mv', 'ln', 'touch', 'chmod',
  'chown', 'env', 'id', 'ps', 'top', 'kill', 'hostname', 'true', 'false', 'grep', 'sed', 'head', 'tail', 'wc',
  'date', 'du', 'df', 'find', 'tar', 'wget', 'nc', 'printf', 'test', 'uname', 'whoami', 'yes', 'dd', 'sync',
  'stat', 'pwd', 'seq', 'tee', 'vi', 'which', 'xargs', 'sha256sum', 'timeout',
];
const ETC_FILES: Record<string, string> = {
  'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
  'etc/group': 'root:x:0:\nnogroup:x:65534:\n',
  'var/www/index.html': '<!doctype html><title>berth</title><p>berth test base image</p>\n',
};
const HELLO = 'hello from a COPY layer\n';

function dockerfile(baseHash: string, hash: string): string {
  return `FROM ${IMAGES.base}
LABEL berth.fixture="${hash}" org.opencontainers.image.title="Berth layered fixture" berth.base="${baseHash}"
ENV GREETING=hello BERTH_FIXTURE=layered
RUN mkdir -p /data/keep /data/remove /opt/opaque \\
 && echo kept > /data/keep/a.txt \\
 && head -c 262144 /dev/zero > /data/remove/big.bin \\
 && echo small > /data/remove/small.txt \\
 && echo old > /opt/opaque/old.txt
COPY hello.txt /app/hello.txt
RUN rm -rf /data/remove \\
 && echo changed > /data/keep/a.txt \\
 && rm -rf /opt/opaque && mkdir /opt/opaque && echo new > /opt/opaque/new.txt
EXPOSE 8080/tcp
WORKDIR /app
CMD ["httpd", "-f", "-p", "8080", "-h", "/app"]
`;
}

function recipeHashes(): { base: string; layered: string } {
  const base = createHash('sha256')
    .update(RECIPE_VERSION)
    .update(readFileSync('/bin/busybox'))
    .update(JSON.stringify([APPLETS, ETC_FILES]))
    .digest('hex')
    .slice(0, 16);
  const layered = createHash('sha256').update(base).update(dockerfile(base, '')).update(HELLO).digest('hex').slice(0, 16);
  return { base, layered };
}

async function labelOf(target: { socketPath: string }, path: string): Promise<string | undefined> {
  try {
    const image = await getJson<{ Config?: { Labels?: Record<string, string> | null } }>(target, path);
    return image.Config?.Labels?.['berth.fixture'];
  } catch {
    return undefined;
  }
}

/** Builds the fixture images in the Docker engine unless up to date. */
export async function ensureDockerFixtures(dockerSocket: string, dockerConfig: string, workDir: string): Promise<void> {
  const target = { socketPath: dockerSocket };
  const hashes = recipeHashes();
  const env = { DOCKER_HOST: `unix://${dockerSocket}`, DOCKER_CONFIG: dockerConfig, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' };
  const baseOk = (await labelOf(target, `/images/${IMAGES.base}/json`)) === hashes.base;
  if (!baseOk) {
    rmSync(workDir, { recursive: true, force: true });
    const rootfs = join(workDir, 'rootfs');
    for (const d of ['bin', 'etc', 'root', 'tmp', 'var/www', 'proc', 'sys', 'dev']) mkdirSync(join(rootfs, d), { recursive: true });
    chmodSync(join(rootfs, 'tmp'), 0o1777);
    chmodSync(join(rootfs, 'root'), 0o700);
    copyFileSync('/bin/busybox', join(rootfs, 'bin/busybox'));
    chmodSync(join(rootfs, 'bin/busybox'), 0o755);
    for (const applet of APPLETS) symlinkSync('busybox', join(rootfs, 'bin', applet));
    for (const [path, content] of Object.entries(ETC_FILES)) writeFileSync(join(rootfs, path), content, { mode: 0o644 });
    const tarball = join(workDir, 'rootfs.tar');
    await run('tar', ['-C', rootfs, '--numeric-owner', '--owner=0', '--group=0', '--sort=name', '-cf', tarball, '.']);
    await run(
      'docker',
      [
        'import',
        '-c', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        '-c', `LABEL berth.fixture=${hashes.base}`,
        '-c', 'CMD ["/bin/sh"]',
        '-m', 'berth-test base: static busybox',
        tarball,
        IMAGES.base,
      ],
      { env },
    );
  }
  const layeredOk = baseOk && (await labelOf(target, `/images/${IMAGES.layered}/json`)) === hashes.layered;
  if (!layeredOk) {
    const context = join(workDir, 'layered');
    rmSync(context, { recursive: true, force: true });
    mkdirSync(context, { recursive: true });
    writeFileSync(join(context, 'Dockerfile'), dockerfile(hashes.base, hashes.layered));
    writeFileSync(join(context, 'hello.txt'), HELLO);
    await run('docker', ['build', '-q', '--rm', '--force-rm', '-t', IMAGES.layered, context], { env, timeoutMs: 300_000 });
    // Superseded fixture builds are left untagged: drop them.
    await request(target, 'POST', '/images/prune?filters=' + encodeURIComponent('{"dangling":["true"]}'));
  }
  rmSync(workDir, { recursive: true, force: true });
}

/** Loads the fixture images from the Docker engine into Podman unless up to date. */
export async function ensurePodmanFixtures(dockerSocket: string, podmanSocket: string): Promise<void> {
  const podman = { socketPath: podmanSocket };
  const hashes = recipeHashes();
  const current =
    (await labelOf(podman, `/v4.0.0/libpod/images/${PODMAN_IMAGES.base}/json`)) === hashes.base &&
    (await labelOf(podman, `/v4.0.0/libpod/images/${PODMAN_IMAGES.layered}/json`)) === hashes.layered;
  if (current) return;
  for (const name of Object.values(PODMAN_IMAGES)) {
    await request(podman, 'DELETE', `/v4.0.0/libpod/images/${name}?force=true`);
  }
  const names = Object.values(IMAGES).map((n) => `names=${encodeURIComponent(n)}`).join('&');
  const archive = await getStream({ socketPath: dockerSocket }, `/images/get?${names}`);
  const res = await request(podman, 'POST', '/v4.0.0/libpod/images/load', archive, 120_000);
  if (res.status !== 200) throw new Error(`podman: loading the fixture images failed: ${res.status} ${res.body.trim()}`);
}
