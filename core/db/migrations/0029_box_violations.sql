-- 违规记录 read from the dorm boxes (issue 18): what a circuit's box says it cut or was forced to,
-- kept once each by the box's running number (and its clock, so a box cleared or replaced and
-- counting from 1 again is not taken for records already kept), with the account it was on.
CREATE TABLE box_violations (
  id         INTEGER PRIMARY KEY,
  meter_id   INTEGER NOT NULL REFERENCES meters (id),
  account_id INTEGER REFERENCES accounts (id),
  seq        INTEGER NOT NULL CHECK (seq > 0),
  kind       TEXT NOT NULL CHECK (kind IN ('malignantLoad', 'overPower', 'forcedOff', 'forcedOn')),
  -- The box's clock, office wall-clock "YYYY-MM-DD hh:mm"; when the office read it (UTC).
  at         TEXT NOT NULL,
  power_w    INTEGER NOT NULL CHECK (power_w >= 0),
  read_at    TEXT NOT NULL,
  UNIQUE (meter_id, seq, at)
) STRICT;

CREATE INDEX box_violations_meter ON box_violations (meter_id, id);

-- A finding comes from a meter's report or from a box's violation record, never both.
CREATE TABLE inspection_findings_kept AS SELECT * FROM inspection_findings;
DROP TABLE inspection_findings;
CREATE TABLE inspection_findings (
  id              INTEGER PRIMARY KEY,
  report_id       INTEGER REFERENCES meter_reports (id),
  meter_id        INTEGER NOT NULL REFERENCES meters (id),
  account_id      INTEGER REFERENCES accounts (id),
  rule            TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'notice')),
  details         TEXT NOT NULL CHECK (json_valid(details)),
  found_at        TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by INTEGER REFERENCES operators (id),
  note            TEXT,
  violation_id    INTEGER UNIQUE REFERENCES box_violations (id),
  CHECK ((report_id IS NULL) <> (violation_id IS NULL)),
  UNIQUE (report_id, rule)
) STRICT;
INSERT INTO inspection_findings
  (id, report_id, meter_id, account_id, rule, severity, details, found_at, acknowledged_at,
   acknowledged_by, note)
  SELECT id, report_id, meter_id, account_id, rule, severity, details, found_at, acknowledged_at,
         acknowledged_by, note
  FROM inspection_findings_kept;
DROP TABLE inspection_findings_kept;
CREATE INDEX inspection_findings_open ON inspection_findings (acknowledged_at, id);
CREATE INDEX inspection_findings_meter ON inspection_findings (meter_id);
