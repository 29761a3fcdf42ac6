-- The RS485 meter line: relay commands and the readings taken over it.
--
-- A relay command (拉闸 / 合闸 / 保电) is journaled like a sale: written 'pending' before the frame
-- goes out, 'done' once the meter answered and its status word was read back, 'failed' when the
-- meter refused or never answered (then nothing is assumed about the relay).
CREATE TABLE meter_commands (
  id          INTEGER PRIMARY KEY,
  meter_id    INTEGER NOT NULL REFERENCES meters (id),
  command     TEXT NOT NULL CHECK (command IN ('trip', 'allowClose', 'keepPower')),
  reason      TEXT NOT NULL,
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
