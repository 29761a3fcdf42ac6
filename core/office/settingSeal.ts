// A setting that must not sit in the ledger as typed (the SMS gateway's AccessKey secret): sealed
// with AES-256-GCM under a key derived from the office secret. The ledger and its backups then
// hold it only as strongly as they hold the office secret itself — OS-sealed on the desktop, and
// never inside a backup (decision 0041) — and a backup restored on the office's own replacement
// PC, with its secret moved over, opens it again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

const keyFor = (officeSecret: Buffer, purpose: string) =>
  Buffer.from(
    hkdfSync('sha256', officeSecret, Buffer.alloc(0), `powertill/setting/${purpose}/v1`, 32),
  );

/** The text sealed: `v1:` and base64 of nonce, tag and ciphertext. */
export function sealSetting(officeSecret: Buffer, purpose: string, clear: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(officeSecret, purpose), nonce);
  // The purpose is bound in as associated data too: a sealed value moved to another setting fails.
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return `${FORMAT}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')}`;
}

/**
 * The text again; null when it was sealed under another office secret (a ledger moved to a PC
 * whose secret differs) or is not a sealed value at all: the setting then reads as not set.
 */
export function unsealSetting(
  officeSecret: Buffer,
  purpose: string,
  sealed: string,
): string | null {
  const [format, data] = sealed.split(':');
  if (format !== FORMAT || !data) return null;
  const raw = Buffer.from(data, 'base64');
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFor(officeSecret, purpose),
      raw.subarray(0, 12),
    );
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
