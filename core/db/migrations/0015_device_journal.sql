-- The device journal: one table for every operation that writes to a card or a meter, each
-- recorded pending before the device is touched and resolved (committed or voided) from what the
-- device reads back, in the transaction that books its effect. Its first kind is the balance preset
-- of an NK meter (taking refunded credit off it); sales, reversals, card writes and the line's
-- commands move into it kind by kind (decision 0021), so `kind` is checked by the engine's own
-- list (core/journal/deviceJournal.ts), not by a CHECK that would need a table rebuild per kind.
CREATE TABLE device_operations (
  id           INTEGER PRIMARY KEY,
  operation_id TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL,
  meter_id     INTEGER REFERENCES meters (id),
  account_id   INTEGER REFERENCES accounts (id),
  state        TEXT NOT NULL CHECK (state IN ('pending', 'committed', 'voided')),
  payload      TEXT NOT NULL CHECK (json_valid(payload)),
  outcome      TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
  operator_id  INTEGER NOT NULL REFERENCES operators (id),
  created_at   TEXT NOT NULL,
  resolved_at  TEXT
) STRICT;

-- "Is anything still unsettled on this meter?" is asked before every sale and refund on it.
CREATE INDEX device_operations_pending ON device_operations (meter_id) WHERE state = 'pending';
