-- The books: customers, meters, tariffs with dated versions, accounts, the hardware-operation
-- journal, sales and gap-free receipt numbers. Money in fen, prices in 1e-4 yuan/kWh, energy in
-- 0.01 kWh, times as UTC ISO strings.

CREATE TABLE customers (
  id            INTEGER PRIMARY KEY,
  customer_no   TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  -- Search keys from the name: pinyin initials ("xbk" for 星巴克) and full pinyin, lower case.
  name_initials TEXT NOT NULL,
  name_pinyin   TEXT NOT NULL,
  shop_unit     TEXT NOT NULL DEFAULT '',
  floor         TEXT NOT NULL DEFAULT '',
  area          TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE meters (
  id              INTEGER PRIMARY KEY,
  meter_no        TEXT NOT NULL CHECK (length(meter_no) = 12 AND meter_no NOT GLOB '*[^0-9]*'),
  -- 0 for a whole meter; 1..36 for one circuit of an ADF300 multi-user box.
  circuit         INTEGER NOT NULL DEFAULT 0 CHECK (circuit BETWEEN 0 AND 36),
  model           TEXT NOT NULL CHECK (model IN ('DDSY1352', 'DTSY1352', 'DDSY1352-NK', 'DTSY1352-NK', 'ADF300', 'ADM100')),
  kind            TEXT NOT NULL CHECK (kind IN ('card', 'nk', 'remote')),
  phases          INTEGER NOT NULL CHECK (phases IN (1, 3)),
  ct_ratio        INTEGER NOT NULL DEFAULT 1 CHECK (ct_ratio >= 1),
  installed_at    TEXT,
  install_reading INTEGER NOT NULL DEFAULT 0 CHECK (install_reading >= 0),
  state           TEXT NOT NULL DEFAULT 'in_stock' CHECK (state IN ('in_stock', 'in_service', 'replaced', 'removed')),
  created_at      TEXT NOT NULL,
  UNIQUE (meter_no, circuit)
) STRICT;

CREATE TABLE tariffs (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

-- A tariff's prices over time: the version in force at a moment is the latest one whose
-- effective_from is not after it. Versions are never edited, so history stays true.
CREATE TABLE tariff_versions (
  id             INTEGER PRIMARY KEY,
  tariff_id      INTEGER NOT NULL REFERENCES tariffs (id),
  effective_from TEXT NOT NULL,
  definition     TEXT NOT NULL CHECK (json_valid(definition)),
  created_by     INTEGER REFERENCES operators (id),
  created_at     TEXT NOT NULL,
  UNIQUE (tariff_id, effective_from)
) STRICT;

CREATE TABLE accounts (
  id                  INTEGER PRIMARY KEY,
  account_no          TEXT NOT NULL UNIQUE,
  customer_id         INTEGER NOT NULL REFERENCES customers (id),
  meter_id            INTEGER NOT NULL REFERENCES meters (id),
  tariff_id           INTEGER NOT NULL REFERENCES tariffs (id),
  state               TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'suspended', 'closed')),
  -- N of the last committed purchase, and M the meter is known to have loaded.
  purchase_count      INTEGER NOT NULL DEFAULT 0 CHECK (purchase_count >= 0),
  loaded_count        INTEGER NOT NULL DEFAULT 0 CHECK (loaded_count >= 0),
  total_purchased_fen INTEGER NOT NULL DEFAULT 0 CHECK (total_purchased_fen >= 0),
  meter_remaining_fen INTEGER,
  meter_remaining_at  TEXT,
  opened_at           TEXT NOT NULL,
  opened_by           INTEGER REFERENCES operators (id),
  closed_at           TEXT
) STRICT;

-- One meter serves one open account at a time.
CREATE UNIQUE INDEX accounts_open_meter ON accounts (meter_id) WHERE state <> 'closed';
CREATE INDEX accounts_customer ON accounts (customer_id);

-- The hardware-operation journal (ARCHITECTURE.md): written pending before the card or meter is
-- touched, resolved to committed or voided after it was read back.
CREATE TABLE hardware_operations (
  id           INTEGER PRIMARY KEY,
  operation_id TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('sale', 'reversal')),
  target       TEXT NOT NULL CHECK (target IN ('card', 'remote', 'simulated')),
  account_id   INTEGER NOT NULL REFERENCES accounts (id),
  state        TEXT NOT NULL CHECK (state IN ('pending', 'committed', 'voided')),
  payload      TEXT NOT NULL CHECK (json_valid(payload)),
  outcome      TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
  operator_id  INTEGER NOT NULL REFERENCES operators (id),
  created_at   TEXT NOT NULL,
  resolved_at  TEXT
) STRICT;

CREATE INDEX hardware_operations_pending ON hardware_operations (account_id) WHERE state = 'pending';

-- Receipt numbers are handed out in order inside the transaction that records the pending sale,
-- so they have no gaps; a voided one stays, printed as void, and is never reused.
CREATE TABLE receipts (
  receipt_no    INTEGER PRIMARY KEY CHECK (receipt_no > 0),
  status        TEXT NOT NULL CHECK (status IN ('reserved', 'issued', 'void')),
  created_at    TEXT NOT NULL,
  print_count   INTEGER NOT NULL DEFAULT 0,
  last_printed_at TEXT
) STRICT;

CREATE TABLE sales (
  id                INTEGER PRIMARY KEY,
  operation_id      INTEGER NOT NULL UNIQUE REFERENCES hardware_operations (id),
  account_id        INTEGER NOT NULL REFERENCES accounts (id),
  receipt_no        INTEGER NOT NULL UNIQUE REFERENCES receipts (receipt_no),
  amount_fen        INTEGER NOT NULL CHECK (amount_fen > 0),
  energy            INTEGER NOT NULL CHECK (energy >= 0),
  price             INTEGER NOT NULL CHECK (price > 0),
  tariff_version_id INTEGER NOT NULL REFERENCES tariff_versions (id),
  purchase_count    INTEGER NOT NULL CHECK (purchase_count > 0),
  payment_method    TEXT NOT NULL CHECK (payment_method IN ('cash', 'wechat', 'alipay', 'bank_card')),
  operator_id       INTEGER NOT NULL REFERENCES operators (id),
  status            TEXT NOT NULL CHECK (status IN ('pending', 'committed', 'voided', 'reversed')),
  created_at        TEXT NOT NULL,
  committed_at      TEXT
) STRICT;

-- By account and purchase count: "what has the meter not loaded yet" is a short range scan.
CREATE INDEX sales_account ON sales (account_id, purchase_count);
CREATE INDEX sales_created ON sales (created_at);
CREATE INDEX sales_operator ON sales (operator_id, created_at);

-- Reversals (冲正): taking back a sale the meter has not loaded, by rewriting the card to what it
-- held before. Journaled like a sale, with its own voucher number.
CREATE TABLE reversals (
  id           INTEGER PRIMARY KEY,
  operation_id INTEGER NOT NULL UNIQUE REFERENCES hardware_operations (id),
  sale_id      INTEGER NOT NULL REFERENCES sales (id),
  receipt_no   INTEGER NOT NULL UNIQUE REFERENCES receipts (receipt_no),
  reason       TEXT NOT NULL,
  operator_id  INTEGER NOT NULL REFERENCES operators (id),
  status       TEXT NOT NULL CHECK (status IN ('pending', 'committed', 'voided')),
  created_at   TEXT NOT NULL,
  committed_at TEXT
) STRICT;

-- A sale is reversed at most once (a voided attempt does not count).
CREATE UNIQUE INDEX reversals_once ON reversals (sale_id) WHERE status <> 'voided';
