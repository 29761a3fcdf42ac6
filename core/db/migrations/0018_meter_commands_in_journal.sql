-- The line's commands join the one device journal: a relay command (trip, allow closing, keep
-- power), a money-limit push and a tariff push are device_operations rows of kinds relayCommand,
-- limitPush and tariffPush, so "what is still unsettled on this meter" is one question
-- (decision 0021). What the command was, why and what it sent go into the payload; 'done' is
-- committed, 'failed' is voided with the error in the outcome. The rows keep their order; their
-- operation ids name where they came from. Nothing refers to meter_commands, so it goes.
INSERT INTO device_operations
  (operation_id, kind, target, meter_id, account_id, state, payload, outcome, operator_id, created_at, resolved_at)
SELECT 'meter-command-' || id,
       CASE command WHEN 'setLimits' THEN 'limitPush' WHEN 'setTariff' THEN 'tariffPush' ELSE 'relayCommand' END,
       'remote', meter_id, NULL,
       CASE state WHEN 'done' THEN 'committed' WHEN 'failed' THEN 'voided' ELSE 'pending' END,
       json_object('command', command, 'reason', reason, 'detail', json(detail)),
       CASE WHEN error IS NULL THEN NULL ELSE json_object('error', error) END,
       operator_id, created_at, resolved_at
  FROM meter_commands ORDER BY id;

DROP TABLE meter_commands;
