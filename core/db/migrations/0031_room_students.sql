-- The students living in each dorm room (issue 18): who lives there changes every year while the
-- room's accounts do not (decision 0034), so they are kept beside the room, not as customers:
-- moved in, and moved out (退宿) with the date, the history kept. A student lives in one room at
-- a time; a bed is one student's.
CREATE TABLE room_students (
  id           INTEGER PRIMARY KEY,
  room_id      INTEGER NOT NULL REFERENCES rooms (id),
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  student_no   TEXT NOT NULL CHECK (length(student_no) BETWEEN 1 AND 20),
  phone        TEXT NOT NULL DEFAULT '',
  bed          INTEGER CHECK (bed IS NULL OR bed BETWEEN 1 AND 24),
  moved_in_at  TEXT NOT NULL,
  moved_out_at TEXT
) STRICT;

CREATE UNIQUE INDEX room_students_living ON room_students (student_no) WHERE moved_out_at IS NULL;
CREATE UNIQUE INDEX room_students_bed ON room_students (room_id, bed)
  WHERE moved_out_at IS NULL AND bed IS NOT NULL;
CREATE INDEX room_students_room ON room_students (room_id, moved_out_at);
