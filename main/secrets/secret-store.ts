// Where Berth keeps secrets the user asked it to remember: SSH key passphrases
// and passwords, registry logins. One small interface, chosen by whoever starts
// Berth: the desktop app passes the OS keychain store (native/electron-keychain:
// values encrypted with Electron's safeStorage, blobs in the app's data folder);
// `berth serve` has no keychain and passes memoryStore(), so secrets last for
// the run only, which `persistence` lets the UI say. Keys are names chosen by
// the caller ("ssh/<host>/password", "registry/<server>"); values are never
// logged, written in plain text, nor sent to the renderer.

export interface SecretStore {
  /** 'keychain': encrypted on disk by the OS; 'memory': gone when Berth stops. */
  readonly persistence: 'keychain' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** Forgets the key; forgetting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Forgets every key starting with prefix (a removed host's secrets). */
  deletePrefix(prefix: string): Promise<void>;
}

/** Keys are short names, never the secret itself: checked so a value passed as a key fails loudly. */
export function checkKey(key: string): void {
  if (!/^[A-Za-z0-9._:@/+-]{1,256}$/.test(key)) throw new Error(`"${key.slice(0, 40)}" is not a secret key: use letters, digits and . _ : @ / + - (up to 256).`);
}

export function memoryStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    persistence: 'memory',
    get: async (key) => (checkKey(key), values.get(key) ?? null),
    set: async (key, value) => {
      checkKey(key);
      values.set(key, value);
    },
    delete: async (key) => {
      checkKey(key);
      values.delete(key);
    },
    deletePrefix: async (prefix) => {
      for (const key of [...values.keys()]) if (key.startsWith(prefix)) values.delete(key);
    },
  };
}
