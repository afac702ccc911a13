// The desktop app's SecretStore: Electron's safeStorage encrypts each value
// with a key the OS keeps (Keychain, DPAPI, Secret Service/KWallet). Where
// the OS offers no real keychain (Linux without one falls back to a fixed
// key, 'basic_text'), secrets stay in memory for the run instead: a
// well-known key is no protection, and the UI says they are not kept.
import { safeStorage } from 'electron';
import { encryptedFileStore } from '../main/secrets/encrypted-file-store';
import { memoryStore, type SecretStore } from '../main/secrets/secret-store';

export function electronKeychain(dataDir: string): SecretStore {
  const linuxBackend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  if (!safeStorage.isEncryptionAvailable() || linuxBackend === 'basic_text' || linuxBackend === 'unknown') return memoryStore();
  return encryptedFileStore(dataDir, {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (blob) => safeStorage.decryptString(blob),
  });
}
