-- Permission sets (操作权限): a role is an editable set of permissions, and an administrator may
-- grant or withhold single permissions for one operator. Seeded with what the three fixed roles
-- allowed before (shared/permissions.ts ROLE_DEFAULTS; a test holds the two together). The names
-- are checked by the app, not here: a permission added later comes with its own migration.

CREATE TABLE role_permissions (
  role       TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'admin')),
  permission TEXT NOT NULL,
  PRIMARY KEY (role, permission)
) STRICT, WITHOUT ROWID;

-- An operator's own exceptions to their role's set: granted (1) or withheld (0).
CREATE TABLE operator_permissions (
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  permission  TEXT NOT NULL,
  granted     INTEGER NOT NULL CHECK (granted IN (0, 1)),
  PRIMARY KEY (operator_id, permission)
) STRICT, WITHOUT ROWID;

INSERT INTO role_permissions (role, permission) VALUES
  ('cashier', 'sell'),
  ('cashier', 'reverse'),
  ('cashier', 'refund'),
  ('cashier', 'accounts.open'),
  ('cashier', 'cards.lost'),
  ('cashier', 'meters.read'),
  ('cashier', 'reports'),
  ('supervisor', 'sell'),
  ('supervisor', 'reverse'),
  ('supervisor', 'refund'),
  ('supervisor', 'accounts.open'),
  ('supervisor', 'cards.lost'),
  ('supervisor', 'meters.read'),
  ('supervisor', 'reports'),
  ('supervisor', 'approve'),
  ('supervisor', 'reverse.any'),
  ('supervisor', 'shifts.oversee'),
  ('supervisor', 'accounts.lifecycle'),
  ('supervisor', 'customers.import'),
  ('supervisor', 'tariffs'),
  ('supervisor', 'cards.management'),
  ('supervisor', 'meters.control'),
  ('supervisor', 'meters.batch'),
  ('supervisor', 'inspection'),
  ('supervisor', 'devices'),
  ('supervisor', 'journal.abandon'),
  ('supervisor', 'audit'),
  ('supervisor', 'backups'),
  ('admin', 'sell'),
  ('admin', 'reverse'),
  ('admin', 'refund'),
  ('admin', 'accounts.open'),
  ('admin', 'cards.lost'),
  ('admin', 'meters.read'),
  ('admin', 'reports'),
  ('admin', 'approve'),
  ('admin', 'reverse.any'),
  ('admin', 'shifts.oversee'),
  ('admin', 'accounts.lifecycle'),
  ('admin', 'customers.import'),
  ('admin', 'tariffs'),
  ('admin', 'cards.management'),
  ('admin', 'meters.control'),
  ('admin', 'meters.batch'),
  ('admin', 'inspection'),
  ('admin', 'devices'),
  ('admin', 'journal.abandon'),
  ('admin', 'audit'),
  ('admin', 'backups'),
  ('admin', 'backups.restore'),
  ('admin', 'settings'),
  ('admin', 'operators');
