-- Cheaper ledger writes (docs/ledger.md "Writing: postTransaction"). The canonical text and the hash
-- are unchanged: only the work of producing them is less, and a writer's transaction row, balance
-- lock and postings go to the database as one call instead of three statements. A need fund's
-- raised / allocated / disbursed are kept in its balance rows, with its balance, instead of summed
-- from its postings whenever they are read or written.
ALTER TABLE "ledger_balances" ADD COLUMN "raised" numeric(18, 2) DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_balances" ADD COLUMN "allocated" numeric(18, 2) DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_balances" ADD COLUMN "disbursed" numeric(18, 2) DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A posting's movement is the kind of its transaction, or for a reversal the kind it undoes. On a
-- need fund (credit-normal) a receipt or attribution raises, an allocation allocates, a
-- disbursement pays out; a reversal's opposite sign takes the same movement back.
-- Existing need funds: their movements so far, on their first row.
ALTER TABLE "ledger_balances" DISABLE TRIGGER ledger_balances_only_by_postings;--> statement-breakpoint
UPDATE ledger_balances b SET raised = m.raised, allocated = m.allocated, disbursed = m.disbursed
FROM (
  SELECT p.account_id,
         sum(CASE WHEN coalesce(o.kind, t.kind) IN ('receipt', 'attribution') THEN -p.amount ELSE 0 END) AS raised,
         sum(CASE WHEN coalesce(o.kind, t.kind) = 'allocation' THEN -p.amount ELSE 0 END) AS allocated,
         sum(CASE WHEN coalesce(o.kind, t.kind) = 'disbursement' THEN p.amount ELSE 0 END) AS disbursed
  FROM ledger_postings p
  JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'need-fund'
  JOIN ledger_transactions t ON t.id = p.transaction_id
  LEFT JOIN ledger_transactions o ON o.id = t.reverses_id
  GROUP BY p.account_id
) m
WHERE b.account_id = m.account_id AND b.shard = 0;--> statement-breakpoint
ALTER TABLE "ledger_balances" ENABLE TRIGGER ledger_balances_only_by_postings;--> statement-breakpoint
-- A new balance row starts at zero, its need-fund movements too.
CREATE OR REPLACE FUNCTION ledger_refuse_direct_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION '% changes only with postings: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'ledger_balances' THEN
    IF NEW.balance <> 0 OR NEW.debits <> 0 OR NEW.credits <> 0 OR NEW.raised <> 0 OR NEW.allocated <> 0 OR NEW.disbursed <> 0 THEN
      RAISE EXCEPTION 'a new balance starts at zero' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
