-- Card issues join the one device journal (decision 0021): every tenant's card gets the journal
-- row it would have had, kind cardIssue (generation 0) or cardReissue, target 'card'; pending
-- while the card is still 'issuing', voided for a void card, committed for every other. The card's
-- own row keeps its status ('issuing' means not live yet, and one live card per account is its
-- index's rule); from now on the journal row and the card row settle in one transaction.
--
-- What the books never kept is not invented: the issue's own instant is taken as the card's last
-- status change (exact for 'active' and 'void' cards), the meter is the account's meter now, and
-- `replaces` names the card of the generation before when it was replaced (a lost card is not
-- replaced by the reissue, it was dead before).
INSERT INTO device_operations
  (operation_id, kind, target, meter_id, account_id, state, payload, outcome, operator_id, created_at, resolved_at)
SELECT 'card-issue-' || c.card_no,
       CASE WHEN c.generation = 0 THEN 'cardIssue' ELSE 'cardReissue' END,
       'card',
       (SELECT a.meter_id FROM accounts a WHERE a.id = c.account_id),
       c.account_id,
       CASE c.status WHEN 'issuing' THEN 'pending' WHEN 'void' THEN 'voided' ELSE 'committed' END,
       json_object(
         'cardNo', c.card_no, 'cardId', c.id, 'generation', c.generation,
         'replaces', (SELECT p.card_no FROM cards p
                       WHERE p.account_id = c.account_id AND p.generation = c.generation - 1
                         AND p.status = 'replaced')),
       CASE c.status WHEN 'issuing' THEN NULL
                     WHEN 'void' THEN json_object('cardStatus', 'void')
                     ELSE json_object('cardStatus', 'active') END,
       c.created_by, c.created_at,
       CASE c.status WHEN 'issuing' THEN NULL ELSE c.status_at END
  FROM cards c ORDER BY c.id;
