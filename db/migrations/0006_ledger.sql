CREATE TABLE "disbursement_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"fund_account_id" uuid NOT NULL,
	"payee_name" text NOT NULL,
	"payee_kind" text NOT NULL,
	"purpose" text NOT NULL,
	"invoice_ref" text,
	"amount" numeric(18, 2) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"approved_by" uuid,
	"rejected_by" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursement_requests_ref_unique" UNIQUE("ref"),
	CONSTRAINT "disbursement_requests_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "disbursement_requests_status_valid" CHECK ("disbursement_requests"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "disbursement_requests_payee_kind_valid" CHECK ("disbursement_requests"."payee_kind" in ('school', 'hospital', 'training', 'other')),
	CONSTRAINT "disbursement_requests_amount_positive" CHECK ("disbursement_requests"."amount" > 0),
	CONSTRAINT "disbursement_requests_approver_not_requester" CHECK ("disbursement_requests"."approved_by" is null or "disbursement_requests"."approved_by" <> "disbursement_requests"."requested_by"),
	CONSTRAINT "disbursement_requests_rejecter_not_requester" CHECK ("disbursement_requests"."rejected_by" is null or "disbursement_requests"."rejected_by" <> "disbursement_requests"."requested_by"),
	CONSTRAINT "disbursement_requests_approved_has_approver" CHECK (("disbursement_requests"."status" = 'approved') = ("disbursement_requests"."approved_by" is not null)),
	CONSTRAINT "disbursement_requests_rejected_has_rejecter" CHECK (("disbursement_requests"."status" = 'rejected') = ("disbursement_requests"."rejected_by" is not null)),
	CONSTRAINT "disbursement_requests_decided_has_date" CHECK (("disbursement_requests"."status" = 'pending') = ("disbursement_requests"."decided_at" is null)),
	CONSTRAINT "disbursement_requests_rejected_has_reason" CHECK ("disbursement_requests"."status" <> 'rejected' or "disbursement_requests"."rejection_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text,
	"need_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_kind_valid" CHECK ("ledger_accounts"."kind" in ('bank', 'clearing', 'general-fund', 'need-fund')),
	CONSTRAINT "ledger_accounts_source_valid" CHECK ("ledger_accounts"."source" is null or "ledger_accounts"."source" in ('government', 'union', 'donations')),
	CONSTRAINT "ledger_accounts_general_fund_has_source" CHECK (("ledger_accounts"."kind" = 'general-fund') = ("ledger_accounts"."source" is not null)),
	CONSTRAINT "ledger_accounts_need_fund_has_need" CHECK (("ledger_accounts"."kind" = 'need-fund') = ("ledger_accounts"."need_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "ledger_balances" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"balance" numeric(18, 2) DEFAULT 0 NOT NULL,
	"debits" numeric(18, 2) DEFAULT 0 NOT NULL,
	"credits" numeric(18, 2) DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_balances_not_negative" CHECK ("ledger_balances"."balance" >= 0),
	CONSTRAINT "ledger_balances_totals_not_negative" CHECK ("ledger_balances"."debits" >= 0 and "ledger_balances"."credits" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_chain_head" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"sequence" bigint NOT NULL,
	"hash" text NOT NULL,
	"transaction_id" uuid,
	CONSTRAINT "ledger_chain_head_one_row" CHECK ("ledger_chain_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"transaction_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "ledger_postings_pkey" PRIMARY KEY("transaction_id","account_id"),
	CONSTRAINT "ledger_postings_amount_not_zero" CHECK ("ledger_postings"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sequence" bigint,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value_date" date DEFAULT ((now() at time zone 'Asia/Shanghai')::date) NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"memo" text,
	"idempotency_key" text NOT NULL,
	"reverses_id" uuid,
	"source" text,
	"method" text,
	"bank_reference" text,
	"pledge_id" uuid,
	"disbursement_request_id" uuid,
	"previous_hash" text,
	"hash" text,
	CONSTRAINT "ledger_transactions_sequence_key" UNIQUE("sequence"),
	CONSTRAINT "ledger_transactions_idempotency_key_key" UNIQUE("idempotency_key"),
	CONSTRAINT "ledger_transactions_kind_valid" CHECK ("ledger_transactions"."kind" in ('receipt', 'attribution', 'allocation', 'disbursement', 'reversal')),
	CONSTRAINT "ledger_transactions_source_valid" CHECK ("ledger_transactions"."source" is null or "ledger_transactions"."source" in ('government', 'union', 'donations')),
	CONSTRAINT "ledger_transactions_method_valid" CHECK ("ledger_transactions"."method" is null or "ledger_transactions"."method" in ('bank-transfer', 'cash', 'other')),
	CONSTRAINT "ledger_transactions_idempotency_key_length" CHECK (length("ledger_transactions"."idempotency_key") between 1 and 200),
	CONSTRAINT "ledger_transactions_reversal_has_original" CHECK (("ledger_transactions"."kind" = 'reversal') = ("ledger_transactions"."reverses_id" is not null)),
	CONSTRAINT "ledger_transactions_reversal_has_reason" CHECK ("ledger_transactions"."kind" <> 'reversal' or "ledger_transactions"."memo" is not null),
	CONSTRAINT "ledger_transactions_receipt_has_source" CHECK ("ledger_transactions"."kind" <> 'receipt' or ("ledger_transactions"."source" is not null and "ledger_transactions"."method" is not null)),
	CONSTRAINT "ledger_transactions_pledge_is_money_in" CHECK ("ledger_transactions"."pledge_id" is null or "ledger_transactions"."kind" in ('receipt', 'attribution')),
	CONSTRAINT "ledger_transactions_disbursement_has_request" CHECK (("ledger_transactions"."kind" = 'disbursement') = ("ledger_transactions"."disbursement_request_id" is not null)),
	CONSTRAINT "ledger_transactions_sealed_together" CHECK (("ledger_transactions"."sequence" is null) = ("ledger_transactions"."hash" is null) and ("ledger_transactions"."hash" is null) = ("ledger_transactions"."previous_hash" is null)),
	CONSTRAINT "ledger_transactions_hash_hex" CHECK ("ledger_transactions"."hash" is null or ("ledger_transactions"."hash" ~ '^[0-9a-f]{64}$' and "ledger_transactions"."previous_hash" ~ '^[0-9a-f]{64}$'))
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"need_id" uuid,
	"amount" numeric(18, 2) NOT NULL,
	"display_name" text,
	"is_anonymous" boolean NOT NULL,
	"contact" text,
	"message" text,
	"tracking_code_hash" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"idempotency_key" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledges_ref_unique" UNIQUE("ref"),
	CONSTRAINT "pledges_tracking_code_hash_unique" UNIQUE("tracking_code_hash"),
	CONSTRAINT "pledges_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "pledges_status_valid" CHECK ("pledges"."status" in ('open', 'partly-received', 'received', 'expired', 'cancelled')),
	CONSTRAINT "pledges_amount_positive" CHECK ("pledges"."amount" > 0),
	CONSTRAINT "pledges_named_unless_anonymous" CHECK ("pledges"."is_anonymous" = ("pledges"."display_name" is null)),
	CONSTRAINT "pledges_cancelled_has_date" CHECK (("pledges"."status" = 'cancelled') = ("pledges"."cancelled_at" is not null)),
	CONSTRAINT "pledges_tracking_code_hash_hex" CHECK ("pledges"."tracking_code_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "union_bank_details" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"account_name" text NOT NULL,
	"bank_name" text NOT NULL,
	"account_number" text NOT NULL,
	"contact" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disbursement_requests" ADD CONSTRAINT "disbursement_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_requests" ADD CONSTRAINT "disbursement_requests_fund_account_id_ledger_accounts_id_fk" FOREIGN KEY ("fund_account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_requests" ADD CONSTRAINT "disbursement_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_requests" ADD CONSTRAINT "disbursement_requests_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_requests" ADD CONSTRAINT "disbursement_requests_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_balances" ADD CONSTRAINT "ledger_balances_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_chain_head" ADD CONSTRAINT "ledger_chain_head_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_reverses_id_ledger_transactions_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_pledge_id_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_disbursement_request_id_disbursement_requests_id_fk" FOREIGN KEY ("disbursement_request_id") REFERENCES "public"."disbursement_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_bank_details" ADD CONSTRAINT "union_bank_details_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_bank_details" ADD CONSTRAINT "union_bank_details_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disbursement_requests_organisation_idx" ON "disbursement_requests" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_bank_idx" ON "ledger_accounts" USING btree ("organisation_id") WHERE "ledger_accounts"."kind" = 'bank';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_clearing_idx" ON "ledger_accounts" USING btree ("organisation_id") WHERE "ledger_accounts"."kind" = 'clearing';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_general_fund_idx" ON "ledger_accounts" USING btree ("organisation_id","source") WHERE "ledger_accounts"."kind" = 'general-fund';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_need_fund_idx" ON "ledger_accounts" USING btree ("need_id") WHERE "ledger_accounts"."kind" = 'need-fund';--> statement-breakpoint
CREATE INDEX "ledger_postings_account_idx" ON "ledger_postings" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transactions_reversed_once_idx" ON "ledger_transactions" USING btree ("reverses_id") WHERE "ledger_transactions"."reverses_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transactions_disbursed_once_idx" ON "ledger_transactions" USING btree ("disbursement_request_id") WHERE "ledger_transactions"."disbursement_request_id" is not null;--> statement-breakpoint
CREATE INDEX "ledger_transactions_organisation_idx" ON "ledger_transactions" USING btree ("organisation_id","recorded_at");--> statement-breakpoint
CREATE INDEX "ledger_transactions_pledge_idx" ON "ledger_transactions" USING btree ("pledge_id") WHERE "ledger_transactions"."pledge_id" is not null;--> statement-breakpoint
CREATE INDEX "pledges_organisation_idx" ON "pledges" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "pledges_need_idx" ON "pledges" USING btree ("need_id");--> statement-breakpoint
-- Ledger guarantees (docs/ledger.md, ADR 008). The database itself keeps them, whoever writes.
-- Functions that write on the ledger's behalf run as their owner (SECURITY DEFINER), so an
-- application role granted only SELECT and INSERT on the ledger tables can still post.
INSERT INTO "ledger_chain_head" ("id", "sequence", "hash") VALUES (1, 0, repeat('0', 64));--> statement-breakpoint
-- The canonical text a transaction's hash is taken over: one line per field, `name=bytes:value`
-- (length in UTF-8 bytes, `name=-` for null), then one `posting` line per account in account order.
-- app/domain/ledger/ledger-canonical.ts writes the same text; `ledger verify` recomputes it.
CREATE FUNCTION ledger_canonical_field(name text, value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT name || '=' || CASE WHEN value IS NULL THEN '-' ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END || E'\n'
$$;--> statement-breakpoint
CREATE FUNCTION ledger_canonical_text(t ledger_transactions, seq bigint, previous text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT ledger_canonical_field('format', 'xiangyun-ledger-1')
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
    || coalesce((SELECT string_agg(ledger_canonical_field('posting', p.account_id::text || ' ' || p.amount::text), '' ORDER BY p.account_id)
                 FROM ledger_postings p WHERE p.transaction_id = t.id), '')
$$;--> statement-breakpoint
-- At commit (deferred): the postings balance, there are at least two, they stay within the union's
-- books, a reversal mirrors its original, a disbursement pays an approved request; then the row is
-- sealed into the chain. The chain head is locked last and only for the commit, so writers queue
-- briefly and the chain stays linear in commit order.
CREATE FUNCTION ledger_seal_transaction() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t ledger_transactions;
  original ledger_transactions;
  request disbursement_requests;
  posting_count integer;
  total numeric;
  head ledger_chain_head;
  sealed text;
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
  SELECT * INTO head FROM ledger_chain_head WHERE id = 1 FOR UPDATE;
  sealed := encode(sha256(convert_to(ledger_canonical_text(t, head.sequence + 1, head.hash), 'UTF8')), 'hex');
  UPDATE ledger_transactions SET sequence = head.sequence + 1, previous_hash = head.hash, hash = sealed WHERE id = t.id;
  UPDATE ledger_chain_head SET sequence = head.sequence + 1, hash = sealed, transaction_id = t.id WHERE id = 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_transactions_seal AFTER INSERT ON ledger_transactions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_seal_transaction();--> statement-breakpoint
-- Transactions are append-only. The one change allowed is the seal, from within the seal trigger.
CREATE FUNCTION ledger_transactions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND (NEW.id, NEW.organisation_id, NEW.kind, NEW.value_date, NEW.recorded_at, NEW.actor_user_id, NEW.memo, NEW.idempotency_key,
          NEW.reverses_id, NEW.source, NEW.method, NEW.bank_reference, NEW.pledge_id, NEW.disbursement_request_id)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.organisation_id, OLD.kind, OLD.value_date, OLD.recorded_at, OLD.actor_user_id, OLD.memo, OLD.idempotency_key,
          OLD.reverses_id, OLD.source, OLD.method, OLD.bank_reference, OLD.pledge_id, OLD.disbursement_request_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ledger_transactions is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_update_delete BEFORE UPDATE OR DELETE ON ledger_transactions FOR EACH ROW EXECUTE FUNCTION ledger_transactions_refuse_change();--> statement-breakpoint
-- Postings are append-only too, and only a transaction still being written takes new ones.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_postings_no_update_delete BEFORE UPDATE OR DELETE ON ledger_postings FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE FUNCTION ledger_postings_refuse_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_transactions WHERE id = NEW.transaction_id AND hash IS NOT NULL) THEN
    RAISE EXCEPTION 'ledger transaction % is sealed: no postings can be added', NEW.transaction_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_postings_only_unsealed BEFORE INSERT ON ledger_postings FOR EACH ROW EXECUTE FUNCTION ledger_postings_refuse_sealed();--> statement-breakpoint
-- A posting moves its account's balance in the same transaction; the balance's CHECK refuses an
-- overdraft at once. Balances read on the normal side: debits for the bank, credits for the rest.
CREATE FUNCTION ledger_postings_move_balance() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE ledger_balances b SET
    balance = b.balance + CASE WHEN a.kind = 'bank' THEN NEW.amount ELSE -NEW.amount END,
    debits = b.debits + greatest(NEW.amount, 0),
    credits = b.credits + greatest(-NEW.amount, 0)
  FROM ledger_accounts a
  WHERE a.id = NEW.account_id AND b.account_id = NEW.account_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger account % has no balance row', NEW.account_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_postings_balance AFTER INSERT ON ledger_postings FOR EACH ROW EXECUTE FUNCTION ledger_postings_move_balance();--> statement-breakpoint
-- Every account has its balance row from the start, so writers can lock it in account order.
CREATE FUNCTION ledger_accounts_open_balance() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO ledger_balances (account_id) VALUES (NEW.id);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_accounts_balance AFTER INSERT ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION ledger_accounts_open_balance();--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_update_delete BEFORE UPDATE OR DELETE ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
-- Balances and the chain head change only from the ledger's own triggers (trigger depth > 1).
CREATE FUNCTION ledger_refuse_direct_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION '% changes only with postings: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'ledger_balances' THEN
    IF NEW.balance <> 0 OR NEW.debits <> 0 OR NEW.credits <> 0 THEN
      RAISE EXCEPTION 'a new balance starts at zero' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_balances_only_by_postings BEFORE INSERT OR UPDATE OR DELETE ON ledger_balances FOR EACH ROW EXECUTE FUNCTION ledger_refuse_direct_write();--> statement-breakpoint
CREATE TRIGGER ledger_chain_head_only_by_seal BEFORE INSERT OR UPDATE OR DELETE ON ledger_chain_head FOR EACH ROW EXECUTE FUNCTION ledger_refuse_direct_write();--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_balances_no_truncate BEFORE TRUNCATE ON ledger_balances FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_chain_head_no_truncate BEFORE TRUNCATE ON ledger_chain_head FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
-- A decided disbursement request stays decided, and requests are never removed.
CREATE FUNCTION disbursement_requests_refuse_redecision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'disbursement request %: % refused once decided', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER disbursement_requests_decided_final BEFORE UPDATE OR DELETE ON disbursement_requests FOR EACH ROW EXECUTE FUNCTION disbursement_requests_refuse_redecision();--> statement-breakpoint
-- Privileges say the same where the application connects as a role other than the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_transactions, ledger_postings, ledger_balances, ledger_accounts, ledger_chain_head FROM PUBLIC;
