-- An account that moved onto a replacement NK meter keeps its own purchase count and cumulative
-- purchased money, while the new meter counts from where it stood when installed. The offsets turn
-- the meter's figures into the account's: count = meter's count + offset, cumulative = meter's
-- cumulative (less earlier tenants' purchases on it) + offset. Zero for every account that never
-- moved, which is every account before this version.
ALTER TABLE accounts ADD COLUMN meter_count_offset INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN meter_cumulative_offset_fen INTEGER NOT NULL DEFAULT 0;

-- A refund whose money an NK meter gave back over the line with it (a balance preset, booked in
-- the same transaction): its voucher says so instead of asking for a clear card. 0 before.
ALTER TABLE refunds ADD COLUMN taken_off_meter INTEGER NOT NULL DEFAULT 0 CHECK (taken_off_meter IN (0, 1));
