// The office secret: 32 random bytes made at first run, the root from which card keys are
// derived. It lives in the ledger (so backups carry it) and leaves the PC only encrypted under
// an admin's passphrase, for moving the office to a replacement PC.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { prepared, type Db } from '../db/open';

const FILE_FORMAT = 'powertill-office-secret';
const KDF = { N: 1 << 15, r: 8, p: 1 };

export interface StoredSecret {
  secret: Buffer;
  fingerprint: string;
  createdAt: string;
}

/** A short, readable hash to compare two PCs' secrets by eye (never the secret itself). */
export function fingerprintOf(secret: Buffer): string {
  const hex = createHash('sha256').update('powertill/fingerprint/v1').update(secret).digest('hex');
  return (hex.slice(0, 16).toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/**
 * The operating system's key store, where one is (Electron safeStorage: DPAPI on Windows,
 * libsecret / kwallet on Linux): what it seals only this OS user on this PC can unseal.
 */
export interface SecretSealer {
  seal(secret: Buffer): Buffer;
  unseal(sealed: Buffer): Buffer;
}

const ZERO = Buffer.alloc(32);

export class OfficeSecretStore {
  private cached: StoredSecret | undefined;

  /** With a sealer the secret is kept OS-sealed (and a clear one found is sealed at once). */
  constructor(
    private readonly db: Db,
    private readonly sealer: SecretSealer | null = null,
  ) {}

  read(): StoredSecret | undefined {
    const row = prepared<{
      secret: Buffer;
      sealed: Buffer | null;
      fingerprint: string;
      created_at: string;
    }>(
      this.db,
      'SELECT secret, sealed, fingerprint, created_at FROM office_secret WHERE id = 1',
    ).get();
    if (!row) return undefined;
    if (this.cached?.fingerprint === row.fingerprint && this.cached.createdAt === row.created_at)
      return this.cached;
    let secret: Buffer;
    if (row.sealed) {
      if (!this.sealer) throw new AppError('SECRET_SEALED_BY_OS');
      try {
        secret = this.sealer.unseal(row.sealed);
      } catch {
        throw new AppError('SECRET_SEALED_BY_OS');
      }
    } else secret = row.secret;
    const stored = { secret, fingerprint: row.fingerprint, createdAt: row.created_at };
    // A secret kept in clear by an earlier version (or by the browser host) is sealed now.
    if (!row.sealed && this.sealer && !secret.equals(ZERO))
      this.store(secret, new Date(row.created_at));
    this.cached = stored;
    return stored;
  }

  create(at: Date): StoredSecret {
    return this.store(randomBytes(32), at);
  }

  store(secret: Buffer, at: Date): StoredSecret {
    const fingerprint = fingerprintOf(secret);
    const sealed = this.sealer ? this.sealer.seal(secret) : null;
    prepared(
      this.db,
      `INSERT INTO office_secret (id, secret, sealed, fingerprint, created_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET secret = excluded.secret, sealed = excluded.sealed,
         fingerprint = excluded.fingerprint, created_at = excluded.created_at`,
    ).run(sealed ? ZERO : secret, sealed, fingerprint, at.toISOString());
    this.cached = undefined;
    return { secret, fingerprint, createdAt: at.toISOString() };
  }

  /** How the secret is kept here, for the settings page and diagnostics. */
  protection(): 'os-sealed' | 'file-modes' {
    return this.sealer ? 'os-sealed' : 'file-modes';
  }
}

interface SecretFile {
  format: typeof FILE_FORMAT;
  version: 1;
  fingerprint: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; iv: string; tag: string; data: string };
}

/**
 * The file's own KDF parameters are accepted only near ours: a crafted file must not make the
 * import run for minutes or take gigabytes (p = 400, or N = 2^20 with r = 64, did). At most four
 * times our cost, in memory (128·N·r bytes ≤ 64 MiB) and in work.
 */
export function kdfAcceptable(kdf: { N: unknown; r: unknown; p: unknown }): boolean {
  const { N, r, p } = kdf;
  if (!Number.isInteger(N) || !Number.isInteger(r) || !Number.isInteger(p)) return false;
  const [n, rr, pp] = [N as number, r as number, p as number];
  const powerOfTwo = n >= 2 && (n & (n - 1)) === 0;
  return (
    powerOfTwo &&
    rr >= 1 &&
    pp >= 1 &&
    128 * n * rr <= 4 * 128 * KDF.N * KDF.r &&
    n * rr * pp <= 4 * KDF.N * KDF.r * KDF.p
  );
}

/** Off the event loop (libuv's thread pool), so other tills' calls go on meanwhile. */
function keyFor(passphrase: string, salt: Buffer, kdf = KDF): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { ...kdf, maxmem: 256 * kdf.N * kdf.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export async function encryptSecret(secret: Buffer, passphrase: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await keyFor(passphrase, salt), iv);
  cipher.setAAD(Buffer.from(FILE_FORMAT));
  const data = Buffer.concat([cipher.update(secret), cipher.final()]);
  const file: SecretFile = {
    format: FILE_FORMAT,
    version: 1,
    fingerprint: fingerprintOf(secret),
    kdf: { name: 'scrypt', ...KDF, salt: salt.toString('base64') },
    cipher: {
      name: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    },
  };
  return JSON.stringify(file, null, 2);
}

export async function decryptSecret(content: string, passphrase: string): Promise<Buffer> {
  let file: SecretFile;
  try {
    file = JSON.parse(content) as SecretFile;
  } catch {
    throw new AppError('SECRET_FILE_INVALID');
  }
  if (
    file?.format !== FILE_FORMAT ||
    file.version !== 1 ||
    file.kdf?.name !== 'scrypt' ||
    file.cipher?.name !== 'aes-256-gcm' ||
    !kdfAcceptable(file.kdf) ||
    typeof file.kdf.salt !== 'string'
  ) {
    throw new AppError('SECRET_FILE_INVALID');
  }
  try {
    const key = await keyFor(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.iv, 'base64'));
    decipher.setAAD(Buffer.from(FILE_FORMAT));
    decipher.setAuthTag(Buffer.from(file.cipher.tag, 'base64'));
    const secret = Buffer.concat([
      decipher.update(Buffer.from(file.cipher.data, 'base64')),
      decipher.final(),
    ]);
    if (secret.length !== 32) throw new Error('bad length');
    return secret;
  } catch {
    throw new AppError('SECRET_PASSPHRASE_WRONG');
  }
}
