-- Management cards (管理卡) and inspection (用电检查).
--
-- A management card is made 'making' before the card is touched and 'made' once it reads back as
-- written; a pulled card leaves 'making', settled when the card is next read. The plastic is
-- reused: making it again keeps its card number (and so its PSC) and starts a new row; the older
-- rows of that number are 'superseded'. What meters wrote on it is taken in when it is read.
CREATE TABLE management_cards (
  id          INTEGER PRIMARY KEY,
  card_no     TEXT NOT NULL CHECK (length(card_no) = 12 AND card_no NOT GLOB '*[^0-9]*'),
  kind        TEXT NOT NULL CHECK (kind IN ('parameter', 'check', 'clear', 'test', 'meterChange', 'timeSet')),
  status      TEXT NOT NULL CHECK (status IN ('making', 'made', 'void', 'superseded', 'erased')),
  -- What the office put on the card (the order), and what meters answered on it.
  contents    TEXT NOT NULL CHECK (json_valid(contents)),
  results     TEXT CHECK (results IS NULL OR json_valid(results)),
  account_id  INTEGER REFERENCES accounts (id),
  replacement_id INTEGER REFERENCES meter_replacements (id),
  made_at     TEXT NOT NULL,
  made_by     INTEGER NOT NULL REFERENCES operators (id),
  status_at   TEXT NOT NULL,
  read_at     TEXT
) STRICT;

CREATE INDEX management_cards_no ON management_cards (card_no);
CREATE UNIQUE INDEX management_cards_one_current ON management_cards (card_no)
  WHERE status IN ('making', 'made');

-- What a meter reported about itself: a check card's record or a user card's write-back.
-- One row per report (a card read twice does not report twice).
CREATE TABLE meter_reports (
  id                   INTEGER PRIMARY KEY,
  meter_id             INTEGER NOT NULL REFERENCES meters (id),
  account_id           INTEGER REFERENCES accounts (id),
  source               TEXT NOT NULL CHECK (source IN ('write-back', 'check-card')),
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

CREATE INDEX meter_reports_meter ON meter_reports (meter_id, id);

-- What the inspection rules found in a report, until a supervisor acknowledges it.
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

CREATE INDEX inspection_findings_open ON inspection_findings (acknowledged_at, id);
CREATE INDEX inspection_findings_meter ON inspection_findings (meter_id);
