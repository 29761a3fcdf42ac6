-- Foundation: office settings, the office secret, operators and the append-only audit log.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- The root of the card keys. Kept in the ledger so that every backup carries it.
CREATE TABLE office_secret (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  secret      BLOB NOT NULL CHECK (length(secret) = 32),
  fingerprint TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE operators (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'admin')),
  password_hash        TEXT NOT NULL,
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts      INTEGER NOT NULL DEFAULT 0,
  locked_until         TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  -- NULL: no preference of their own; the PC's language applies.
  language             TEXT CHECK (language IN ('zh-CN', 'en')),
  created_at           TEXT NOT NULL,
  last_login_at        TEXT
) STRICT;

-- Every mutation, refused or done. Each row's hash covers its content and the previous hash,
-- so an edit anywhere breaks the chain from there on.
CREATE TABLE audit_log (
  seq           INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  operator_id   INTEGER,
  operator_name TEXT,
  method        TEXT NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
  detail        TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
