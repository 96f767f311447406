import { sql } from "drizzle-orm";
import { bigint, check, date, index, pgTable, smallint, text, unique, uuid } from "drizzle-orm/pg-core";
import { FUND_SOURCES } from "../../app/domain/ledger/ledger-vocabulary";
import { money, oneOf, sqlList } from "./columns";
import { ledgerAccounts } from "./ledger";

// The ledger's postings summed by account and month, for the reports (docs/ledger.md, "Month
// totals"). Derived data, not part of the books: it can be dropped and folded again from the ledger
// at any time. Only receipts, allocations and disbursements are summed — what the reports count —
// each reversal under the kind, source and month of the transaction it undoes.

/** The kinds of transaction the month totals keep (a reversal counts as the kind it undoes). */
export const MONTH_TOTAL_KINDS = ["receipt", "allocation", "disbursement"] as const;

/** One account's postings of one kind (and source) in one month: their sum and their debit side. */
export const ledgerMonthTotals = pgTable(
  "ledger_month_totals",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    /** The first day of the month of the value date (of the original, for a reversal). */
    month: date("month").notNull(),
    kind: text("kind", { enum: MONTH_TOTAL_KINDS }).notNull(),
    /** A receipt's source (its original's, for a reversal); null for the other kinds. */
    source: text("source", { enum: FUND_SOURCES }),
    /** The sum of the postings, reversals included. */
    amount: money("amount").notNull(),
    /** The debit side: the sum of the positive postings, a reversal's counted against them. */
    moved: money("moved").notNull(),
  },
  (t) => [
    unique("ledger_month_totals_key").on(t.accountId, t.month, t.kind, t.source).nullsNotDistinct(),
    oneOf("ledger_month_totals_kind_valid", t.kind, MONTH_TOTAL_KINDS),
    check("ledger_month_totals_source_valid", sql`${t.source} is null or ${t.source} in (${sqlList(FUND_SOURCES)})`),
    check("ledger_month_totals_first_of_month", sql`extract(day from ${t.month}) = 1`),
    index("ledger_month_totals_month_idx").on(t.month),
  ],
);

/** How far the month totals reach: every transaction sealed up to `sequence` is summed, none after. */
export const ledgerMonthTotalsMark = pgTable(
  "ledger_month_totals_mark",
  {
    id: smallint("id").primaryKey().default(1),
    sequence: bigint("sequence", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [check("ledger_month_totals_mark_one_row", sql`${t.id} = 1`)],
);
