import { sql } from "drizzle-orm";
import { bigint, check, date, index, pgTable, smallint, text, unique, uuid } from "drizzle-orm/pg-core";
import { FUND_SOURCES, LEDGER_ACCOUNT_KINDS } from "../../app/domain/ledger/ledger-vocabulary";
import { NEED_CATEGORIES } from "../../app/domain/needs/need-category";
import { money, oneOf, sqlList } from "./columns";
import { organisations } from "./organisations";

// The ledger's postings summed by union, month, kind, source, account kind and need category, for
// the reports (docs/ledger.md, "Month totals"). Derived data, not part of the books: it can be
// emptied and folded again from the ledger at any time. Only receipts, allocations and disbursements
// are summed — what the reports count — each reversal under the kind, source and month of the
// transaction it undoes. A trigger of the migration moves a need's sums when its category changes.

/** The kinds of transaction the month totals keep (a reversal counts as the kind it undoes). */
export const MONTH_TOTAL_KINDS = ["receipt", "allocation", "disbursement"] as const;

/** A union's postings of one kind, source, account kind and need category in one month: their sum and debit side. */
export const ledgerMonthTotals = pgTable(
  "ledger_month_totals",
  {
    /** The union whose books they are in. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The first day of the month of the value date (of the original, for a reversal). */
    month: date("month").notNull(),
    kind: text("kind", { enum: MONTH_TOTAL_KINDS }).notNull(),
    /** A receipt's source (its original's, for a reversal); null for the other kinds. */
    source: text("source", { enum: FUND_SOURCES }),
    accountKind: text("account_kind", { enum: LEDGER_ACCOUNT_KINDS }).notNull(),
    /** The category of a need fund's need (now: it follows an edit); null for every other account. */
    category: text("category", { enum: NEED_CATEGORIES }),
    /** The sum of the postings, reversals included. */
    amount: money("amount").notNull(),
    /** The debit side: the sum of the positive postings, a reversal's counted against them. */
    moved: money("moved").notNull(),
  },
  (t) => [
    unique("ledger_month_totals_key").on(t.organisationId, t.month, t.kind, t.source, t.accountKind, t.category).nullsNotDistinct(),
    oneOf("ledger_month_totals_kind_valid", t.kind, MONTH_TOTAL_KINDS),
    check("ledger_month_totals_source_valid", sql`${t.source} is null or ${t.source} in (${sqlList(FUND_SOURCES)})`),
    oneOf("ledger_month_totals_account_kind_valid", t.accountKind, LEDGER_ACCOUNT_KINDS),
    check("ledger_month_totals_category_valid", sql`(${t.accountKind} = 'need-fund') = (${t.category} is not null) and (${t.category} is null or ${t.category} in (${sqlList(NEED_CATEGORIES)}))`),
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
