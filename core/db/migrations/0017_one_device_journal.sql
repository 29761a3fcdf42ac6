-- migrate: foreign-keys-off
-- One device journal: sales and reversals move from hardware_operations into device_operations,
-- so every operation that writes to a card or a meter is one row in one table (decision 0021).
-- Kinds as the office says them: a sale to a card (or training's simulated meters) is 'cardSale',
-- a sale sent over the line is 'remoteRecharge', a reversal stays 'reversal'. The journal keeps
-- which device it writes to (`target`) for every kind, and the meter each row is about, taken
-- from the purchase itself (the account may have moved to another meter since).
--
-- SQLite cannot change a table's columns or CHECKs in place, so the table is built again (the
-- standard twelve steps, foreign keys off for this file; the runner checks them before commit):
-- renaming hardware_operations to device_operations first makes sales and reversals refer to the
-- new name, then the table of that name is rebuilt with their ids kept. The balance presets of
-- 0015 follow with new ids (nothing refers to them).
ALTER TABLE device_operations RENAME TO device_operations_0015;
DROP INDEX device_operations_pending;
ALTER TABLE hardware_operations RENAME TO device_operations;
DROP INDEX hardware_operations_pending;

CREATE TABLE device_operations_next (
  id           INTEGER PRIMARY KEY,
  operation_id TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL,
  -- The device written to: a card on the office's reader, a meter over the office's line, or
  -- training's simulated meters.
  target       TEXT NOT NULL CHECK (target IN ('card', 'remote', 'simulated')),
  meter_id     INTEGER REFERENCES meters (id),
  account_id   INTEGER REFERENCES accounts (id),
  state        TEXT NOT NULL CHECK (state IN ('pending', 'committed', 'voided')),
  payload      TEXT NOT NULL CHECK (json_valid(payload)),
  outcome      TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
  operator_id  INTEGER NOT NULL REFERENCES operators (id),
  created_at   TEXT NOT NULL,
  resolved_at  TEXT
) STRICT;

INSERT INTO device_operations_next
  (id, operation_id, kind, target, meter_id, account_id, state, payload, outcome, operator_id, created_at, resolved_at)
SELECT h.id, h.operation_id,
       CASE WHEN h.kind = 'reversal' THEN 'reversal'
            WHEN h.target = 'remote' THEN 'remoteRecharge'
            ELSE 'cardSale' END,
       h.target,
       (SELECT m.id FROM meters m WHERE m.meter_no = json_extract(h.payload, '$.meterNo')),
       h.account_id, h.state, h.payload, h.outcome, h.operator_id, h.created_at, h.resolved_at
  FROM device_operations h ORDER BY h.id;

INSERT INTO device_operations_next
  (operation_id, kind, target, meter_id, account_id, state, payload, outcome, operator_id, created_at, resolved_at)
SELECT operation_id, kind, 'remote', meter_id, account_id, state, payload, outcome, operator_id, created_at, resolved_at
  FROM device_operations_0015 ORDER BY id;

DROP TABLE device_operations;
DROP TABLE device_operations_0015;
ALTER TABLE device_operations_next RENAME TO device_operations;

-- "Is anything unsettled on this account / this meter?" is asked before every sale, refund and
-- command on it.
CREATE INDEX device_operations_pending_account ON device_operations (account_id) WHERE state = 'pending';
CREATE INDEX device_operations_pending_meter ON device_operations (meter_id) WHERE state = 'pending';
