-- Refunds (退费) and the account's life after opening: suspension (报停), resumption, closing (销户).
--
-- A refund pays a tenant back money that sits on the meter as credit. It is bounded by what the
-- meter was last seen to hold (card write-back, RS485 reading, or a reading typed off the meter's
-- display), less what earlier refunds already paid out of that credit. The meter keeps the credit
-- until a clear card or a remote command takes it off, so the account remembers what is still
-- owed off the meter; inspection treats that credit as not the tenant's.

CREATE TABLE refunds (
  id                  INTEGER PRIMARY KEY,
  account_id          INTEGER NOT NULL REFERENCES accounts (id),
  -- refund: on its own; suspension / closing: paid as part of that change of state.
  kind                TEXT NOT NULL CHECK (kind IN ('refund', 'suspension', 'closing')),
  amount_fen          INTEGER NOT NULL CHECK (amount_fen > 0),
  payment_method      TEXT NOT NULL CHECK (payment_method IN ('cash', 'wechat', 'alipay', 'bank_card')),
  reason              TEXT NOT NULL CHECK (length(reason) > 0),
  -- The basis of the amount: what the meter held, where that figure came from, and when.
  meter_remaining_fen INTEGER NOT NULL CHECK (meter_remaining_fen >= 0),
  remaining_source    TEXT NOT NULL CHECK (remaining_source IN ('meter', 'manual')),
  remaining_at        TEXT NOT NULL,
  receipt_no          INTEGER NOT NULL UNIQUE REFERENCES receipts (receipt_no),
  operator_id         INTEGER NOT NULL REFERENCES operators (id),
  -- The supervisor who approved it: the operator themself when a supervisor refunds.
  approved_by         INTEGER NOT NULL REFERENCES operators (id),
  shift_id            INTEGER REFERENCES shifts (id),
  created_at          TEXT NOT NULL
) STRICT;

CREATE INDEX refunds_account ON refunds (account_id);
CREATE INDEX refunds_created ON refunds (created_at);
CREATE INDEX refunds_shift ON refunds (shift_id);

-- Each change of an account's state, with the meter reading it was made on.
CREATE TABLE account_events (
  id                  INTEGER PRIMARY KEY,
  account_id          INTEGER NOT NULL REFERENCES accounts (id),
  kind                TEXT NOT NULL CHECK (kind IN ('suspended', 'resumed', 'closed')),
  reason              TEXT NOT NULL,
  -- Final reading in 0.01 kWh and the credit the meter held, when the change was read off it.
  meter_reading       INTEGER CHECK (meter_reading IS NULL OR meter_reading >= 0),
  meter_remaining_fen INTEGER CHECK (meter_remaining_fen IS NULL OR meter_remaining_fen >= 0),
  refund_id           INTEGER REFERENCES refunds (id),
  operator_id         INTEGER NOT NULL REFERENCES operators (id),
  created_at          TEXT NOT NULL
) STRICT;

CREATE INDEX account_events_account ON account_events (account_id);

-- Refunded credit the meter still holds until a clear card or remote command takes it off.
ALTER TABLE accounts ADD COLUMN meter_credit_owed_fen INTEGER NOT NULL DEFAULT 0 CHECK (meter_credit_owed_fen >= 0);
