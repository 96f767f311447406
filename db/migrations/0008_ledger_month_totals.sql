CREATE TABLE "ledger_month_totals" (
	"organisation_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"source" text,
	"account_kind" text NOT NULL,
	"category" text,
	"amount" numeric(18, 2) NOT NULL,
	"moved" numeric(18, 2) NOT NULL,
	CONSTRAINT "ledger_month_totals_key" UNIQUE NULLS NOT DISTINCT("organisation_id","month","kind","source","account_kind","category"),
	CONSTRAINT "ledger_month_totals_kind_valid" CHECK ("ledger_month_totals"."kind" in ('receipt', 'allocation', 'disbursement')),
	CONSTRAINT "ledger_month_totals_source_valid" CHECK ("ledger_month_totals"."source" is null or "ledger_month_totals"."source" in ('government', 'union', 'donations')),
	CONSTRAINT "ledger_month_totals_account_kind_valid" CHECK ("ledger_month_totals"."account_kind" in ('bank', 'clearing', 'general-fund', 'need-fund')),
	CONSTRAINT "ledger_month_totals_category_valid" CHECK (("ledger_month_totals"."account_kind" = 'need-fund') = ("ledger_month_totals"."category" is not null) and ("ledger_month_totals"."category" is null or "ledger_month_totals"."category" in ('job', 'training', 'tuition', 'medical', 'living', 'housing', 'legal', 'counselling', 'care', 'enterprise', 'goods'))),
	CONSTRAINT "ledger_month_totals_first_of_month" CHECK (extract(day from "ledger_month_totals"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "ledger_month_totals_mark" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_month_totals_mark_one_row" CHECK ("ledger_month_totals_mark"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "ledger_month_totals" ADD CONSTRAINT "ledger_month_totals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_month_totals_month_idx" ON "ledger_month_totals" USING btree ("month");--> statement-breakpoint
INSERT INTO "ledger_month_totals_mark" ("id", "sequence") VALUES (1, 0);
--> statement-breakpoint
-- A need's category is part of the month totals' key: when it changes, the sums already folded for
-- its fund move from the old category to the new one, in the transaction of the edit. The mark's
-- row lock waits for a fold under way (and holds the next one until the edit commits), so the sums
-- moved are exactly those below the mark. The same sums as foldLedgerMonthTotals
-- (app/domain/reports/ledger-month-totals.server.ts), for one need fund.
CREATE FUNCTION ledger_month_totals_recategorise() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  folded bigint;
BEGIN
  SELECT sequence INTO folded FROM ledger_month_totals_mark WHERE id = 1 FOR UPDATE;
  INSERT INTO ledger_month_totals AS totals (organisation_id, month, kind, source, account_kind, category, amount, moved)
  SELECT a.organisation_id, date_trunc('month', coalesce(o.value_date, t.value_date))::date, coalesce(o.kind, t.kind),
         coalesce(o.source, t.source), a.kind, c.category, c.sign * sum(p.amount),
         c.sign * sum(CASE WHEN t.kind = 'reversal' THEN -1 ELSE 1 END * greatest(p.amount, 0))
  FROM ledger_accounts a
  JOIN ledger_postings p ON p.account_id = a.id
  JOIN ledger_transactions t ON t.id = p.transaction_id
  LEFT JOIN ledger_transactions o ON o.id = t.reverses_id
  CROSS JOIN (VALUES (OLD.category, -1), (NEW.category, 1)) AS c (category, sign)
  WHERE a.kind = 'need-fund' AND a.need_id = NEW.id AND t.sequence <= folded
    AND coalesce(o.kind, t.kind) IN ('receipt', 'allocation', 'disbursement')
  GROUP BY 1, 2, 3, 4, 5, 6, c.sign
  ON CONFLICT ON CONSTRAINT ledger_month_totals_key
    DO UPDATE SET amount = totals.amount + excluded.amount, moved = totals.moved + excluded.moved;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER needs_category_month_totals AFTER UPDATE OF category ON needs
  FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category) EXECUTE FUNCTION ledger_month_totals_recategorise();
