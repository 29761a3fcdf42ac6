-- The RS485 meter line: how NK meters get their purchases, relay commands and the readings taken
-- over it.
--
-- An NK meter takes its purchases either straight over the office's RS485 line (remote recharge)
-- or, in a locked meter room, from the ACRT terminal the tenant puts the card into; then the office
-- sells onto the tenant's card as for a card meter.
ALTER TABLE meters ADD COLUMN via_acrt INTEGER NOT NULL DEFAULT 0 CHECK (via_acrt IN (0, 1));

-- NK meters speak DL/T 645-2007 or Modbus-RTU, chosen per device; a Modbus meter has a unit
-- address (1–247) set on it, its DL/T 645 address stays its meter number.
ALTER TABLE meters ADD COLUMN protocol TEXT NOT NULL DEFAULT 'dlt645' CHECK (protocol IN ('dlt645', 'modbus'));
ALTER TABLE meters ADD COLUMN modbus_unit INTEGER CHECK (modbus_unit IS NULL OR modbus_unit BETWEEN 1 AND 247);
--
-- A relay command (拉闸 / 合闸 / 保电) or a parameter push (money limits, the tariff) is journaled:
-- written 'pending' before the frame goes out, 'done' once the meter answered and what it holds
-- was read back, 'failed' when the meter refused or never answered (nothing is assumed then).
CREATE TABLE meter_commands (
  id          INTEGER PRIMARY KEY,
  meter_id    INTEGER NOT NULL REFERENCES meters (id),
  command     TEXT NOT NULL CHECK (command IN ('trip', 'allowClose', 'keepPower', 'setLimits', 'setTariff')),
  reason      TEXT NOT NULL,
  -- What a parameter push sends (limits in fen, prices and segments), as JSON.
  detail      TEXT CHECK (detail IS NULL OR json_valid(detail)),
  state       TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
  error       TEXT,
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  created_at  TEXT NOT NULL,
  resolved_at TEXT
) STRICT;

CREATE INDEX meter_commands_meter ON meter_commands (meter_id, id);

-- One reading of a meter over the line (by hand on the meters page, or by polling): the history
-- that consumption checks and the low-credit alarms read. Values the meter did not give are NULL.
CREATE TABLE meter_readings (
  id                 INTEGER PRIMARY KEY,
  meter_id           INTEGER NOT NULL REFERENCES meters (id),
  read_at            TEXT NOT NULL,
  energy             INTEGER,
  remaining_fen      INTEGER,
  purchase_count     INTEGER,
  cumulative_fen     INTEGER,
  relay              TEXT CHECK (relay IS NULL OR relay IN ('open', 'closed'))
) STRICT;

CREATE INDEX meter_readings_meter ON meter_readings (meter_id, read_at);

-- Alarms the line raises (报警记录): credit running low on a meter, a meter that stopped
-- answering the poll. One open alarm per meter and kind; it clears itself when the cause is gone
-- (credit bought, the meter answers again) and stays in the records, acknowledged or not.
CREATE TABLE meter_alarms (
  id              INTEGER PRIMARY KEY,
  meter_id        INTEGER NOT NULL REFERENCES meters (id),
  account_id      INTEGER REFERENCES accounts (id),
  kind            TEXT NOT NULL CHECK (kind IN ('low-credit', 'no-answer')),
  remaining_fen   INTEGER,
  raised_at       TEXT NOT NULL,
  cleared_at      TEXT,
  acknowledged_at TEXT,
  acknowledged_by INTEGER REFERENCES operators (id),
  note            TEXT
) STRICT;

CREATE UNIQUE INDEX meter_alarms_open ON meter_alarms (meter_id, kind) WHERE cleared_at IS NULL;
CREATE INDEX meter_alarms_raised ON meter_alarms (raised_at);
