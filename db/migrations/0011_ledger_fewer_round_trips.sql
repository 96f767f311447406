-- Cheaper ledger writes (docs/ledger.md "Writing a transaction"). The canonical text and the hash
-- are unchanged: only the work of producing them is less, and a writer's transaction row, balance
-- lock and postings go to the database as one call instead of three statements.
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
-- increase the connection's row, for a decrease all the account's rows — then the postings. It runs
-- with the caller's rights and adds no guarantee of its own: the triggers and checks refuse what
-- they refused before, whoever writes. It answers one row:
--   outcome 'posted'      the transaction's id, and the needs whose funds it moved;
--   outcome 'key-taken'   nothing written: the key was posted before (the caller compares content);
--   outcome 'not-in-books' an account is missing or in another union's books;
--   outcome 'overdrawn'   the account that does not hold enough, and what it holds.
-- The caller rolls back on any outcome but 'posted' and 'key-taken'.
CREATE FUNCTION ledger_post_transaction(
  organisation uuid, kind text, idempotency_key text, value_date date, actor_user_id uuid, memo text,
  reverses_id uuid, source text, method text, bank_reference text, pledge_id uuid, disbursement_request_id uuid,
  accounts uuid[], amounts numeric[],
  OUT outcome text, OUT transaction_id uuid, OUT account_id uuid, OUT balance numeric, OUT need_ids uuid[]
) LANGUAGE plpgsql AS $$
DECLARE
  found_accounts integer;
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
      AND (b.shard = ledger_balance_shard() OR (CASE WHEN a.kind = 'bank' THEN posting.amount ELSE -posting.amount END) < 0)
    ORDER BY b.account_id, b.shard
    FOR UPDATE OF b
  ), held AS (
    SELECT l.account_id, l.kind, l.need_id, l.change, sum(l.balance) AS balance FROM locked l GROUP BY l.account_id, l.kind, l.need_id, l.change
  )
  SELECT count(*),
         (array_agg(held.account_id ORDER BY held.account_id) FILTER (WHERE held.balance + held.change < 0))[1],
         (array_agg(held.balance ORDER BY held.account_id) FILTER (WHERE held.balance + held.change < 0))[1],
         coalesce(array_agg(held.need_id) FILTER (WHERE held.kind = 'need-fund' AND held.need_id IS NOT NULL), '{}')
    INTO found_accounts, account_id, balance, need_ids
    FROM held;
  IF found_accounts <> cardinality(accounts) THEN
    outcome := 'not-in-books';
    RETURN;
  END IF;
  IF account_id IS NOT NULL THEN
    outcome := 'overdrawn';
    RETURN;
  END IF;
  INSERT INTO ledger_postings (transaction_id, account_id, amount)
  SELECT ledger_post_transaction.transaction_id, p.account_id, p.amount FROM unnest(accounts, amounts) AS p(account_id, amount);
  outcome := 'posted';
END
$$;
