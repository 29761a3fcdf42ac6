-- Shifts (班次): an operator's takings from sign-in to hand-over (交班), counted against what the
-- books expect per payment method.

CREATE TABLE shifts (
  id          INTEGER PRIMARY KEY,
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  state       TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  opened_at   TEXT NOT NULL,
  closed_at   TEXT,
  -- Per payment method, in fen: what the books expect and what the operator counted.
  expected    TEXT CHECK (expected IS NULL OR json_valid(expected)),
  counted     TEXT CHECK (counted IS NULL OR json_valid(counted)),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;

-- One open shift per operator.
CREATE UNIQUE INDEX shifts_open ON shifts (operator_id) WHERE state = 'open';

ALTER TABLE sales ADD COLUMN shift_id INTEGER REFERENCES shifts (id);
ALTER TABLE reversals ADD COLUMN shift_id INTEGER REFERENCES shifts (id);
CREATE INDEX sales_shift ON sales (shift_id);
CREATE INDEX reversals_shift ON reversals (shift_id);
