CREATE TABLE "ledger_month_totals" (
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"source" text,
	"amount" numeric(18, 2) NOT NULL,
	"moved" numeric(18, 2) NOT NULL,
	CONSTRAINT "ledger_month_totals_key" UNIQUE NULLS NOT DISTINCT("account_id","month","kind","source"),
	CONSTRAINT "ledger_month_totals_kind_valid" CHECK ("ledger_month_totals"."kind" in ('receipt', 'allocation', 'disbursement')),
	CONSTRAINT "ledger_month_totals_source_valid" CHECK ("ledger_month_totals"."source" is null or "ledger_month_totals"."source" in ('government', 'union', 'donations')),
	CONSTRAINT "ledger_month_totals_first_of_month" CHECK (extract(day from "ledger_month_totals"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "ledger_month_totals_mark" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_month_totals_mark_one_row" CHECK ("ledger_month_totals_mark"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "ledger_month_totals" ADD CONSTRAINT "ledger_month_totals_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_month_totals_month_idx" ON "ledger_month_totals" USING btree ("month");--> statement-breakpoint
INSERT INTO "ledger_month_totals_mark" ("id", "sequence") VALUES (1, 0);
