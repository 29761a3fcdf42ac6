-- The balance an NK meter itself reported once a remote recharge had landed on it (read back over
-- the line to verify the recharge), and when it was read: the receipt prints it as the credit on
-- the meter after the purchase. NULL for card sales (the meter adds the credit only when the card
-- is inserted, so the office does not know it yet) and for sales made before this version.
ALTER TABLE sales ADD COLUMN meter_balance_after_fen INTEGER;
ALTER TABLE sales ADD COLUMN meter_balance_at TEXT;
