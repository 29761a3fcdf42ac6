-- migrate: foreign-keys-off
-- 主站计费 (decision 0023): accounts the office bills itself. A metering meter (DDSD1352 /
-- DTSD1352) holds no money, and an NK meter may be billed this way too: the office keeps the
-- balance, prices every polled reading by the tariff in force at the reading's time (by rate from
-- the per-rate registers, stepped by the month's use), deducts it in the reading's transaction,
-- and trips the relay through the device journal at zero (or the overdraft limit) unless the
-- account is on 保电; a purchase restores it.
--
-- The meters table again (its CHECKs name the models and kinds), ids kept.
CREATE TABLE meters_next (
  id              INTEGER PRIMARY KEY,
  meter_no        TEXT NOT NULL CHECK (length(meter_no) = 12 AND meter_no NOT GLOB '*[^0-9]*'),
  -- 0 for a whole meter; 1..36 for one circuit of an ADF300 multi-user box.
  circuit         INTEGER NOT NULL DEFAULT 0 CHECK (circuit BETWEEN 0 AND 36),
  model           TEXT NOT NULL CHECK (model IN ('DDSY1352', 'DTSY1352', 'DDSY1352-NK', 'DTSY1352-NK', 'ADF300', 'ADM100', 'DDSD1352', 'DTSD1352')),
  kind            TEXT NOT NULL CHECK (kind IN ('card', 'nk', 'remote', 'metering')),
  phases          INTEGER NOT NULL CHECK (phases IN (1, 3)),
  ct_ratio        INTEGER NOT NULL DEFAULT 1 CHECK (ct_ratio >= 1),
  installed_at    TEXT,
  install_reading INTEGER NOT NULL DEFAULT 0 CHECK (install_reading >= 0),
  state           TEXT NOT NULL DEFAULT 'in_stock' CHECK (state IN ('in_stock', 'in_service', 'replaced', 'removed')),
  created_at      TEXT NOT NULL,
  via_acrt        INTEGER NOT NULL DEFAULT 0 CHECK (via_acrt IN (0, 1)),
  protocol        TEXT NOT NULL DEFAULT 'dlt645' CHECK (protocol IN ('dlt645', 'modbus')),
  modbus_unit     INTEGER CHECK (modbus_unit IS NULL OR modbus_unit BETWEEN 1 AND 247),
  UNIQUE (meter_no, circuit)
) STRICT;

INSERT INTO meters_next
  (id, meter_no, circuit, model, kind, phases, ct_ratio, installed_at, install_reading, state, created_at,
   via_acrt, protocol, modbus_unit)
SELECT id, meter_no, circuit, model, kind, phases, ct_ratio, installed_at, install_reading, state, created_at,
       via_acrt, protocol, modbus_unit
  FROM meters ORDER BY id;

DROP TABLE meters;
ALTER TABLE meters_next RENAME TO meters;

-- Who keeps the account's money: the meter ('meter', 本地费控) or the office ('office', 主站计费).
ALTER TABLE accounts ADD COLUMN billing TEXT NOT NULL DEFAULT 'meter' CHECK (billing IN ('meter', 'office'));
-- The office's balance of an office-billed account, in fen (below zero within the overdraft).
ALTER TABLE accounts ADD COLUMN office_balance_fen INTEGER NOT NULL DEFAULT 0;
-- The meter's registers the last charge reached ({"total":…, "rates":[尖,峰,平,谷]}, 0.01 kWh):
-- the next reading is priced from here, so no energy is charged twice or left out.
ALTER TABLE accounts ADD COLUMN billed_registers TEXT CHECK (billed_registers IS NULL OR json_valid(billed_registers));
-- 保电: the office never trips this account's meter, whatever its balance.
ALTER TABLE accounts ADD COLUMN keep_power INTEGER NOT NULL DEFAULT 0 CHECK (keep_power IN (0, 1));
-- The office tripped the meter for want of money; a purchase that brings the balance back restores it.
ALTER TABLE accounts ADD COLUMN billing_tripped INTEGER NOT NULL DEFAULT 0 CHECK (billing_tripped IN (0, 1));

-- A reading's energy by rate (sharp, peak, flat, valley; 0.01 kWh), when it was read.
ALTER TABLE meter_readings ADD COLUMN rate_energy TEXT CHECK (rate_energy IS NULL OR json_valid(rate_energy));

-- One charge per reading, never two: what the energy since the last charge cost.
CREATE TABLE billing_charges (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts (id),
  reading_id        INTEGER NOT NULL UNIQUE REFERENCES meter_readings (id),
  read_at           TEXT NOT NULL,
  -- The office month ('YYYY-MM') of the reading: a stepped tariff's steps count the month's use.
  month             TEXT NOT NULL,
  energy            INTEGER NOT NULL CHECK (energy >= 0),
  amount_fen        INTEGER NOT NULL CHECK (amount_fen >= 0),
  -- The priced lines (rate or step, energy, price, fen) and the registers it went from and to.
  detail            TEXT NOT NULL CHECK (json_valid(detail)),
  tariff_version_id INTEGER NOT NULL REFERENCES tariff_versions (id),
  balance_after_fen INTEGER NOT NULL,
  charged_at        TEXT NOT NULL
) STRICT;

CREATE INDEX billing_charges_account ON billing_charges (account_id, month);
