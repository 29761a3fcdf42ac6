-- Tenants' IC cards (用户卡). A card row is written 'issuing' before the card is touched and made
-- 'active' once the card reads back as written: a card pulled or a crash in between leaves the
-- row 'issuing', settled when the card is next read (or voided when the card turns out blank).
-- One live (issuing or active) card per account; lost (挂失) and replaced cards stay for history
-- and are refused, and flagged, when presented again.
CREATE TABLE cards (
  id            INTEGER PRIMARY KEY,
  card_no       TEXT NOT NULL UNIQUE CHECK (length(card_no) = 12 AND card_no NOT GLOB '*[^0-9]*'),
  account_id    INTEGER NOT NULL REFERENCES accounts (id),
  generation    INTEGER NOT NULL CHECK (generation BETWEEN 0 AND 255),
  status        TEXT NOT NULL CHECK (status IN ('issuing', 'active', 'lost', 'replaced', 'cancelled', 'void')),
  created_at    TEXT NOT NULL,
  created_by    INTEGER NOT NULL REFERENCES operators (id),
  status_at     TEXT NOT NULL,
  last_seen_at  TEXT,
  -- How often the card was presented after it stopped being live (a found lost card, an old one).
  flagged_count INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE UNIQUE INDEX cards_one_live ON cards (account_id) WHERE status IN ('issuing', 'active');
CREATE INDEX cards_account ON cards (account_id);
