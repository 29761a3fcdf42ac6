-- migrate: foreign-keys-off
-- 批量充值 (decision 0022): one amount, or the month's free allowance, recharged by the office to
-- a set of NK meters. The batch and the accounts it was started for are kept, so a crash or a
-- cancel leaves a batch that is finished later, never started again from the top. Each member's
-- recharge is a sale paid by the office ('grant': no cash, no shift, not in the takings), journaled
-- as a 'batchRecharge', and the schema itself refuses a second live one for the same member of the
-- same batch, and a second free allowance for an account in the same month.
CREATE TABLE recharge_batches (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('amount', 'allowance')),
  -- What every member gets, for 'amount'; an allowance is priced per account (its own tariff).
  amount_fen      INTEGER CHECK (amount_fen IS NULL OR amount_fen > 0),
  -- The office month ('YYYY-MM') an allowance is for.
  allowance_month TEXT CHECK (allowance_month IS NULL OR allowance_month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  reason          TEXT NOT NULL,
  operator_id     INTEGER NOT NULL REFERENCES operators (id),
  state           TEXT NOT NULL CHECK (state IN ('running', 'finished')),
  created_at      TEXT NOT NULL,
  finished_at     TEXT,
  CHECK ((kind = 'amount') = (amount_fen IS NOT NULL)),
  CHECK ((kind = 'allowance') = (allowance_month IS NOT NULL))
) STRICT;

-- The accounts a batch was started for, fixed at its start, with what each is to get.
CREATE TABLE recharge_batch_members (
  batch_id   INTEGER NOT NULL REFERENCES recharge_batches (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  position   INTEGER NOT NULL,
  PRIMARY KEY (batch_id, account_id)
) STRICT;

-- The sales table again (SQLite cannot change a CHECK in place), ids kept, with the office's
-- grant as a way of paying and the batch a grant belongs to.
CREATE TABLE sales_next (
  id                      INTEGER PRIMARY KEY,
  -- The device write that delivered it; none for a sale to an account the office bills itself
  -- (主站计费, migration 0022): its money stays in the books.
  operation_id            INTEGER UNIQUE REFERENCES device_operations (id),
  account_id              INTEGER NOT NULL REFERENCES accounts (id),
  receipt_no              INTEGER NOT NULL UNIQUE REFERENCES receipts (receipt_no),
  amount_fen              INTEGER NOT NULL CHECK (amount_fen > 0),
  energy                  INTEGER NOT NULL CHECK (energy >= 0),
  price                   INTEGER NOT NULL CHECK (price > 0),
  tariff_version_id       INTEGER NOT NULL REFERENCES tariff_versions (id),
  purchase_count          INTEGER NOT NULL CHECK (purchase_count > 0),
  payment_method          TEXT NOT NULL CHECK (payment_method IN ('cash', 'wechat', 'alipay', 'bank_card', 'grant')),
  operator_id             INTEGER NOT NULL REFERENCES operators (id),
  status                  TEXT NOT NULL CHECK (status IN ('pending', 'committed', 'voided', 'reversed')),
  created_at              TEXT NOT NULL,
  committed_at            TEXT,
  shift_id                INTEGER REFERENCES shifts (id),
  tendered_fen            INTEGER CHECK (tendered_fen IS NULL OR tendered_fen >= amount_fen),
  meter_balance_after_fen INTEGER,
  meter_balance_at        TEXT,
  batch_id                INTEGER REFERENCES recharge_batches (id),
  allowance_month         TEXT,
  -- A grant belongs to a batch, and only a grant does; it takes no cash and no shift.
  CHECK ((payment_method = 'grant') = (batch_id IS NOT NULL)),
  CHECK (batch_id IS NULL OR (shift_id IS NULL AND tendered_fen IS NULL)),
  CHECK (allowance_month IS NULL OR batch_id IS NOT NULL),
  -- A grant always goes to a meter over the line.
  CHECK (operation_id IS NOT NULL OR batch_id IS NULL)
) STRICT;

INSERT INTO sales_next
  (id, operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count,
   payment_method, operator_id, status, created_at, committed_at, shift_id, tendered_fen,
   meter_balance_after_fen, meter_balance_at)
SELECT id, operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count,
       payment_method, operator_id, status, created_at, committed_at, shift_id, tendered_fen,
       meter_balance_after_fen, meter_balance_at
  FROM sales ORDER BY id;

DROP TABLE sales;
ALTER TABLE sales_next RENAME TO sales;

CREATE INDEX sales_account ON sales (account_id, purchase_count);
CREATE INDEX sales_created ON sales (created_at);
CREATE INDEX sales_operator ON sales (operator_id, created_at);
CREATE INDEX sales_shift ON sales (shift_id);
-- At most one live recharge per member of a batch, and one free allowance per account a month:
-- a voided attempt (the meter did not take it) may be tried again, nothing else may.
CREATE UNIQUE INDEX sales_batch_member ON sales (batch_id, account_id)
  WHERE batch_id IS NOT NULL AND status <> 'voided';
CREATE UNIQUE INDEX sales_allowance_month ON sales (account_id, allowance_month)
  WHERE allowance_month IS NOT NULL AND status <> 'voided';
