-- Kept totals (decision 0030): the sales report's figures per office day, calendar month and year,
-- for each dimension the report groups by (payment method, tariff, operator, account; the
-- customer, area and meter of an account are looked up when the report is read, as before). They
-- are kept by triggers in the transaction of the write itself, so no code path can sell, reverse,
-- refund or take a card fee without them moving, and a year's report reads a few thousand rows
-- instead of every line of the year.
--
-- What counts, as the report has always counted it: a sale committed or later reversed, on its
-- office day; a committed reversal (the sale's amount, payment method, tariff and account, the
-- reversal's operator and day); every refund and every committed card fee. Refunds and card fees
-- have no tariff of their own (the report shows them under the account's current tariff), so they
-- are kept under the account only. The office day is the moment in China Standard Time (UTC+8,
-- no daylight saving), the same arithmetic as shared/officeTime.ts.
--
-- A rebuilt sales, reversals, refunds or card_fees table (CREATE ... _next, copy, rename) loses
-- these triggers: such a migration must create them again.
CREATE TABLE totals_by_payment (
  span            TEXT NOT NULL CHECK (span IN ('day', 'month', 'year')),
  -- YYYY-MM-DD for a day, YYYY-MM for a month, YYYY for a year (office time).
  period          TEXT NOT NULL,
  payment_method TEXT NOT NULL,
  sales_fen       INTEGER NOT NULL DEFAULT 0,
  sales_count     INTEGER NOT NULL DEFAULT 0,
  reversals_fen   INTEGER NOT NULL DEFAULT 0,
  reversals_count INTEGER NOT NULL DEFAULT 0,
  refunds_fen     INTEGER NOT NULL DEFAULT 0,
  refunds_count   INTEGER NOT NULL DEFAULT 0,
  card_fees_fen   INTEGER NOT NULL DEFAULT 0,
  card_fees_count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (span, period, payment_method)
) STRICT, WITHOUT ROWID;
CREATE TABLE totals_by_tariff (
  span            TEXT NOT NULL CHECK (span IN ('day', 'month', 'year')),
  -- YYYY-MM-DD for a day, YYYY-MM for a month, YYYY for a year (office time).
  period          TEXT NOT NULL,
  tariff_id INTEGER NOT NULL REFERENCES tariffs (id),
  sales_fen       INTEGER NOT NULL DEFAULT 0,
  sales_count     INTEGER NOT NULL DEFAULT 0,
  reversals_fen   INTEGER NOT NULL DEFAULT 0,
  reversals_count INTEGER NOT NULL DEFAULT 0,
  refunds_fen     INTEGER NOT NULL DEFAULT 0,
  refunds_count   INTEGER NOT NULL DEFAULT 0,
  card_fees_fen   INTEGER NOT NULL DEFAULT 0,
  card_fees_count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (span, period, tariff_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE totals_by_operator (
  span            TEXT NOT NULL CHECK (span IN ('day', 'month', 'year')),
  -- YYYY-MM-DD for a day, YYYY-MM for a month, YYYY for a year (office time).
  period          TEXT NOT NULL,
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  sales_fen       INTEGER NOT NULL DEFAULT 0,
  sales_count     INTEGER NOT NULL DEFAULT 0,
  reversals_fen   INTEGER NOT NULL DEFAULT 0,
  reversals_count INTEGER NOT NULL DEFAULT 0,
  refunds_fen     INTEGER NOT NULL DEFAULT 0,
  refunds_count   INTEGER NOT NULL DEFAULT 0,
  card_fees_fen   INTEGER NOT NULL DEFAULT 0,
  card_fees_count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (span, period, operator_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE totals_by_account (
  span            TEXT NOT NULL CHECK (span IN ('day', 'month', 'year')),
  -- YYYY-MM-DD for a day, YYYY-MM for a month, YYYY for a year (office time).
  period          TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  sales_fen       INTEGER NOT NULL DEFAULT 0,
  sales_count     INTEGER NOT NULL DEFAULT 0,
  reversals_fen   INTEGER NOT NULL DEFAULT 0,
  reversals_count INTEGER NOT NULL DEFAULT 0,
  refunds_fen     INTEGER NOT NULL DEFAULT 0,
  refunds_count   INTEGER NOT NULL DEFAULT 0,
  card_fees_fen   INTEGER NOT NULL DEFAULT 0,
  card_fees_count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (span, period, account_id)
) STRICT, WITHOUT ROWID;
-- One change to the totals: signed amounts and counts on a day. Inserting into this view is how
-- the triggers below move every table at every span at once.
CREATE VIEW totals_change AS SELECT
  NULL AS day, NULL AS payment_method, NULL AS tariff_id, NULL AS operator_id, NULL AS account_id,
  0 AS sales_fen, 0 AS sales_count, 0 AS reversals_fen, 0 AS reversals_count, 0 AS refunds_fen, 0 AS refunds_count, 0 AS card_fees_fen, 0 AS card_fees_count
WHERE 0;

CREATE TRIGGER totals_change_apply INSTEAD OF INSERT ON totals_change
BEGIN
  INSERT INTO totals_by_payment (span, period, payment_method, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'day', NEW.day, NEW.payment_method, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.payment_method IS NOT NULL
    ON CONFLICT (span, period, payment_method) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_payment (span, period, payment_method, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'month', substr(NEW.day, 1, 7), NEW.payment_method, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.payment_method IS NOT NULL
    ON CONFLICT (span, period, payment_method) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_payment (span, period, payment_method, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'year', substr(NEW.day, 1, 4), NEW.payment_method, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.payment_method IS NOT NULL
    ON CONFLICT (span, period, payment_method) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_tariff (span, period, tariff_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'day', NEW.day, NEW.tariff_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.tariff_id IS NOT NULL
    ON CONFLICT (span, period, tariff_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_tariff (span, period, tariff_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'month', substr(NEW.day, 1, 7), NEW.tariff_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.tariff_id IS NOT NULL
    ON CONFLICT (span, period, tariff_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_tariff (span, period, tariff_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'year', substr(NEW.day, 1, 4), NEW.tariff_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.tariff_id IS NOT NULL
    ON CONFLICT (span, period, tariff_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_operator (span, period, operator_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'day', NEW.day, NEW.operator_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.operator_id IS NOT NULL
    ON CONFLICT (span, period, operator_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_operator (span, period, operator_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'month', substr(NEW.day, 1, 7), NEW.operator_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.operator_id IS NOT NULL
    ON CONFLICT (span, period, operator_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_operator (span, period, operator_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'year', substr(NEW.day, 1, 4), NEW.operator_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.operator_id IS NOT NULL
    ON CONFLICT (span, period, operator_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_account (span, period, account_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'day', NEW.day, NEW.account_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.account_id IS NOT NULL
    ON CONFLICT (span, period, account_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_account (span, period, account_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'month', substr(NEW.day, 1, 7), NEW.account_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.account_id IS NOT NULL
    ON CONFLICT (span, period, account_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
  INSERT INTO totals_by_account (span, period, account_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
    SELECT 'year', substr(NEW.day, 1, 4), NEW.account_id, NEW.sales_fen, NEW.sales_count, NEW.reversals_fen, NEW.reversals_count, NEW.refunds_fen, NEW.refunds_count, NEW.card_fees_fen, NEW.card_fees_count WHERE NEW.account_id IS NOT NULL
    ON CONFLICT (span, period, account_id) DO UPDATE SET
      sales_fen = sales_fen + excluded.sales_fen,
      sales_count = sales_count + excluded.sales_count,
      reversals_fen = reversals_fen + excluded.reversals_fen,
      reversals_count = reversals_count + excluded.reversals_count,
      refunds_fen = refunds_fen + excluded.refunds_fen,
      refunds_count = refunds_count + excluded.refunds_count,
      card_fees_fen = card_fees_fen + excluded.card_fees_fen,
      card_fees_count = card_fees_count + excluded.card_fees_count;
END;

-- A sale counts while committed or reversed (its reversal is a line of its own).
CREATE TRIGGER sales_totals_insert AFTER INSERT ON sales WHEN NEW.status IN ('committed', 'reversed')
BEGIN
  INSERT INTO totals_change
    SELECT date(NEW.created_at, '+8 hours'), NEW.payment_method, v.tariff_id, NEW.operator_id, NEW.account_id, NEW.amount_fen, 1, 0, 0, 0, 0, 0, 0
    FROM tariff_versions v
    WHERE v.id = NEW.tariff_version_id;
END;

CREATE TRIGGER sales_totals_update AFTER UPDATE OF status, amount_fen, payment_method, created_at, account_id, operator_id, tariff_version_id ON sales
-- Committed to reversed changes nothing: both count.
WHEN (OLD.status IN ('committed', 'reversed')) <> (NEW.status IN ('committed', 'reversed'))
  OR (NEW.status IN ('committed', 'reversed') AND (OLD.amount_fen <> NEW.amount_fen
    OR OLD.payment_method <> NEW.payment_method OR OLD.created_at <> NEW.created_at
    OR OLD.account_id <> NEW.account_id OR OLD.operator_id <> NEW.operator_id
    OR OLD.tariff_version_id <> NEW.tariff_version_id))
BEGIN
  INSERT INTO totals_change
    SELECT date(OLD.created_at, '+8 hours'), OLD.payment_method, v.tariff_id, OLD.operator_id, OLD.account_id, -OLD.amount_fen, -1, 0, 0, 0, 0, 0, 0
    FROM tariff_versions v
    WHERE v.id = OLD.tariff_version_id AND OLD.status IN ('committed', 'reversed');
  INSERT INTO totals_change
    SELECT date(NEW.created_at, '+8 hours'), NEW.payment_method, v.tariff_id, NEW.operator_id, NEW.account_id, NEW.amount_fen, 1, 0, 0, 0, 0, 0, 0
    FROM tariff_versions v
    WHERE v.id = NEW.tariff_version_id AND NEW.status IN ('committed', 'reversed');
END;

-- A committed reversal takes back its sale's amount, under the sale's payment method, tariff and
-- account, on the reversal's own day and operator.
CREATE TRIGGER reversals_totals_insert AFTER INSERT ON reversals WHEN NEW.status = 'committed'
BEGIN
  INSERT INTO totals_change
    SELECT date(NEW.created_at, '+8 hours'), s.payment_method, v.tariff_id, NEW.operator_id, s.account_id, 0, 0, s.amount_fen, 1, 0, 0, 0, 0
    FROM sales s JOIN tariff_versions v ON v.id = s.tariff_version_id
    WHERE s.id = NEW.sale_id;
END;

CREATE TRIGGER reversals_totals_update AFTER UPDATE OF status, sale_id, operator_id, created_at ON reversals
WHEN (OLD.status = 'committed') OR (NEW.status = 'committed')
BEGIN
  INSERT INTO totals_change
    SELECT date(OLD.created_at, '+8 hours'), s.payment_method, v.tariff_id, OLD.operator_id, s.account_id, 0, 0, -s.amount_fen, -1, 0, 0, 0, 0
    FROM sales s JOIN tariff_versions v ON v.id = s.tariff_version_id
    WHERE s.id = OLD.sale_id AND OLD.status = 'committed';
  INSERT INTO totals_change
    SELECT date(NEW.created_at, '+8 hours'), s.payment_method, v.tariff_id, NEW.operator_id, s.account_id, 0, 0, s.amount_fen, 1, 0, 0, 0, 0
    FROM sales s JOIN tariff_versions v ON v.id = s.tariff_version_id
    WHERE s.id = NEW.sale_id AND NEW.status = 'committed';
END;

-- Every refund counts from the moment it is written; it has no tariff of its own.
CREATE TRIGGER refunds_totals_insert AFTER INSERT ON refunds
BEGIN
  INSERT INTO totals_change
    SELECT date(NEW.created_at, '+8 hours'), NEW.payment_method, NULL, NEW.operator_id, NEW.account_id, 0, 0, 0, 0, NEW.amount_fen, 1, 0, 0;
END;

CREATE TRIGGER refunds_totals_update AFTER UPDATE OF amount_fen, payment_method, created_at, account_id, operator_id ON refunds
BEGIN
  INSERT INTO totals_change
    SELECT date(OLD.created_at, '+8 hours'), OLD.payment_method, NULL, OLD.operator_id, OLD.account_id, 0, 0, 0, 0, -OLD.amount_fen, -1, 0, 0;
  INSERT INTO totals_change
    SELECT date(NEW.created_at, '+8 hours'), NEW.payment_method, NULL, NEW.operator_id, NEW.account_id, 0, 0, 0, 0, NEW.amount_fen, 1, 0, 0;
END;

-- A card fee counts once committed; no tariff of its own either.
CREATE TRIGGER card_fees_totals_insert AFTER INSERT ON card_fees WHEN NEW.status = 'committed'
BEGIN
  INSERT INTO totals_change
    SELECT date(NEW.created_at, '+8 hours'), NEW.payment_method, NULL, NEW.operator_id, NEW.account_id, 0, 0, 0, 0, 0, 0, NEW.amount_fen, 1;
END;

CREATE TRIGGER card_fees_totals_update AFTER UPDATE OF status, amount_fen, payment_method, created_at, account_id, operator_id ON card_fees
WHEN (OLD.status = 'committed') OR (NEW.status = 'committed')
BEGIN
  INSERT INTO totals_change
    SELECT date(OLD.created_at, '+8 hours'), OLD.payment_method, NULL, OLD.operator_id, OLD.account_id, 0, 0, 0, 0, 0, 0, -OLD.amount_fen, -1
    WHERE OLD.status = 'committed';
  INSERT INTO totals_change
    SELECT date(NEW.created_at, '+8 hours'), NEW.payment_method, NULL, NEW.operator_id, NEW.account_id, 0, 0, 0, 0, 0, 0, NEW.amount_fen, 1
    WHERE NEW.status = 'committed';
END;

-- The ledger as it stands, totalled once: the same rows the triggers would have counted, each
-- table filled by one grouped query (a million sales in seconds, where a row at a time through
-- the triggers would take minutes).
CREATE TEMP TABLE ledger_lines AS
  SELECT date(s.created_at, '+8 hours') AS day, s.payment_method, v.tariff_id, s.operator_id, s.account_id,
    s.amount_fen AS sales_fen, 1 AS sales_count, 0 AS reversals_fen, 0 AS reversals_count,
    0 AS refunds_fen, 0 AS refunds_count, 0 AS card_fees_fen, 0 AS card_fees_count
  FROM sales s JOIN tariff_versions v ON v.id = s.tariff_version_id
  WHERE s.status IN ('committed', 'reversed')
  UNION ALL
  SELECT date(r.created_at, '+8 hours'), s.payment_method, v.tariff_id, r.operator_id, s.account_id,
    0, 0, s.amount_fen, 1, 0, 0, 0, 0
  FROM reversals r JOIN sales s ON s.id = r.sale_id JOIN tariff_versions v ON v.id = s.tariff_version_id
  WHERE r.status = 'committed'
  UNION ALL
  SELECT date(x.created_at, '+8 hours'), x.payment_method, NULL, x.operator_id, x.account_id,
    0, 0, 0, 0, x.amount_fen, 1, 0, 0
  FROM refunds x
  UNION ALL
  SELECT date(x.created_at, '+8 hours'), x.payment_method, NULL, x.operator_id, x.account_id,
    0, 0, 0, 0, 0, 0, x.amount_fen, 1
  FROM card_fees x WHERE x.status = 'committed';
INSERT INTO totals_by_payment (span, period, payment_method, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'day', day AS p, payment_method, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE payment_method IS NOT NULL GROUP BY p, payment_method;
INSERT INTO totals_by_payment (span, period, payment_method, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'month', substr(day, 1, 7) AS p, payment_method, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE payment_method IS NOT NULL GROUP BY p, payment_method;
INSERT INTO totals_by_payment (span, period, payment_method, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'year', substr(day, 1, 4) AS p, payment_method, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE payment_method IS NOT NULL GROUP BY p, payment_method;
INSERT INTO totals_by_tariff (span, period, tariff_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'day', day AS p, tariff_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE tariff_id IS NOT NULL GROUP BY p, tariff_id;
INSERT INTO totals_by_tariff (span, period, tariff_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'month', substr(day, 1, 7) AS p, tariff_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE tariff_id IS NOT NULL GROUP BY p, tariff_id;
INSERT INTO totals_by_tariff (span, period, tariff_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'year', substr(day, 1, 4) AS p, tariff_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE tariff_id IS NOT NULL GROUP BY p, tariff_id;
INSERT INTO totals_by_operator (span, period, operator_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'day', day AS p, operator_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE operator_id IS NOT NULL GROUP BY p, operator_id;
INSERT INTO totals_by_operator (span, period, operator_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'month', substr(day, 1, 7) AS p, operator_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE operator_id IS NOT NULL GROUP BY p, operator_id;
INSERT INTO totals_by_operator (span, period, operator_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'year', substr(day, 1, 4) AS p, operator_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE operator_id IS NOT NULL GROUP BY p, operator_id;
INSERT INTO totals_by_account (span, period, account_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'day', day AS p, account_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE account_id IS NOT NULL GROUP BY p, account_id;
INSERT INTO totals_by_account (span, period, account_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'month', substr(day, 1, 7) AS p, account_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE account_id IS NOT NULL GROUP BY p, account_id;
INSERT INTO totals_by_account (span, period, account_id, sales_fen, sales_count, reversals_fen, reversals_count, refunds_fen, refunds_count, card_fees_fen, card_fees_count)
  SELECT 'year', substr(day, 1, 4) AS p, account_id, sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(reversals_count), sum(refunds_fen), sum(refunds_count), sum(card_fees_fen), sum(card_fees_count)
  FROM temp.ledger_lines WHERE account_id IS NOT NULL GROUP BY p, account_id;
DROP TABLE temp.ledger_lines;
