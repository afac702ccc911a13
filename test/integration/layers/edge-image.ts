// A purpose-built image with every case layer stacking must get right, and
// the reference it must match: `docker export` of a container created from it,
// listed by Python's tarfile (a parser that is not ours).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, dockerWith } from '../../env';
import type { TestEnv } from '../../env/types';

const LONG_DIR = 'L'.repeat(120);
const LONG_FILE = 'n'.repeat(120);
const LONG_TARGET = `/w/${'t'.repeat(150)}`;

// Legacy builder: one layer per RUN, as the engine diffs them through overlay2.
const DOCKERFILE = (base: string) => `FROM ${base}
RUN mkdir -p /w/dir2file /w/opq/sub /w/${LONG_DIR} \\
 && echo child > /w/dir2file/child \\
 && echo plain > /w/file2dir \\
 && echo a > /w/opq/a && echo b > /w/opq/sub/b \\
 && echo linked > /w/hl-orig && ln /w/hl-orig /w/hl-link && ln /w/hl-orig /w/a-hl \\
 && ln -s ../etc/passwd /w/sym && ln -s ${LONG_TARGET} /w/long-sym \\
 && echo long > /w/${LONG_DIR}/${LONG_FILE} \\
 && echo gone > /w/gone.txt && echo same > /w/rewritten \\
 && /bin/busybox mkfifo /w/fifo && /bin/busybox mknod /w/null c 1 3 \\
 && echo raw > "$(printf '/w/caf\\351')"
RUN rm -rf /w/dir2file && echo now-a-file > /w/dir2file \\
 && rm /w/file2dir && mkdir /w/file2dir && echo c > /w/file2dir/c \\
 && rm -rf /w/opq && mkdir /w/opq && echo a2 > /w/opq/a \\
 && rm /w/gone.txt /w/a-hl && echo same > /w/rewritten
CMD ["/bin/sh"]
`;

export async function buildEdgeImage(env: TestEnv, tag: string): Promise<void> {
  const context = mkdtempSync(join(tmpdir(), 'berth-layers-'));
  try {
    writeFileSync(join(context, 'Dockerfile'), DOCKERFILE(env.images.base));
    await dockerWith(env, { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000 }, 'build', '-q', '--label', 'berth.test=layers', '-t', tag, context);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

export interface Listed {
  path: string;
  type: string;
  size: number;
  linkTarget: string;
}

const LIST_TAR = `
import json, sys, tarfile
types = {tarfile.REGTYPE: 'file', tarfile.AREGTYPE: 'file', tarfile.DIRTYPE: 'dir', tarfile.SYMTYPE: 'symlink', tarfile.LNKTYPE: 'hardlink',
         tarfile.CHRTYPE: 'char', tarfile.BLKTYPE: 'block', tarfile.FIFOTYPE: 'fifo'}
out = []
def clean(n):
    while n.startswith('./'): n = n[2:]
    n = n.strip('/')
    return '' if n == '.' else n
with tarfile.open(sys.argv[1], mode='r|') as t:
    for m in t:
        name = clean(m.name)
        if not name: continue
        link = '/' + clean(m.linkname) if m.islnk() else m.linkname
        out.append({'path': '/' + name, 'type': types[m.type], 'size': m.size, 'linkTarget': link})
json.dump(out, sys.stdout)
`;

/** Lists a tar file with Python's tarfile. */
export function listTar(path: string): Promise<Listed[]> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', LIST_TAR, path], { maxBuffer: 1 << 28, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`listing ${path}: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as Listed[]),
    );
  });
}

/** What the engine adds to every container's root filesystem (its init layer), which is no image's content. */
const INIT_LAYER = ['/.dockerenv', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/etc/mtab', '/dev/console', '/dev/pts', '/dev/shm'];

/** `docker export` of a container created (not started) from the image, without the init layer. */
export async function exportedRoot(env: TestEnv, image: string, dir: string): Promise<Listed[]> {
  const id = await docker(env, 'create', '--label', 'berth.test=layers', image);
  try {
    const file = join(dir, `${id}.tar`);
    await docker(env, 'export', '-o', file, id);
    return (await listTar(file)).filter((e) => !INIT_LAYER.some((p) => e.path === p || e.path.startsWith(`${p}/`)));
  } finally {
    await docker(env, 'rm', '-f', id);
  }
}

export { LONG_DIR, LONG_FILE, LONG_TARGET };
