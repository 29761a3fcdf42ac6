-- An internet SMS gateway as the outbox's second way out (issue 19, decision 0040). The service
-- sends registered templates, not text: a message keeps its template's values (params, JSON) to
-- go that way. A message sent through the gateway is one part: out_id is the id PowerTill gave it
-- (the service keeps it and gives it back when asked, which settles a send left in doubt), biz_id
-- the service's own. Modem parts have neither.
ALTER TABLE sms_messages ADD COLUMN params TEXT;
ALTER TABLE sms_parts ADD COLUMN out_id TEXT;
ALTER TABLE sms_parts ADD COLUMN biz_id TEXT;
CREATE UNIQUE INDEX sms_parts_out_id ON sms_parts (out_id) WHERE out_id IS NOT NULL;