-- The row an increase of an account goes to: the connection's (ledger_balance_shard), but row 0 for a
-- need fund. Writers on one need fund then queue on that row and each sees the others' commits, so
-- the one whose money crosses the need's target is the one that sees it crossed; need funds are not
-- where many writers meet.
CREATE FUNCTION ledger_increase_shard(account_kind text) RETURNS smallint LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN account_kind = 'need-fund' THEN 0::smallint ELSE ledger_balance_shard() END
$$;--> statement-breakpoint
--
-- The canonical text's field line. A field's length is its UTF-8 byte count: on a UTF8 (or
-- SQL_ASCII) database that is the text's own octet length, and without convert_to (a STABLE
-- function) the line is an IMMUTABLE expression the planner inlines where it is called. Any other
-- server encoding keeps the conversion.
DO $$
BEGIN
  IF current_setting('server_encoding') IN ('UTF8', 'SQL_ASCII') THEN
    CREATE OR REPLACE FUNCTION ledger_canonical_field(name text, value text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
      SELECT name || '=' || CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::text || ':' || value END || E'\n'
    $f$;
  END IF;
END
$$;--> statement-breakpoint
-- The same text as before (ADR 008), in PL/pgSQL so that its plan is kept by the session: as an SQL
-- function called from the seal's trigger, its body was planned again for every transaction sealed.
CREATE OR REPLACE FUNCTION ledger_canonical_text(t ledger_transactions, seq bigint, previous text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  postings text;
BEGIN
  SELECT string_agg(ledger_canonical_field('posting', p.account_id::text || ' ' || p.amount::text), '' ORDER BY p.account_id)
    INTO postings FROM ledger_postings p WHERE p.transaction_id = t.id;
  RETURN ledger_canonical_field('format', 'xiangyun-ledger-1')
    || ledger_canonical_field('sequence', seq::text)
    || ledger_canonical_field('previous_hash', previous)
    || ledger_canonical_field('id', t.id::text)
    || ledger_canonical_field('organisation_id', t.organisation_id::text)
    || ledger_canonical_field('kind', t.kind)
    || ledger_canonical_field('value_date', to_char(t.value_date::timestamp, 'YYYY-MM-DD'))
    || ledger_canonical_field('recorded_at', to_char(t.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    || ledger_canonical_field('actor_user_id', t.actor_user_id::text)
    || ledger_canonical_field('idempotency_key', t.idempotency_key)
    || ledger_canonical_field('memo', t.memo)
    || ledger_canonical_field('reverses_id', t.reverses_id::text)
    || ledger_canonical_field('source', t.source)
    || ledger_canonical_field('method', t.method)
    || ledger_canonical_field('bank_reference', t.bank_reference)
    || ledger_canonical_field('pledge_id', t.pledge_id::text)
    || ledger_canonical_field('disbursement_request_id', t.disbursement_request_id::text)
    || coalesce(postings, '');
END
$$;--> statement-breakpoint
-- A writer's one call (app/domain/ledger/post-transaction.server.ts): the transaction row under its
-- idempotency key, then the balance rows its postings move locked in (account, row) order — for an
-- increase the row ledger_increase_shard names, for a decrease all the account's rows — then the
-- postings. It runs with the caller's rights and adds no guarantee of its own: the triggers and
-- checks refuse what they refused before, whoever writes. It answers 'posted' with the
-- transaction's id and the needs whose funds it moved, or 'key-taken' having written nothing (the
-- caller compares the transaction posted under the key). It raises, so that the statement writes
-- nothing even as a transaction of its own:
--   ledger_post_not_in_books      an account is missing or in another union's books;
--   ledger_balances_not_negative  a posting would take an account below zero (DETAIL: the account
--                                 and what it holds, "account=<id> balance=<amount>");
--   ledger_post_need_fund         a need fund is posted where the caller said none would be (a
--                                 need's funding state is followed inside a transaction of the caller's).
CREATE FUNCTION ledger_post_transaction(
  organisation uuid, kind text, idempotency_key text, value_date date, actor_user_id uuid, memo text,
  reverses_id uuid, source text, method text, bank_reference text, pledge_id uuid, disbursement_request_id uuid,
  accounts uuid[], amounts numeric[], without_need_funds boolean,
  OUT outcome text, OUT transaction_id uuid, OUT need_ids uuid[]
) LANGUAGE plpgsql AS $$
DECLARE
  found_accounts integer;
  short_account uuid;
  short_balance numeric;
BEGIN
  INSERT INTO ledger_transactions AS t (organisation_id, kind, idempotency_key, value_date, actor_user_id, memo, reverses_id, source, method,
                                        bank_reference, pledge_id, disbursement_request_id)
  VALUES (organisation, kind, idempotency_key, coalesce(value_date, (now() AT TIME ZONE 'Asia/Shanghai')::date), actor_user_id, memo, reverses_id,
          source, method, bank_reference, pledge_id, disbursement_request_id)
  ON CONFLICT ON CONSTRAINT ledger_transactions_idempotency_key_key DO NOTHING
  RETURNING t.id INTO transaction_id;
  IF transaction_id IS NULL THEN
    outcome := 'key-taken';
    RETURN;
  END IF;
  -- Balances are kept on the account's normal side: a debit raises the bank, a credit the others.
  WITH posting AS (
    SELECT p.account_id, p.amount FROM unnest(accounts, amounts) AS p(account_id, amount)
  ), locked AS (
    SELECT b.account_id, b.balance, a.kind, a.need_id, CASE WHEN a.kind = 'bank' THEN posting.amount ELSE -posting.amount END AS change
    FROM ledger_balances b
    JOIN ledger_accounts a ON a.id = b.account_id
    JOIN posting ON posting.account_id = b.account_id
    WHERE a.organisation_id = organisation
      AND (b.shard = ledger_increase_shard(a.kind) OR (CASE WHEN a.kind = 'bank' THEN posting.amount ELSE -posting.amount END) < 0)
    ORDER BY b.account_id, b.shard
    FOR UPDATE OF b
  ), held AS (
    SELECT l.account_id, l.kind, l.need_id, l.change, sum(l.balance) AS balance FROM locked l GROUP BY l.account_id, l.kind, l.need_id, l.change
  )
  SELECT count(*),
         (array_agg(held.account_id ORDER BY held.account_id) FILTER (WHERE held.balance + held.change < 0))[1],
         (array_agg(held.balance ORDER BY held.account_id) FILTER (WHERE held.balance + held.change < 0))[1],
         coalesce(array_agg(held.need_id) FILTER (WHERE held.kind = 'need-fund' AND held.need_id IS NOT NULL), '{}')
    INTO found_accounts, short_account, short_balance, need_ids
    FROM held;
  IF found_accounts <> cardinality(accounts) THEN
    RAISE EXCEPTION 'ledger transaction %: an account is not in this union''s books', idempotency_key
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_post_not_in_books';
  END IF;
  IF short_account IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction %: account % holds %', idempotency_key, short_account, short_balance
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_balances_not_negative', DETAIL = format('account=%s balance=%s', short_account, short_balance);
  END IF;
  IF without_need_funds AND cardinality(need_ids) > 0 THEN
    RAISE EXCEPTION 'ledger transaction %: a need fund is posted outside a transaction of the caller''s', idempotency_key
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_post_need_fund';
  END IF;
  INSERT INTO ledger_postings (transaction_id, account_id, amount)
  SELECT ledger_post_transaction.transaction_id, p.account_id, p.amount FROM unnest(accounts, amounts) AS p(account_id, amount);
  outcome := 'posted';
END
$$;--> statement-breakpoint
-- The check at commit, as before (0009), in fewer statements: the row is NEW itself, and the
-- postings' count, sum and books are read in one pass.
CREATE OR REPLACE FUNCTION ledger_check_transaction() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  original ledger_transactions;
  request disbursement_requests;
  posting_count integer;
  total numeric;
  other_books boolean;
BEGIN
  SELECT count(*), coalesce(sum(p.amount), 0), coalesce(bool_or(a.organisation_id <> NEW.organisation_id), false)
    INTO posting_count, total, other_books
    FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.transaction_id = NEW.id;
  IF posting_count < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has % posting(s); it needs at least two', NEW.id, posting_count
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_two_postings';
  END IF;
  IF total <> 0 THEN
    RAISE EXCEPTION 'postings of ledger transaction % sum to %, not zero', NEW.id, total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_balanced';
  END IF;
  IF other_books THEN
    RAISE EXCEPTION 'ledger transaction % posts to another union''s accounts', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_one_union';
  END IF;
  IF NEW.reverses_id IS NOT NULL THEN
    SELECT * INTO original FROM ledger_transactions WHERE id = NEW.reverses_id;
    IF original.kind = 'reversal' OR original.organisation_id <> NEW.organisation_id OR EXISTS (
      (SELECT account_id, -amount FROM ledger_postings WHERE transaction_id = original.id
       EXCEPT SELECT account_id, amount FROM ledger_postings WHERE transaction_id = NEW.id)
      UNION ALL
      (SELECT account_id, amount FROM ledger_postings WHERE transaction_id = NEW.id
       EXCEPT SELECT account_id, -amount FROM ledger_postings WHERE transaction_id = original.id)
    ) THEN
      RAISE EXCEPTION 'reversal % does not mirror the postings of %, or reverses a reversal', NEW.id, original.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_reversal_mirrors';
    END IF;
  END IF;
  IF NEW.disbursement_request_id IS NOT NULL THEN
    SELECT * INTO request FROM disbursement_requests WHERE id = NEW.disbursement_request_id;
    IF request.status <> 'approved' OR request.organisation_id <> NEW.organisation_id OR NOT EXISTS (
      SELECT 1 FROM ledger_postings WHERE transaction_id = NEW.id AND account_id = request.fund_account_id AND amount = request.amount
    ) THEN
      RAISE EXCEPTION 'disbursement % does not pay approved request % from its fund', NEW.id, request.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_disbursement_approved';
    END IF;
  END IF;
  IF NEW.pledge_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pledges WHERE id = NEW.pledge_id AND organisation_id = NEW.organisation_id) THEN
    RAISE EXCEPTION '% is against a pledge to another union', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_one_union';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- The postings' triggers fire once per statement, over the rows it inserted, instead of once per
-- posting: one balance update for a statement's increases, and one check that every posting was
-- written with its transaction.
DROP TRIGGER "ledger_postings_with_their_transaction" ON "ledger_postings";--> statement-breakpoint
DROP TRIGGER "ledger_postings_balance" ON "ledger_postings";--> statement-breakpoint
DROP FUNCTION ledger_postings_refuse_late();--> statement-breakpoint
-- Postings are written with their transaction, in the same (sub)transaction, and never after: a
-- committed transaction takes no more postings, sealed or not yet.
CREATE FUNCTION ledger_postings_refuse_late() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  late uuid;
BEGIN
  SELECT n.transaction_id INTO late FROM inserted n
  WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id
                    WHERE t.id = n.transaction_id AND p.account_id = n.account_id AND t.sequence IS NULL AND p.xmin = t.xmin)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % is already written: no postings can be added', late USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_postings_with_their_transaction AFTER INSERT ON ledger_postings REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_refuse_late();--> statement-breakpoint
-- Postings move their accounts' balances in the same statement (docs/ledger.md "Balances"), on the
-- normal side: debits for the bank, credits for the rest, and a need fund's movements with them.
-- The statement's postings are summed per account and side, and moved in account order: an
-- increase to one row (ledger_increase_shard); a decrease taken from the account's rows in order,
-- what they do not hold driving the last row below zero, which the check refuses — an overdraft
-- fails at once. Gross debits and credits, and movements, go to the first row a side touches.
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
    SELECT n.account_id, a.id IS NULL AS missing, a.kind AS account_kind,
           sum(CASE WHEN a.kind = 'bank' THEN n.amount ELSE -n.amount END) AS change,
           sum(greatest(n.amount, 0)) AS debit, sum(greatest(-n.amount, 0)) AS credit,
           sum(CASE WHEN a.kind = 'need-fund' AND coalesce(o.kind, t.kind) IN ('receipt', 'attribution') THEN -n.amount ELSE 0 END) AS raised,
           sum(CASE WHEN a.kind = 'need-fund' AND coalesce(o.kind, t.kind) = 'allocation' THEN -n.amount ELSE 0 END) AS allocated,
           sum(CASE WHEN a.kind = 'need-fund' AND coalesce(o.kind, t.kind) = 'disbursement' THEN n.amount ELSE 0 END) AS disbursed
    FROM inserted n
    LEFT JOIN ledger_accounts a ON a.id = n.account_id
    LEFT JOIN ledger_transactions t ON t.id = n.transaction_id
    LEFT JOIN ledger_transactions o ON o.id = t.reverses_id
    GROUP BY n.account_id, a.id, a.kind, (CASE WHEN a.kind = 'bank' THEN n.amount ELSE -n.amount END) >= 0
    ORDER BY n.account_id
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
$$;--> statement-breakpoint
CREATE TRIGGER ledger_postings_balance AFTER INSERT ON ledger_postings REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_move_balance();
