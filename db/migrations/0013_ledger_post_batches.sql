-- Standalone writes posted in batches (ADR 014; app/domain/ledger/post-transaction.server.ts,
-- "postStandalone"): the writes that reach one process while its previous batch is with the
-- database go as one call and one commit, each still its own ledger transaction under its own
-- idempotency key, written by ledger_post_transaction exactly as alone. Nothing is accepted or
-- refused differently: the triggers and checks see the same rows, and if any item raises, the whole
-- batch writes nothing (the caller then posts its items one by one, each with its own answer).
--
-- The balance rows of every item are locked first, all together in (account, row) order, as a
-- single writer locks its own: without that, two batches locking in item order could each hold a row
-- the other wants. An item locks what it would lock alone — for an increase the row
-- ledger_increase_shard names, for a decrease all the account's rows — so batches and single
-- writers paying into one account still take different rows.
--
-- `items` is a JSON array of objects: organisation, kind, key, valueDate, actor, memo, reverses,
-- source, method, bankReference, pledge, request (strings or null), accounts (uuids) and amounts
-- (decimal strings), the postings in order. Answers one row per item, n counting from 1.
CREATE FUNCTION ledger_post_transactions(items jsonb, OUT n integer, OUT outcome text, OUT transaction_id uuid)
RETURNS SETOF record LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  accounts uuid[];
  amounts numeric[];
  posted record;
BEGIN
  PERFORM 1
  FROM ledger_balances b
  JOIN (
    SELECT a.id AS account_id, a.kind,
           bool_or(CASE WHEN a.kind = 'bank' THEN amount.value::numeric ELSE -(amount.value::numeric) END < 0) AS decrease
    FROM jsonb_array_elements(items) AS i
    CROSS JOIN LATERAL jsonb_array_elements_text(i.value->'accounts') WITH ORDINALITY AS account(value, o)
    CROSS JOIN LATERAL (SELECT i.value->'amounts'->>(account.o::integer - 1) AS value) AS amount
    JOIN ledger_accounts a ON a.id = account.value::uuid AND a.organisation_id = (i.value->>'organisation')::uuid
    GROUP BY a.id, a.kind
  ) AS moved ON moved.account_id = b.account_id
  WHERE b.shard = ledger_increase_shard(moved.kind) OR moved.decrease
  ORDER BY b.account_id, b.shard
  FOR UPDATE OF b;

  n := 0;
  FOR item IN SELECT e.value FROM jsonb_array_elements(items) AS e LOOP
    n := n + 1;
    accounts := ARRAY(SELECT x.value::uuid FROM jsonb_array_elements_text(item->'accounts') WITH ORDINALITY AS x(value, o) ORDER BY x.o);
    amounts := ARRAY(SELECT x.value::numeric FROM jsonb_array_elements_text(item->'amounts') WITH ORDINALITY AS x(value, o) ORDER BY x.o);
    SELECT * INTO posted FROM ledger_post_transaction(
      (item->>'organisation')::uuid, item->>'kind', item->>'key', (item->>'valueDate')::date, (item->>'actor')::uuid, item->>'memo',
      (item->>'reverses')::uuid, item->>'source', item->>'method', item->>'bankReference', (item->>'pledge')::uuid, (item->>'request')::uuid,
      accounts, amounts, true);
    outcome := posted.outcome;
    transaction_id := posted.transaction_id;
    RETURN NEXT;
  END LOOP;
END
$$;
