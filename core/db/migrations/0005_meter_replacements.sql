-- Meter replacement (换表): the account moves to a new meter and the old meter's credit is carried
-- over. The history stays here; the meter-change card (换表卡) that puts the credit and the
-- purchase count onto the new meter is made by the card workflows.
CREATE TABLE meter_replacements (
  id                  INTEGER PRIMARY KEY,
  account_id          INTEGER NOT NULL REFERENCES accounts (id),
  old_meter_id        INTEGER NOT NULL REFERENCES meters (id),
  new_meter_id        INTEGER NOT NULL REFERENCES meters (id),
  -- Registers in 0.01 kWh: the old meter's last reading, the new meter's first.
  old_final_reading   INTEGER NOT NULL CHECK (old_final_reading >= 0),
  new_install_reading INTEGER NOT NULL CHECK (new_install_reading >= 0),
  -- Credit taken off the old meter for the new one, and where that figure came from.
  carried_fen         INTEGER NOT NULL CHECK (carried_fen >= 0),
  carried_source      TEXT NOT NULL CHECK (carried_source IN ('meter', 'manual')),
  -- The purchase count the new meter must take over so the card's next purchase loads.
  purchase_count      INTEGER NOT NULL CHECK (purchase_count >= 0),
  reason              TEXT NOT NULL,
  operator_id         INTEGER NOT NULL REFERENCES operators (id),
  created_at          TEXT NOT NULL,
  CHECK (old_meter_id <> new_meter_id)
) STRICT;

CREATE INDEX meter_replacements_account ON meter_replacements (account_id);
CREATE INDEX meter_replacements_old ON meter_replacements (old_meter_id);
CREATE INDEX meter_replacements_new ON meter_replacements (new_meter_id);
