-- Management cards join the one device journal (decision 0021): every card made at the office gets
-- the journal row it would have had, kind managementCard, target 'card', with the account it was
-- made for (a clear or meter-change card) and the card's kind in the payload; pending while still
-- 'making', voided for a void card, committed for a made or erased one. The card's own row keeps
-- its status; from now on both settle in one transaction.
--
-- A superseded card (made again under its number) counts as written when it came back with
-- results or was read; the books do not say whether one that never came back was written, and it
-- is counted as not (voided, 'superseded').
INSERT INTO device_operations
  (operation_id, kind, target, meter_id, account_id, state, payload, outcome, operator_id, created_at, resolved_at)
SELECT 'management-card-' || id, 'managementCard', 'card', NULL, account_id,
       CASE WHEN status = 'making' THEN 'pending'
            WHEN status = 'void' THEN 'voided'
            WHEN status = 'superseded' AND results IS NULL AND read_at IS NULL THEN 'voided'
            ELSE 'committed' END,
       json_object('cardNo', card_no, 'cardId', NULL, 'cardKind', kind),
       CASE WHEN status = 'making' THEN NULL
            ELSE json_object('cardStatus', CASE status WHEN 'erased' THEN 'made' ELSE status END) END,
       made_by, made_at,
       CASE WHEN status = 'making' THEN NULL ELSE status_at END
  FROM management_cards ORDER BY id;
