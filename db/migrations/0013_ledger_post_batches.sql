-- Standalone writes posted in batches (ADR 014; app/domain/ledger/post-transaction.server.ts,
-- "postStandalone"): the writes that reach one process while its batches are with the database go
-- as one call and one commit, each still its own ledger transaction under its own idempotency key,
-- with the rows it would have alone. Nothing is accepted or refused differently: the triggers and
-- checks see the same rows, and if any item raises, the whole batch writes nothing (the caller then
-- posts its items one by one, each with its own answer).
--
-- The balance rows of every item are locked first, all together in (account, row) order, as a
-- single writer locks its own: without that, two batches locking in item order could each hold a row
-- the other wants. An item locks what it would lock alone — for an increase the row
-- ledger_increase_shard names, for a decrease all the account's rows — so batches and single
-- writers paying into one account still take different rows.
--
-- A batch that only raises balances (receipts into general funds: the common case) is written set by
-- set — every transaction row in one insert, every posting in another — so the posting triggers run
-- once for the batch instead of once per item; the rows and what the triggers check are the same as
-- item by item. Such a batch cannot overdraw. A batch with any decrease goes item by item through
-- ledger_post_transaction, which checks each decrease against the balance the items before it left.
--
-- `items` is a JSON array of objects: organisation, kind, key, valueDate, actor, memo, reverses,
-- source, method, bankReference, pledge, request (strings or null), accounts (uuids) and amounts
-- (decimal strings), the postings in order. Answers one row per item, n counting from 1: 'posted'
-- with its transaction's id, or 'key-taken' having written nothing for it (a key taken before the
-- batch, or by an item before it in the batch).
--
-- A batch's postings, one row each: the item's number and union, the account, the amount (a debit
-- positive) and, when the account is in that union's books, its kind and the change on its normal
-- side (a debit raises the bank, a credit the others). The one place the batch's JSON is read for postings.
CREATE FUNCTION ledger_batch_postings(items jsonb)
RETURNS TABLE (n integer, organisation uuid, account_id uuid, amount numeric, account_kind text, change numeric) LANGUAGE sql STABLE AS $$
  SELECT i.n::integer, (i.item->>'organisation')::uuid, p.account_id::uuid, (i.item->'amounts'->>(p.o::integer - 1))::numeric, a.kind,
         CASE WHEN a.kind = 'bank' THEN 1 ELSE -1 END * (i.item->'amounts'->>(p.o::integer - 1))::numeric
  FROM jsonb_array_elements(items) WITH ORDINALITY AS i(item, n)
  CROSS JOIN LATERAL jsonb_array_elements_text(i.item->'accounts') WITH ORDINALITY AS p(account_id, o)
  LEFT JOIN ledger_accounts a ON a.id = p.account_id::uuid AND a.organisation_id = (i.item->>'organisation')::uuid
$$;--> statement-breakpoint
CREATE FUNCTION ledger_post_transactions(items jsonb, OUT n integer, OUT outcome text, OUT transaction_id uuid)
RETURNS SETOF record LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  posted record;
  one_by_one boolean;
BEGIN
  -- Every balance row an item would lock, locked together in (account, row) order.
  PERFORM 1
  FROM ledger_balances b
  JOIN (
    SELECT bp.account_id, min(bp.account_kind) AS kind, bool_or(bp.change < 0) AS decrease
    FROM ledger_batch_postings(items) bp WHERE bp.account_kind IS NOT NULL GROUP BY bp.account_id
  ) AS moved ON moved.account_id = b.account_id
  WHERE b.shard = ledger_increase_shard(moved.kind) OR moved.decrease
  ORDER BY b.account_id, b.shard
  FOR UPDATE OF b;

  -- A decrease, an account outside the item's books or a need fund: item by item, where
  -- ledger_post_transaction checks each decrease in turn and raises each refusal as it would alone.
  SELECT coalesce(bool_or(bp.change < 0 OR bp.account_kind IS NULL OR bp.account_kind = 'need-fund'), false)
    INTO one_by_one FROM ledger_batch_postings(items) bp;
  IF one_by_one THEN
    n := 0;
    FOR item IN SELECT e.value FROM jsonb_array_elements(items) AS e LOOP
      n := n + 1;
      SELECT * INTO posted FROM ledger_post_transaction(
        (item->>'organisation')::uuid, item->>'kind', item->>'key', (item->>'valueDate')::date, (item->>'actor')::uuid, item->>'memo',
        (item->>'reverses')::uuid, item->>'source', item->>'method', item->>'bankReference', (item->>'pledge')::uuid, (item->>'request')::uuid,
        ARRAY(SELECT x.value::uuid FROM jsonb_array_elements_text(item->'accounts') WITH ORDINALITY AS x(value, o) ORDER BY x.o),
        ARRAY(SELECT x.value::numeric FROM jsonb_array_elements_text(item->'amounts') WITH ORDINALITY AS x(value, o) ORDER BY x.o),
        true);
      outcome := posted.outcome;
      transaction_id := posted.transaction_id;
      RETURN NEXT;
    END LOOP;
    RETURN;
  END IF;

  -- Only increases, all in the items' books: the transaction rows in one insert (the first item of
  -- each key, in key order; a key already taken writes nothing), their postings in another.
  RETURN QUERY
  WITH input AS (
    SELECT e.n::integer AS n, e.item FROM jsonb_array_elements(items) WITH ORDINALITY AS e(item, n)
  ), firsts AS (
    SELECT DISTINCT ON (input.item->>'key') input.n, input.item FROM input ORDER BY input.item->>'key', input.n
  ), inserted AS (
    INSERT INTO ledger_transactions AS t (organisation_id, kind, idempotency_key, value_date, actor_user_id, memo, reverses_id, source, method,
                                          bank_reference, pledge_id, disbursement_request_id)
    SELECT (f.item->>'organisation')::uuid, f.item->>'kind', f.item->>'key',
           coalesce((f.item->>'valueDate')::date, (now() AT TIME ZONE 'Asia/Shanghai')::date), (f.item->>'actor')::uuid, f.item->>'memo',
           (f.item->>'reverses')::uuid, f.item->>'source', f.item->>'method', f.item->>'bankReference', (f.item->>'pledge')::uuid,
           (f.item->>'request')::uuid
    FROM firsts f ORDER BY f.item->>'key'
    ON CONFLICT ON CONSTRAINT ledger_transactions_idempotency_key_key DO NOTHING
    RETURNING t.id, t.idempotency_key
  ), owner AS (
    SELECT inserted.id, f.n FROM inserted JOIN firsts f ON f.item->>'key' = inserted.idempotency_key
  ), postings AS (
    INSERT INTO ledger_postings (transaction_id, account_id, amount)
    SELECT owner.id, bp.account_id, bp.amount FROM owner JOIN ledger_batch_postings(items) bp ON bp.n = owner.n
  )
  SELECT input.n, CASE WHEN owner.id IS NULL THEN 'key-taken' ELSE 'posted' END, owner.id
  FROM input LEFT JOIN owner ON owner.n = input.n ORDER BY input.n;
END
$$;
