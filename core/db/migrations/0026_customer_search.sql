-- Customer search by index (decision 0031). The cashier's search box matched seven LIKE patterns
-- against every customer: 20 ms a keystroke with 50,000 customers. Two full-text indexes now answer
-- it, kept by triggers in the write's own transaction like the kept totals:
--
-- * customer_search (trigram): every field a cashier types, for queries of three characters or
--   more: customer number, name, pinyin initials, full pinyin, shop unit, phone and the meter
--   numbers of open accounts, one line each (a trigram never spans two fields' text that a query
--   could contain, because no query holds a line break). A phrase of the query matches wherever it
--   occurs, in any case.
-- * customer_grams (words): for one or two characters, where a trigram cannot help: every one- and
--   two-character piece of the name as a word of its own (grams), and the customer number, shop
--   unit, initials and pinyin as words matched by their beginning (words; the index keeps every
--   word's first one and two characters, so such a beginning is one lookup, not a merge of the
--   50,000 customer numbers that start with "C0").
--
-- Both are contentless (they hold only the index; rows are read from customers), with deletes, so
-- a changed customer is taken out and put back. A rebuilt customers, accounts or meters table
-- (CREATE ... _next, copy, rename) loses these triggers: such a migration must create them again.

-- 1..200: the positions of a name's characters (a trigger cannot use a recursive query). Names are
-- at most 60 characters (CUSTOMER_LIMITS); the margin covers names from before that limit.
CREATE TABLE search_positions (i INTEGER PRIMARY KEY) STRICT;
INSERT INTO search_positions (i)
  SELECT a.i * 20 + b.i + 1 FROM
    (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
     UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS a,
    (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
     UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
     UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14
     UNION ALL SELECT 15 UNION ALL SELECT 16 UNION ALL SELECT 17 UNION ALL SELECT 18 UNION ALL SELECT 19) AS b;

CREATE VIRTUAL TABLE customer_search USING fts5 (
  keys, tokenize = 'trigram', content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE customer_grams USING fts5 (
  grams, words, prefix = '1 2', content = '', contentless_delete = 1
);

-- What each index holds for a customer, worked out from the rows.
CREATE VIEW customer_search_rows (customer_id, keys, grams, words) AS
  SELECT c.id,
         c.customer_no || char(10) || c.name || char(10) || c.name_initials || char(10) ||
           c.name_pinyin || char(10) || c.shop_unit || char(10) || c.phone ||
           coalesce((SELECT group_concat(char(10) || m.meter_no, '')
                       FROM accounts a JOIN meters m ON m.id = a.meter_id
                      WHERE a.customer_id = c.id AND a.state <> 'closed'), ''),
         coalesce((SELECT group_concat(substr(c.name, p.i, 1) || ' ' || substr(c.name, p.i, 2), ' ')
                     FROM search_positions p WHERE p.i <= length(c.name)), ''),
         c.customer_no || ' ' || c.shop_unit || ' ' || c.name_initials || ' ' || c.name_pinyin
    FROM customers c;

-- INSERT INTO customer_search_refresh VALUES (id): the customer's index rows made anew (none if
-- the customer is gone).
CREATE VIEW customer_search_refresh (customer_id) AS SELECT NULL WHERE 0;
CREATE TRIGGER customer_search_refresh_apply INSTEAD OF INSERT ON customer_search_refresh
BEGIN
  DELETE FROM customer_search WHERE rowid = NEW.customer_id;
  DELETE FROM customer_grams WHERE rowid = NEW.customer_id;
  INSERT INTO customer_search (rowid, keys)
    SELECT customer_id, keys FROM customer_search_rows WHERE customer_id = NEW.customer_id;
  INSERT INTO customer_grams (rowid, grams, words)
    SELECT customer_id, grams, words FROM customer_search_rows WHERE customer_id = NEW.customer_id;
END;

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
BEGIN
  INSERT INTO customer_search_refresh VALUES (NEW.id);
END;
CREATE TRIGGER customers_search_update
  AFTER UPDATE OF customer_no, name, name_initials, name_pinyin, shop_unit, phone ON customers
BEGIN
  INSERT INTO customer_search_refresh VALUES (NEW.id);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
BEGIN
  INSERT INTO customer_search_refresh VALUES (OLD.id);
END;
-- The meter numbers of a customer's open accounts are searched too.
CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts
BEGIN
  INSERT INTO customer_search_refresh VALUES (NEW.customer_id);
END;
CREATE TRIGGER accounts_search_update AFTER UPDATE OF customer_id, meter_id, state ON accounts
BEGIN
  INSERT INTO customer_search_refresh VALUES (NEW.customer_id);
  INSERT INTO customer_search_refresh SELECT OLD.customer_id WHERE OLD.customer_id <> NEW.customer_id;
END;
CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts
BEGIN
  INSERT INTO customer_search_refresh VALUES (OLD.customer_id);
END;
CREATE TRIGGER meters_search_update AFTER UPDATE OF meter_no ON meters
BEGIN
  INSERT INTO customer_search_refresh
    SELECT customer_id FROM accounts WHERE meter_id = NEW.id AND state <> 'closed';
END;

-- Exact matches are listed first; these find them without a scan.
CREATE INDEX customers_by_name ON customers (name);
CREATE INDEX customers_by_shop_unit ON customers (shop_unit COLLATE NOCASE);

-- The customers an office already has.
INSERT INTO customer_search (rowid, keys) SELECT customer_id, keys FROM customer_search_rows;
INSERT INTO customer_grams (rowid, grams, words) SELECT customer_id, grams, words FROM customer_search_rows;
