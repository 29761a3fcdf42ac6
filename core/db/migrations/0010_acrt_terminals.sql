-- ACRT recharge terminals on the office's line, and what their recharge logs said.
--
-- The office writes each terminal the binding table (which card recharges which meter) and reads
-- its recharge log back; each log record is kept once (by its place in the terminal's log) with
-- what the ledger makes of it: matched (a committed sale of that count and money), not in the
-- ledger, money different, another meter, or no purchase (a write-back only, an old card, a
-- refusal).
CREATE TABLE acrt_terminals (
  id             INTEGER PRIMARY KEY,
  address        TEXT NOT NULL UNIQUE CHECK (length(address) = 12 AND address NOT GLOB '*[^0-9]*'),
  name           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  bindings_at    TEXT,
  bindings_count INTEGER,
  log_read_at    TEXT
) STRICT;

CREATE TABLE acrt_log (
  id             INTEGER PRIMARY KEY,
  terminal_id    INTEGER NOT NULL REFERENCES acrt_terminals (id),
  seq            INTEGER NOT NULL CHECK (seq > 0),
  at             TEXT NOT NULL,
  card_no        TEXT NOT NULL,
  meter_no       TEXT NOT NULL,
  purchase_count INTEGER NOT NULL,
  amount_fen     INTEGER NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('recharged', 'write-back-only', 'old-card', 'refused')),
  account_id     INTEGER REFERENCES accounts (id),
  status         TEXT NOT NULL CHECK (status IN ('matched', 'not-in-ledger', 'amount-differs', 'other-meter', 'no-purchase')),
  read_at        TEXT NOT NULL,
  UNIQUE (terminal_id, seq)
) STRICT;
