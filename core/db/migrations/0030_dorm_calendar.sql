-- The campus calendar (校历, issue 18): the days that do not follow the week — public holidays
-- and term breaks that fall on weekdays, make-up working days (调休) that fall at the weekend.
-- A dorm box in 'auto' time control knows only Saturday and Sunday; on such a day the office
-- switches its circuits to the holiday or the weekday table, and back the day after.
CREATE TABLE dorm_calendar (
  day         TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note        TEXT NOT NULL DEFAULT '',
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  created_at  TEXT NOT NULL
) STRICT;

-- The time control each box circuit was last set to by the office (its mode as set, 'auto'
-- usually), and the mode the circuit holds now, which the calendar may have switched for the day.
CREATE TABLE circuit_time_control (
  meter_id     INTEGER PRIMARY KEY REFERENCES meters (id),
  time_control TEXT NOT NULL CHECK (json_valid(time_control)),
  applied_mode TEXT NOT NULL CHECK (applied_mode IN ('off', 'auto', 'weekday', 'holiday')),
  -- When a calendar switch last failed (a silent circuit is tried again a while later).
  failed_at    TEXT,
  updated_at   TEXT NOT NULL
) STRICT;
