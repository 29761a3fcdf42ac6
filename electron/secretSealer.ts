// The office secret sealed at rest by the OS through Electron's safeStorage: DPAPI on Windows,
// the desktop keyring (libsecret / kwallet) on Linux. Where safeStorage has no real key store (a
// Linux desktop without a keyring falls back to a key built into Chromium, "basic_text"), there is
// nothing to gain, and the secret stays protected by the data folder's modes (decision 0017).
import type { SafeStorage } from 'electron';
import type { SecretSealer } from '../core/office/secretStore';

export function osSecretSealer(
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
  >,
  platform = process.platform,
): SecretSealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    return undefined;
  return {
    seal: (secret) => safeStorage.encryptString(secret.toString('base64')),
    unseal: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
