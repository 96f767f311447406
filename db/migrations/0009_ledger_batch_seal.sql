CREATE INDEX "ledger_transactions_unsealed_idx" ON "ledger_transactions" USING btree ("recorded_at","id") WHERE "ledger_transactions"."sequence" is null;--> statement-breakpoint
-- Sealing in batches (ADR 010, superseding the seal at commit of ADR 008). A writer's commit no
-- longer takes the chain head: the deferred trigger only checks the transaction, so commits share
-- their WAL flushes. The sealer (`ledger_seal_pending`, called by the application after its commits
-- and on a timer) then links every committed, unsealed transaction into the chain in one database
-- transaction under the head's lock, in (recorded_at, id) order.
DROP TRIGGER "ledger_transactions_seal" ON "ledger_transactions";--> statement-breakpoint
DROP FUNCTION ledger_seal_transaction();--> statement-breakpoint
-- At commit (deferred): the postings balance, there are at least two, they stay within the union's
-- books, a reversal mirrors its original, a disbursement pays an approved request.
CREATE FUNCTION ledger_check_transaction() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t ledger_transactions;
  original ledger_transactions;
  request disbursement_requests;
  posting_count integer;
  total numeric;
BEGIN
  SELECT * INTO t FROM ledger_transactions WHERE id = NEW.id;
  SELECT count(*), coalesce(sum(amount), 0) INTO posting_count, total FROM ledger_postings WHERE transaction_id = t.id;
  IF posting_count < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has % posting(s); it needs at least two', t.id, posting_count
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_two_postings';
  END IF;
  IF total <> 0 THEN
    RAISE EXCEPTION 'postings of ledger transaction % sum to %, not zero', t.id, total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_balanced';
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
             WHERE p.transaction_id = t.id AND a.organisation_id <> t.organisation_id) THEN
    RAISE EXCEPTION 'ledger transaction % posts to another union''s accounts', t.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_one_union';
  END IF;
  IF t.reverses_id IS NOT NULL THEN
    SELECT * INTO original FROM ledger_transactions WHERE id = t.reverses_id;
    IF original.kind = 'reversal' OR original.organisation_id <> t.organisation_id OR EXISTS (
      (SELECT account_id, -amount FROM ledger_postings WHERE transaction_id = original.id
       EXCEPT SELECT account_id, amount FROM ledger_postings WHERE transaction_id = t.id)
      UNION ALL
      (SELECT account_id, amount FROM ledger_postings WHERE transaction_id = t.id
       EXCEPT SELECT account_id, -amount FROM ledger_postings WHERE transaction_id = original.id)
    ) THEN
      RAISE EXCEPTION 'reversal % does not mirror the postings of %, or reverses a reversal', t.id, original.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_reversal_mirrors';
    END IF;
  END IF;
  IF t.disbursement_request_id IS NOT NULL THEN
    SELECT * INTO request FROM disbursement_requests WHERE id = t.disbursement_request_id;
    IF request.status <> 'approved' OR request.organisation_id <> t.organisation_id OR NOT EXISTS (
      SELECT 1 FROM ledger_postings WHERE transaction_id = t.id AND account_id = request.fund_account_id AND amount = request.amount
    ) THEN
      RAISE EXCEPTION 'disbursement % does not pay approved request % from its fund', t.id, request.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_disbursement_approved';
    END IF;
  END IF;
  IF t.pledge_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pledges WHERE id = t.pledge_id AND organisation_id = t.organisation_id) THEN
    RAISE EXCEPTION '% is against a pledge to another union', t.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_one_union';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_transactions_check AFTER INSERT ON ledger_transactions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_transaction();--> statement-breakpoint
