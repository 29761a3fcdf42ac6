-- Messages to tenants by SMS (issue 19): the outbox. One message per event (event_key: a low-credit
-- alarm that flaps is one alarm, one message); queued until not_before (quiet hours, a retry's
-- backoff), then sent part by part. A part is written 'sending' before the modem is given it and
-- 'sent' with the modem's reference (TP-MR) after: a part left 'sending' (a crash, a timeout) is
-- settled by the network's delivery report naming the phone, or found not taken after the report
-- window and sent again (decision 0038). Skipped messages (opted out, no mobile number, the day's
-- cap) are kept with why, so the office can see why a tenant heard nothing.
CREATE TABLE sms_messages (
  id          INTEGER PRIMARY KEY,
  event_key   TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('low-credit', 'credit-out', 'purchase', 'dorm-control',
                                            'account-closed', 'test')),
  customer_id INTEGER REFERENCES customers (id),
  phone       TEXT NOT NULL,
  text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 600),
  parts       INTEGER NOT NULL CHECK (parts BETWEEN 1 AND 8),
  concat_ref  INTEGER NOT NULL CHECK (concat_ref BETWEEN 0 AND 255),
  state       TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed',
                                             'skipped')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  not_before  TEXT NOT NULL,
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  sent_at     TEXT,
  finished_at TEXT
) STRICT;

CREATE INDEX sms_messages_due ON sms_messages (state, not_before);
CREATE INDEX sms_messages_customer ON sms_messages (customer_id, created_at);

CREATE TABLE sms_parts (
  message_id  INTEGER NOT NULL REFERENCES sms_messages (id),
  seq         INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 8),
  state       TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'delivered', 'failed')),
  reference   INTEGER CHECK (reference IS NULL OR reference BETWEEN 0 AND 255),
  tried_at    TEXT NOT NULL,
  reported_at TEXT,
  status      INTEGER,
  PRIMARY KEY (message_id, seq)
) STRICT;

CREATE INDEX sms_parts_reference ON sms_parts (reference, state);

-- A tenant who asked not to be sent messages (退订), and who recorded it.
CREATE TABLE sms_opt_outs (
  customer_id  INTEGER PRIMARY KEY REFERENCES customers (id),
  opted_out_at TEXT NOT NULL,
  operator_id  INTEGER REFERENCES operators (id)
) STRICT;

-- Who may run the SMS side (the modem, templates, resends, opt-outs): whoever may set up devices.
INSERT INTO role_permissions (role, permission)
  SELECT role, 'messages' FROM role_permissions WHERE permission = 'devices';
