-- Meters on the RS485 line report to inspection (用电检查) too: once an office day a polled
-- reading goes into meter_reports as source 'bus-reading', so the consumption rule sees a meter's
-- daily use without anyone carrying a card. SQLite cannot change a CHECK in place: meter_reports
-- is built again with the wider CHECK, and inspection_findings (which refers to it) with it, rows
-- and ids kept, inside this migration's one transaction.
CREATE TABLE meter_reports_next (
  id                   INTEGER PRIMARY KEY,
  meter_id             INTEGER NOT NULL REFERENCES meters (id),
  account_id           INTEGER REFERENCES accounts (id),
  source               TEXT NOT NULL CHECK (source IN ('write-back', 'check-card', 'bus-reading')),
  -- The card the report came on; empty for a reading over the line.
  card_no              TEXT NOT NULL,
  loaded_count         INTEGER NOT NULL,
  remaining_fen        INTEGER NOT NULL,
  cumulative_energy    INTEGER NOT NULL,
  illegal_insert_count INTEGER NOT NULL,
  tamper_flags         INTEGER NOT NULL,
  -- The meter's clock when it wrote (office wall-clock text), and when the office read it (UTC).
  written_at           TEXT,
  read_at              TEXT NOT NULL,
  UNIQUE (meter_id, written_at, loaded_count, cumulative_energy)
) STRICT;
INSERT INTO meter_reports_next SELECT * FROM meter_reports;

CREATE TABLE inspection_findings_kept AS SELECT * FROM inspection_findings;
DROP TABLE inspection_findings;
DROP TABLE meter_reports;
ALTER TABLE meter_reports_next RENAME TO meter_reports;
CREATE INDEX meter_reports_meter ON meter_reports (meter_id, id);

CREATE TABLE inspection_findings (
  id              INTEGER PRIMARY KEY,
  report_id       INTEGER NOT NULL REFERENCES meter_reports (id),
  meter_id        INTEGER NOT NULL REFERENCES meters (id),
  account_id      INTEGER REFERENCES accounts (id),
  rule            TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'notice')),
  details         TEXT NOT NULL CHECK (json_valid(details)),
  found_at        TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by INTEGER REFERENCES operators (id),
  note            TEXT,
  UNIQUE (report_id, rule)
) STRICT;
INSERT INTO inspection_findings SELECT * FROM inspection_findings_kept;
DROP TABLE inspection_findings_kept;
CREATE INDEX inspection_findings_open ON inspection_findings (acknowledged_at, id);
CREATE INDEX inspection_findings_meter ON inspection_findings (meter_id);
