// The office secret at rest: sealed by the OS key store where the shell has one, in clear (behind
// the data folder's modes) where it has none, and never silently unreadable.
import fs from 'node:fs';
import path from 'node:path';
import type { AppError } from '../../shared/errors';
import { loadMigrations, migrate } from '../db/migrate';
import { openDatabase, type Db } from '../db/open';
import { migrationsDir } from '../paths';
import { tempDir } from '../testing';
import { OfficeSecretStore, type SecretSealer } from './secretStore';

/** An OS key store stand-in that also counts how often it was asked. */
function fakeSealer(): SecretSealer & { sealed: number } {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0xa5));
  const sealer = {
    sealed: 0,
    seal: (secret: Buffer) => {
      sealer.sealed += 1;
      return Buffer.concat([Buffer.from('OS1'), flip(secret)]);
    },
    unseal: (sealed: Buffer) => {
      if (!sealed.subarray(0, 3).equals(Buffer.from('OS1'))) throw new Error('not ours');
      return flip(sealed.subarray(3));
    },
  };
  return sealer;
}

describe('the office secret store', () => {
  let dir: string;
  let db: Db;
  const at = new Date('2026-12-01T02:00:00Z');
  const row = () =>
    db.prepare('SELECT secret, sealed FROM office_secret').get() as {
      secret: Buffer;
      sealed: Buffer | null;
    };
  beforeEach(async () => {
    dir = tempDir();
    db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: loadMigrations(migrationsDir()), backupDir: dir });
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the secret sealed by the OS, with no clear copy in the database', () => {
    const store = new OfficeSecretStore(db, fakeSealer());
    const made = store.create(at);
    expect(row().secret.equals(Buffer.alloc(32))).toBe(true);
    expect(row().sealed!.includes(made.secret)).toBe(false);
    expect(new OfficeSecretStore(db, fakeSealer()).read()!.secret.equals(made.secret)).toBe(true);
  });

  it('seals a secret an earlier version kept in clear, the first time the desktop app reads it', () => {
    const made = new OfficeSecretStore(db).create(at);
    expect(row()).toEqual({ secret: made.secret, sealed: null });
    const sealer = fakeSealer();
    expect(new OfficeSecretStore(db, sealer).read()!.secret.equals(made.secret)).toBe(true);
    expect(sealer.sealed).toBe(1);
    expect(row().secret.equals(Buffer.alloc(32))).toBe(true);
  });

  it('says so, rather than handing out zeroes, where the OS-sealed secret cannot be unsealed', () => {
    new OfficeSecretStore(db, fakeSealer()).create(at);
    const refuse = (store: OfficeSecretStore) => {
      try {
        store.read();
      } catch (error) {
        return (error as AppError).code;
      }
      return 'read';
    };
    // The browser host (no key store), and another OS user's key store.
    expect(refuse(new OfficeSecretStore(db))).toBe('SECRET_SEALED_BY_OS');
    const other: SecretSealer = {
      seal: (s) => s,
      unseal: () => {
        throw new Error('denied');
      },
    };
    expect(refuse(new OfficeSecretStore(db, other))).toBe('SECRET_SEALED_BY_OS');
  });
});
