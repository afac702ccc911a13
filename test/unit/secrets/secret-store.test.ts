// The secret stores: what a remembered secret looks like on disk (ciphertext
// only, in the folder given, nothing before the first remember) and in memory.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encryptedFileStore, type Cipher } from '../../../main/secrets/encrypted-file-store';
import { memoryStore } from '../../../main/secrets/secret-store';

/** A real cipher (AES-256-GCM under a key of the test's own), as safeStorage would be with the OS's key. */
function aesCipher(key = randomBytes(32)): Cipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(blob) {
      const d = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
      d.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('the keychain store (encrypted file)', () => {
  it('keeps only ciphertext, in the data folder, readable by the owner alone, and across runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-secrets-'));
    const cipher = aesCipher();
    const store = encryptedFileStore(dir, cipher);
    expect(store.persistence).toBe('keychain');
    expect(await store.get('ssh/box/password')).toBeNull();
    expect(await readdir(dir)).toEqual([]);

    await Promise.all([store.set('ssh/box/password', 'correct horse'), store.set('registry/ghcr.io', 'tok-123')]);
    const text = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(text).not.toContain('correct horse');
    expect(text).not.toContain('tok-123');
    expect((await stat(join(dir, 'secrets.json'))).mode & 0o077).toBe(0);

    const nextRun = encryptedFileStore(dir, cipher);
    expect(await nextRun.get('ssh/box/password')).toBe('correct horse');
    expect(await nextRun.get('registry/ghcr.io')).toBe('tok-123');
  });

  it('forgets one key, or a removed host’s keys, and treats a blob it cannot decrypt as forgotten', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-secrets-'));
    const store = encryptedFileStore(dir, aesCipher());
    await store.set('ssh/a/password', 'p1');
    await store.set('ssh/a/passphrase', 'p2');
    await store.set('ssh/b/password', 'p3');
    await store.delete('ssh/b/password');
    await store.delete('ssh/never/password');
    expect(await store.get('ssh/b/password')).toBeNull();
    await store.deletePrefix('ssh/a/');
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8')).secrets).toEqual({});

    await store.set('ssh/c/password', 'p4');
    expect(await encryptedFileStore(dir, aesCipher()).get('ssh/c/password')).toBeNull();
  });

  it('refuses a key that looks like a value, without echoing it whole', async () => {
    const store = encryptedFileStore(await mkdtemp(join(tmpdir(), 'berth-secrets-')), aesCipher());
    await expect(store.set('my password is hunter2 and more text here to cut', 'x')).rejects.toThrow(/is not a secret key/);
    await expect(store.set('my password is hunter2 and more text here to cut', 'x')).rejects.not.toThrow(/to cut/);
  });
});

describe('the memory store (berth serve)', () => {
  it('says it keeps nothing past the run, and remembers within it', async () => {
    const store = memoryStore();
    expect(store.persistence).toBe('memory');
    await store.set('ssh/x/password', 'pw');
    expect(await store.get('ssh/x/password')).toBe('pw');
    await store.deletePrefix('ssh/x/');
    expect(await store.get('ssh/x/password')).toBeNull();
  });
});
