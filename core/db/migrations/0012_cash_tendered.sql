-- Cash taken at the counter (实收) for a cash sale, so the receipt can say what was handed over
-- and what was given back (找零 = tendered - amount). NULL for other payment methods and for sales
-- made before this version (their receipts say nothing of it).
ALTER TABLE sales ADD COLUMN tendered_fen INTEGER CHECK (tendered_fen IS NULL OR tendered_fen >= amount_fen);
