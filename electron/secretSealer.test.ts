// Which PCs seal the office secret with the OS key store, and that a sealed secret comes back.
import { osSecretSealer } from './secretSealer';

jest.mock('electron', () => ({}));

/** A stand-in for safeStorage: XOR with a per-user key, as far as the tests need. */
function fakeSafeStorage(available: boolean, backend: string) {
  const key = 0x5a;
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as never,
    encryptString: (text: string) => xor(Buffer.from(text, 'utf8')),
    decryptString: (sealed: Buffer) => xor(sealed).toString('utf8'),
  };
}

describe('the OS secret sealer', () => {
  it('seals on Windows (DPAPI) and on Linux with a keyring, and unseals to the same secret', () => {
    for (const [platform, backend] of [
      ['win32', 'unknown'],
      ['linux', 'gnome_libsecret'],
      ['linux', 'kwallet5'],
    ] as const) {
      const sealer = osSecretSealer(fakeSafeStorage(true, backend), platform)!;
      const secret = Buffer.alloc(32, 7);
      const sealed = sealer.seal(secret);
      expect(sealed.includes(secret)).toBe(false);
      expect(sealer.unseal(sealed).equals(secret)).toBe(true);
    }
  });

  it('does not pretend where there is no real key store', () => {
    expect(osSecretSealer(fakeSafeStorage(false, 'unknown'), 'win32')).toBeUndefined();
    expect(osSecretSealer(fakeSafeStorage(true, 'basic_text'), 'linux')).toBeUndefined();
  });
});
