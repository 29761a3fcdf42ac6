// The sealed backup file: a copy of the ledger that neither leaks nor can be forged. The office
// secret is not in it (its row is zeroed; the backup names the secret's fingerprint only), and
// the whole file, manifest and database alike, is authenticated by HMAC-SHA256 under a key
// derived from the office secret, which only the office's own PCs hold. See
// docs/decisions/0017-sealed-backups-and-keyed-audit.md.
//
// Layout: "POWERTILL-BACKUP 1\n" | manifest length (u32 BE) | manifest (UTF-8 JSON) |
//         the SQLite database | HMAC-SHA256 of everything before it (32 bytes).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { BackupManifest } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';

export const MAGIC = Buffer.from('POWERTILL-BACKUP 1\n');
const MAC_BYTES = 32;
const CHUNK = 1 << 20;
/** A manifest is a few kB; anything far larger is not one of ours. */
const MAX_MANIFEST = 1 << 20;

/** The key that seals this office's backups, derived from (never equal to) the office secret. */
export function backupKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'powertill/backup-mac/v1', 32));
}

/** Reads a file in chunks (without holding it all in memory), handing each to `use`. */
async function eachChunk(
  handle: fs.promises.FileHandle,
  from: number,
  to: number,
  use: (chunk: Buffer) => void | Promise<void>,
): Promise<void> {
  const buffer = Buffer.alloc(CHUNK);
  for (let at = from; at < to;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, to - at), at);
    if (bytesRead === 0) throw new AppError('BACKUP_TAMPERED');
    await use(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
}

/** Writes `database` with its manifest into `target`, sealed under `key`. */
export async function sealBackup(
  database: string,
  manifest: BackupManifest,
  key: Buffer,
  target: string,
): Promise<void> {
  const header = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const mac = createHmac('sha256', key);
  const source = await fs.promises.open(database, 'r');
  const out = await fs.promises.open(target, 'wx', 0o600);
  try {
    for (const part of [MAGIC, length, header]) {
      mac.update(part);
      await out.write(part);
    }
    const { size } = await source.stat();
    await eachChunk(source, 0, size, async (chunk) => {
      mac.update(chunk);
      await out.write(chunk);
    });
    await out.write(mac.digest());
    await out.sync();
  } finally {
    await source.close();
    await out.close();
  }
}

export interface OpenedBackup {
  manifest: BackupManifest;
  /** Writes the database out of the backup into `target` (after the seal was checked). */
  extract(target: string): Promise<void>;
}

/** The manifest as the file states it, before the seal is checked (to tell foreign from forged). */
async function readManifest(
  handle: fs.promises.FileHandle,
  size: number,
): Promise<{ manifest: BackupManifest; databaseAt: number }> {
  const head = Buffer.alloc(MAGIC.length + 4);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  if (bytesRead < head.length || !head.subarray(0, MAGIC.length).equals(MAGIC))
    throw new AppError('BACKUP_UNSEALED');
  const length = head.readUInt32BE(MAGIC.length);
  const databaseAt = head.length + length;
  if (length > MAX_MANIFEST || databaseAt + MAC_BYTES > size) throw new AppError('BACKUP_TAMPERED');
  const text = Buffer.alloc(length);
  await handle.read(text, 0, length, head.length);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text.toString('utf8')) as BackupManifest;
  } catch {
    throw new AppError('BACKUP_TAMPERED');
  }
  if (manifest?.format !== 'powertill-backup' || typeof manifest.fingerprint !== 'string')
    throw new AppError('BACKUP_TAMPERED');
  return { manifest, databaseAt };
}

/**
 * Opens a sealed backup for this office: refuses a file that is not one (BACKUP_UNSEALED), one
 * made under another office's secret (BACKUP_FOREIGN) and one changed in any byte
 * (BACKUP_TAMPERED). Only then is its manifest believed.
 */
export async function openSealedBackup(
  file: string,
  key: Buffer,
  fingerprint: string,
): Promise<OpenedBackup> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const { manifest, databaseAt } = await readManifest(handle, size);
    if (manifest.fingerprint !== fingerprint)
      throw new AppError('BACKUP_FOREIGN', { theirs: manifest.fingerprint, ours: fingerprint });
    const mac = createHmac('sha256', key);
    const end = size - MAC_BYTES;
    await eachChunk(handle, 0, end, (chunk) => void mac.update(chunk));
    const stated = Buffer.alloc(MAC_BYTES);
    await handle.read(stated, 0, MAC_BYTES, end);
    if (!timingSafeEqual(mac.digest(), stated)) throw new AppError('BACKUP_TAMPERED');
    return {
      manifest,
      async extract(target) {
        // Sealed again while copied: the file may not be swapped between the check and the copy.
        const source = await fs.promises.open(file, 'r');
        const out = await fs.promises.open(target, 'w', 0o600);
        const again = createHmac('sha256', key);
        try {
          await eachChunk(source, 0, databaseAt, (chunk) => void again.update(chunk));
          await eachChunk(source, databaseAt, end, async (chunk) => {
            again.update(chunk);
            await out.write(chunk);
          });
          await out.sync();
        } finally {
          await source.close();
          await out.close();
        }
        if (!timingSafeEqual(again.digest(), stated)) {
          fs.rmSync(target, { force: true });
          throw new AppError('BACKUP_TAMPERED');
        }
      },
    };
  } finally {
    await handle.close();
  }
}
