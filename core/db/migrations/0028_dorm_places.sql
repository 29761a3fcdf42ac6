-- Dorms (ACREL-3200, issue 18): a campus's places — campus, building, and the rooms on each
-- floor — and the box circuits that feed each room. A room is sold to as one paying party (its
-- customer, one account per circuit); the students who live there are not the ledger's concern
-- yet. A floor is a room's number on the building's stairs, not a place of its own: nothing is
-- said of a floor but which rooms are on it.
CREATE TABLE campuses (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE buildings (
  id         INTEGER PRIMARY KEY,
  campus_id  INTEGER NOT NULL REFERENCES campuses (id),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (campus_id, name)
) STRICT;

CREATE TABLE rooms (
  id          INTEGER PRIMARY KEY,
  building_id INTEGER NOT NULL REFERENCES buildings (id),
  floor       INTEGER NOT NULL CHECK (floor BETWEEN -9 AND 199),
  room_no     TEXT NOT NULL,
  beds        INTEGER NOT NULL CHECK (beds BETWEEN 0 AND 24),
  -- The room as the paying party: receipts, reports and search name it like any customer.
  customer_id INTEGER NOT NULL UNIQUE REFERENCES customers (id),
  created_at  TEXT NOT NULL,
  UNIQUE (building_id, room_no)
) STRICT;
CREATE INDEX rooms_by_floor ON rooms (building_id, floor, room_no);

-- What feeds a room: one circuit of a multi-user box per purpose ('all' for a room on one
-- circuit; lighting, sockets and air conditioning when each has a time table of its own).
CREATE TABLE room_circuits (
  room_id  INTEGER NOT NULL REFERENCES rooms (id),
  meter_id INTEGER NOT NULL UNIQUE REFERENCES meters (id),
  purpose  TEXT NOT NULL CHECK (purpose IN ('all', 'lighting', 'sockets', 'aircon')),
  PRIMARY KEY (room_id, purpose)
) STRICT;
