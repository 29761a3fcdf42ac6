// Operators table: the SQL for operators lives here and nowhere else.
import type { OperatorView } from '../../shared/api/types';
import type { Language } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import { prepared, type Db } from '../db/open';
import type { PermissionStore } from './permissionStore';

export interface OperatorRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  language: Language | null;
  createdAt: string;
  lastLoginAt: string | null;
}

interface Row {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: number;
  language: Language | null;
  created_at: string;
  last_login_at: string | null;
}

const fromRow = (r: Row): OperatorRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  active: r.active === 1,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  mustChangePassword: r.must_change_password === 1,
  language: r.language,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
});

export function toOperatorView(
  op: OperatorRecord,
  now: Date,
  permissions: PermissionStore,
): OperatorView {
  const locked = op.lockedUntil !== null && new Date(op.lockedUntil) > now;
  const own = permissions.exceptionsOf(op.id);
  return {
    id: op.id,
    username: op.username,
    displayName: op.displayName,
    role: op.role,
    active: op.active,
    lockedUntil: locked ? op.lockedUntil : null,
    mustChangePassword: op.mustChangePassword,
    lastLoginAt: op.lastLoginAt,
    createdAt: op.createdAt,
    granted: [...own.granted],
    withheld: [...own.withheld],
    permissions: permissions.of(op, own),
  };
}

export class OperatorStore {
  constructor(private readonly db: Db) {}

  count(): number {
    return prepared<{ n: number }>(this.db, 'SELECT count(*) AS n FROM operators').get()!.n;
  }

  countActiveAdmins(): number {
    return prepared<{ n: number }>(
      this.db,
      "SELECT count(*) AS n FROM operators WHERE role = 'admin' AND active = 1",
    ).get()!.n;
  }

  byId(id: number): OperatorRecord | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM operators WHERE id = ?').get(id);
    return row && fromRow(row);
  }

  /** The first administrator set up: who the office's own scheduled work is done as. */
  firstAdmin(): OperatorRecord | undefined {
    const row = prepared<Row>(
      this.db,
      "SELECT * FROM operators WHERE role = 'admin' ORDER BY id LIMIT 1",
    ).get();
    return row && fromRow(row);
  }

  byUsername(username: string): OperatorRecord | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM operators WHERE username = ?').get(username);
    return row && fromRow(row);
  }

  list(): OperatorRecord[] {
    return prepared<Row>(this.db, 'SELECT * FROM operators ORDER BY id').all().map(fromRow);
  }

  usernameTaken(username: string): boolean {
    return (
      prepared(this.db, 'SELECT 1 FROM operators WHERE username = ?').get(username) !== undefined
    );
  }

  insert(op: {
    username: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    mustChangePassword: boolean;
    createdAt: string;
  }): OperatorRecord {
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO operators (username, display_name, role, password_hash, must_change_password, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      op.username,
      op.displayName,
      op.role,
      op.passwordHash,
      op.mustChangePassword ? 1 : 0,
      op.createdAt,
    );
    return this.byId(Number(lastInsertRowid))!;
  }

  update(
    id: number,
    changes: Partial<Pick<OperatorRecord, 'displayName' | 'role' | 'active' | 'language'>>,
  ): void {
    const current = this.byId(id);
    if (!current) return;
    const next = { ...current, ...changes };
    prepared(
      this.db,
      'UPDATE operators SET display_name = ?, role = ?, active = ?, language = ? WHERE id = ?',
    ).run(next.displayName, next.role, next.active ? 1 : 0, next.language, id);
  }

  setPassword(id: number, passwordHash: string, mustChange: boolean): void {
    prepared(
      this.db,
      'UPDATE operators SET password_hash = ?, must_change_password = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?',
    ).run(passwordHash, mustChange ? 1 : 0, id);
  }

  /**
   * Counts one password attempt before it is checked, in one statement so parallel guesses cannot
   * all read the same count: the attempt that reaches `max` locks the operator until `lockUntil`.
   * Null when the operator is locked now (the attempt is not made). A lock that has run out
   * starts the count again.
   */
  claimAttempt(
    id: number,
    max: number,
    now: string,
    lockUntil: string,
  ): { failedAttempts: number; lockedUntil: string | null } | null {
    const row = prepared<{ failed_attempts: number; locked_until: string | null }>(
      this.db,
      `UPDATE operators
          SET failed_attempts = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END,
              locked_until = CASE
                WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END) >= :max
                THEN :lockUntil ELSE NULL END
        WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now)
        RETURNING failed_attempts, locked_until`,
    ).get({ id, max, now, lockUntil });
    return row ? { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until } : null;
  }

  recordLogin(id: number, at: string): void {
    prepared(
      this.db,
      'UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE id = ?',
    ).run(at, id);
  }

  unlock(id: number): void {
    prepared(
      this.db,
      'UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?',
    ).run(id);
  }
}
