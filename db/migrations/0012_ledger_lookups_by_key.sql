-- The posting triggers find a statement's transactions by key, whatever the planner's statistics
-- say. Both used to join the statement's postings (a transition table of a few rows) to
-- ledger_transactions, and the planner, guessing the transition table's size and the unsealed
-- share of the table, sometimes answered with a scan: of the whole table (a hash join) in the
-- balance trigger, of every unsealed transaction in the late-posting check. Under load that made a
-- receipt's cost grow with the ledger's history and with its unsealed tail. Each posting's
-- transaction is now read as a subquery by primary key, once per posting, and only where it is
-- needed. What the triggers accept and refuse is unchanged.
--
-- Postings are written with their transaction, in the same (sub)transaction, and never after: a
-- committed transaction takes no more postings, sealed or not yet. The transaction row is read by
-- its id and its condition computed, not searched for, so no index on `sequence` is ever chosen.
CREATE OR REPLACE FUNCTION ledger_postings_refuse_late() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  late uuid;
BEGIN
  SELECT n.transaction_id INTO late FROM inserted n
  WHERE NOT coalesce((SELECT t.sequence IS NULL AND p.xmin = t.xmin
                      FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id AND p.account_id = n.account_id
                      WHERE t.id = n.transaction_id), false)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % is already written: no postings can be added', late USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Postings move their accounts' balances in the same statement (docs/ledger.md "Balances"), as in
-- 0011; a posting's transaction (for the movement it makes on a need fund) is looked up by key, and
-- only for a need fund's postings.
CREATE OR REPLACE FUNCTION ledger_postings_move_balance() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  move record;
  remaining numeric(18, 2);
  part numeric(18, 2);
  pending boolean;
  balance_row record;
BEGIN
  -- The statement's postings summed per account and side of its balance, in account order.
  FOR move IN
    SELECT x.account_id, x.missing, x.account_kind, sum(x.change) AS change,
           sum(greatest(x.amount, 0)) AS debit, sum(greatest(-x.amount, 0)) AS credit,
           sum(CASE WHEN x.movement IN ('receipt', 'attribution') THEN -x.amount ELSE 0 END) AS raised,
           sum(CASE WHEN x.movement = 'allocation' THEN -x.amount ELSE 0 END) AS allocated,
           sum(CASE WHEN x.movement = 'disbursement' THEN x.amount ELSE 0 END) AS disbursed
    FROM (
      SELECT n.account_id, a.id IS NULL AS missing, a.kind AS account_kind, n.amount,
             CASE WHEN a.kind = 'bank' THEN n.amount ELSE -n.amount END AS change,
             -- On a need fund, the movement is the kind of the transaction, or for a reversal the kind it undoes.
             CASE WHEN a.kind = 'need-fund' THEN (
               SELECT coalesce(o.kind, t.kind) FROM ledger_transactions t LEFT JOIN ledger_transactions o ON o.id = t.reverses_id WHERE t.id = n.transaction_id
             ) END AS movement
      FROM inserted n
      LEFT JOIN ledger_accounts a ON a.id = n.account_id
    ) x
    GROUP BY x.account_id, x.missing, x.account_kind, x.change >= 0
    ORDER BY x.account_id
  LOOP
    IF move.missing THEN
      RAISE EXCEPTION 'ledger account % does not exist', move.account_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF move.change >= 0 THEN
      UPDATE ledger_balances SET balance = balance + move.change, debits = debits + move.debit, credits = credits + move.credit,
        raised = raised + move.raised, allocated = allocated + move.allocated, disbursed = disbursed + move.disbursed
      WHERE account_id = move.account_id AND shard = ledger_increase_shard(move.account_kind);
      IF NOT FOUND THEN
        RAISE EXCEPTION 'ledger account % has no balance row', move.account_id USING ERRCODE = 'foreign_key_violation';
      END IF;
      CONTINUE;
    END IF;
    remaining := -move.change;
    pending := true;
    FOR balance_row IN SELECT shard, balance FROM ledger_balances WHERE account_id = move.account_id ORDER BY shard FOR UPDATE LOOP
      part := least(balance_row.balance, remaining);
      IF part > 0 OR pending THEN
        UPDATE ledger_balances SET balance = balance - part,
          debits = debits + CASE WHEN pending THEN move.debit ELSE 0 END,
          credits = credits + CASE WHEN pending THEN move.credit ELSE 0 END,
          raised = raised + CASE WHEN pending THEN move.raised ELSE 0 END,
          allocated = allocated + CASE WHEN pending THEN move.allocated ELSE 0 END,
          disbursed = disbursed + CASE WHEN pending THEN move.disbursed ELSE 0 END
        WHERE account_id = move.account_id AND shard = balance_row.shard;
        remaining := remaining - part;
        pending := false;
      END IF;
      EXIT WHEN remaining = 0;
    END LOOP;
    IF pending THEN
      RAISE EXCEPTION 'ledger account % has no balance row', move.account_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF remaining > 0 THEN
      UPDATE ledger_balances SET balance = balance - remaining WHERE account_id = move.account_id AND shard = 15;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
