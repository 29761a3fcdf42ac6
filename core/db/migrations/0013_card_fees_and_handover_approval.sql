-- 工本费: the office's fee for a tenant's card, taken when the card is issued (开卡) or reissued
-- (补卡). It follows the card's own row: 'pending' with its receipt number reserved when the card
-- row is written 'issuing', 'committed' (receipt issued) once the card reads back as written,
-- 'void' (receipt void) when the attempt is voided. Money is only taken for a card that exists.
CREATE TABLE card_fees (
  id             INTEGER PRIMARY KEY,
  card_id        INTEGER NOT NULL UNIQUE REFERENCES cards (id),
  account_id     INTEGER NOT NULL REFERENCES accounts (id),
  kind           TEXT NOT NULL CHECK (kind IN ('issue', 'reissue')),
  amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
  payment_method TEXT NOT NULL CHECK (payment_method IN ('cash', 'wechat', 'alipay', 'bank_card')),
  tendered_fen   INTEGER CHECK (tendered_fen IS NULL OR tendered_fen >= amount_fen),
  receipt_no     INTEGER NOT NULL UNIQUE REFERENCES receipts (receipt_no),
  status         TEXT NOT NULL CHECK (status IN ('pending', 'committed', 'void')),
  operator_id    INTEGER NOT NULL REFERENCES operators (id),
  shift_id       INTEGER NOT NULL REFERENCES shifts (id),
  created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX card_fees_shift ON card_fees (shift_id);
CREATE INDEX card_fees_created ON card_fees (created_at);

-- A hand-over whose count differs from the books by more than the office's tolerance is closed
-- only with a note and a supervisor's approval at the till; who approved is kept with the shift.
ALTER TABLE shifts ADD COLUMN approved_by INTEGER REFERENCES operators (id);
-- Counts refused for being beyond the tolerance. After two, only a supervisor's approval closes the
-- shift: a blind count must not be turned into guessing the books' figure by trying amounts.
ALTER TABLE shifts ADD COLUMN refused_counts INTEGER NOT NULL DEFAULT 0;

-- The supervisor who approved a cashier's reversal at the till, when the office asks for one.
ALTER TABLE reversals ADD COLUMN approved_by INTEGER REFERENCES operators (id);