-- Transactions are append-only. The one change allowed is the seal: setting the sequence of an
-- unsealed row, nothing else, to the position after a sealed one (or 1). The database then writes
-- the previous hash (that position's hash) and the hash itself, whoever asked: a seal is always
-- the next link, and the sequence's uniqueness keeps the chain linear.
CREATE OR REPLACE FUNCTION ledger_transactions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous text;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.sequence IS NULL AND NEW.sequence IS NOT NULL
     AND (NEW.id, NEW.organisation_id, NEW.kind, NEW.value_date, NEW.recorded_at, NEW.actor_user_id, NEW.memo, NEW.idempotency_key,
          NEW.reverses_id, NEW.source, NEW.method, NEW.bank_reference, NEW.pledge_id, NEW.disbursement_request_id)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.organisation_id, OLD.kind, OLD.value_date, OLD.recorded_at, OLD.actor_user_id, OLD.memo, OLD.idempotency_key,
          OLD.reverses_id, OLD.source, OLD.method, OLD.bank_reference, OLD.pledge_id, OLD.disbursement_request_id) THEN
    IF NEW.sequence = 1 THEN
      previous := repeat('0', 64);
    ELSE
      SELECT hash INTO previous FROM ledger_transactions WHERE sequence = NEW.sequence - 1;
    END IF;
    IF previous IS NULL THEN
      RAISE EXCEPTION 'ledger transaction % cannot take sequence %: the one before it is not sealed', NEW.id, NEW.sequence
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_chain_linear';
    END IF;
    NEW.previous_hash := previous;
    NEW.hash := encode(sha256(convert_to(ledger_canonical_text(NEW, NEW.sequence, previous), 'UTF8')), 'hex');
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ledger_transactions is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
-- Postings are written with their transaction, in the same (sub)transaction, and never after: a
-- committed transaction takes no more postings, sealed or not yet.
DROP TRIGGER "ledger_postings_only_unsealed" ON "ledger_postings";--> statement-breakpoint
DROP FUNCTION ledger_postings_refuse_sealed();--> statement-breakpoint
CREATE FUNCTION ledger_postings_refuse_late() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id
                 WHERE t.id = NEW.transaction_id AND p.account_id = NEW.account_id AND t.sequence IS NULL AND p.xmin = t.xmin) THEN
    RAISE EXCEPTION 'ledger transaction % is already written: no postings can be added', NEW.transaction_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_postings_with_their_transaction AFTER INSERT ON ledger_postings FOR EACH ROW EXECUTE FUNCTION ledger_postings_refuse_late();--> statement-breakpoint
-- The chain head follows the chain: it moves forward only, onto a sealed transaction.
DROP TRIGGER "ledger_chain_head_only_by_seal" ON "ledger_chain_head";--> statement-breakpoint
CREATE FUNCTION ledger_chain_head_follow_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = 1 AND NEW.sequence >= OLD.sequence
     AND EXISTS (SELECT 1 FROM ledger_transactions WHERE sequence = NEW.sequence AND hash = NEW.hash AND id = NEW.transaction_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ledger_chain_head follows the chain: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_chain_head_follows_chain BEFORE INSERT OR UPDATE OR DELETE ON ledger_chain_head FOR EACH ROW EXECUTE FUNCTION ledger_chain_head_follow_chain();--> statement-breakpoint
-- The sealer: under the head's lock, links up to `batch_limit` committed, unsealed transactions
-- after the last sealed one, oldest first ((recorded_at, id): the same set always seals in the same
-- order), moves the head once, and answers how many it sealed. Sealers queue on the head; writers
-- never do.
CREATE FUNCTION ledger_seal_pending(batch_limit integer DEFAULT 500) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head_sequence bigint;
  last_sequence bigint;
  last_hash text;
  last_id uuid;
  pending uuid;
  sealed integer := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_transactions WHERE sequence IS NULL) THEN
    RETURN 0;
  END IF;
  SELECT sequence INTO head_sequence FROM ledger_chain_head WHERE id = 1 FOR UPDATE;
  SELECT sequence, hash, id INTO last_sequence, last_hash, last_id FROM ledger_transactions WHERE sequence IS NOT NULL ORDER BY sequence DESC LIMIT 1;
  last_sequence := coalesce(last_sequence, 0);
  FOR pending IN SELECT id FROM ledger_transactions WHERE sequence IS NULL ORDER BY recorded_at, id LIMIT batch_limit LOOP
    UPDATE ledger_transactions SET sequence = last_sequence + 1 WHERE id = pending AND sequence IS NULL RETURNING hash INTO last_hash;
    IF FOUND THEN
      last_sequence := last_sequence + 1;
      last_id := pending;
      sealed := sealed + 1;
    END IF;
  END LOOP;
  IF last_sequence > head_sequence THEN
    UPDATE ledger_chain_head SET sequence = last_sequence, hash = last_hash, transaction_id = last_id WHERE id = 1;
  END IF;
  RETURN sealed;
END
$$;
