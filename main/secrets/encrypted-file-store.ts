// A SecretStore kept in one file of the app's data folder, each value encrypted
// by a cipher the OS provides (Electron's safeStorage: Keychain on macOS, DPAPI
// on Windows, the Secret Service or KWallet on Linux). The file holds only
// ciphertext; nothing is written until a secret is remembered.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic';
import { checkKey, type SecretStore } from './secret-store';

export interface Cipher {
  encrypt(plain: string): Buffer;
  decrypt(blob: Buffer): string;
}

interface SecretsFile {
  version: 1;
  /** key → base64 ciphertext */
  secrets: Record<string, string>;
}

export function encryptedFileStore(dataDir: string, cipher: Cipher): SecretStore {
  const file = join(dataDir, 'secrets.json');
  // Writes are chained so two remembers at once never lose one another.
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<SecretsFile> => {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<SecretsFile>;
      return { version: 1, secrets: parsed.secrets ?? {} };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw new Error(`The saved secrets in ${file} cannot be read (${(err as Error).message}); move the file away to start afresh.`, { cause: err });
    }
  };
  const change = (edit: (secrets: Record<string, string>) => boolean) => {
    const next = queue.then(async () => {
      const current = await read();
      if (edit(current.secrets)) await writeFileAtomic(file, `${JSON.stringify(current, null, 2)}\n`);
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    persistence: 'keychain',
    async get(key) {
      checkKey(key);
      await queue;
      const blob = (await read()).secrets[key];
      if (blob === undefined) return null;
      try {
        return cipher.decrypt(Buffer.from(blob, 'base64'));
      } catch {
        // Encrypted under another OS login or keyring: as good as forgotten; the user is asked again.
        return null;
      }
    },
    async set(key, value) {
      checkKey(key);
      const blob = cipher.encrypt(value).toString('base64');
      await change((secrets) => {
        secrets[key] = blob;
        return true;
      });
    },
    async delete(key) {
      checkKey(key);
      await change((secrets) => key in secrets && delete secrets[key]);
    },
    async deletePrefix(prefix) {
      await change((secrets) => {
        const gone = Object.keys(secrets).filter((k) => k.startsWith(prefix));
        for (const k of gone) delete secrets[k];
        return gone.length > 0;
      });
    },
  };
}
