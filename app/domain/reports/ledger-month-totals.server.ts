// The ledger's money for the reports, read from the month totals: the postings summed by union,
// month, kind, source, account kind and need category, kept in `ledger_month_totals` by a fold that
// runs after the books move (at start-up and every minute), so that a province's report or the public
// figures add up a few thousand sums instead of every posting. The fold reaches up to a mark (a chain sequence); whatever was sealed after it, and
// the days of a period's partial first and last months, are read from the postings themselves, so a
// report is exact whenever the fold last ran. The mark and the sums are read in one snapshot
// (`readAtMark`), the mark first, so the planner sees it as a number.
//
// A reversal counts under the kind, source and month of what it undoes (the rules of the public
// totals, transparency/ledger-totals.server.ts): `amount` is the postings' sum, reversals included;
// `moved` the debit side, a reversal's counted against it.
import type { SQL } from "drizzle-orm";
import { count, eq, gt, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "../../../db/client.server";
import { ledgerAccounts, ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import { MONTH_TOTAL_KINDS, ledgerMonthTotals, ledgerMonthTotalsMark } from "../../../db/schema/ledger-month-totals";
import { needs } from "../../../db/schema/needs";
import { organisations } from "../../../db/schema/organisations";
import { sqlList } from "../../../db/schema/columns";
import type { RegionScope } from "../regions/region-scope.server";
import { inRegionScope } from "../regions/region-scope.server";
import type { ReportPeriod } from "./report-period";

const original = alias(ledgerTransactions, "original");

/**
 * Adds every transaction sealed since the mark to the month totals and moves the mark, in one
 * database transaction; the mark's row lock keeps two folds (two server instances) from summing a
 * transaction twice. Seals take the sequences after the last sealed one, one batch at a time under
 * the chain head's lock (ADR 010), so nothing can still be sealed below the mark.
 * A need's category is read as it is now; the migration's trigger moves the sums on a later edit.
 */
export async function foldLedgerMonthTotals(db: Database): Promise<{ through: bigint; transactions: number }> {
  return db.transaction(async (tx) => {
    const [mark] = await tx.select({ sequence: ledgerMonthTotalsMark.sequence }).from(ledgerMonthTotalsMark).where(eq(ledgerMonthTotalsMark.id, 1)).for("update");
    if (!mark) throw new Error("ledger_month_totals_mark has no row: the migrations have not run");
    const [head] = await tx
      .select({ through: max(ledgerTransactions.sequence), transactions: count() })
      .from(ledgerTransactions)
      .where(gt(ledgerTransactions.sequence, mark.sequence));
    if (!head?.through) return { through: mark.sequence, transactions: 0 };
    const through = BigInt(head.through);
    const kind = sql<string>`coalesce(${original.kind}, ${ledgerTransactions.kind})`;
    const month = sql<string>`date_trunc('month', coalesce(${original.valueDate}, ${ledgerTransactions.valueDate}))::date`;
    const source = sql<string | null>`coalesce(${original.source}, ${ledgerTransactions.source})`;
    const category = sql<string | null>`${needs.category}`;
    await tx
      .insert(ledgerMonthTotals)
      .select(
        tx
          .select({
            organisationId: ledgerAccounts.organisationId,
            month: month.as("month"),
            kind: kind.as("kind"),
            source: source.as("source"),
            accountKind: ledgerAccounts.kind,
            category: category.as("category"),
            amount: sql<string>`sum(${ledgerPostings.amount})`.as("amount"),
            moved: sql<string>`sum(case when ${ledgerTransactions.kind} = 'reversal' then -1 else 1 end * greatest(${ledgerPostings.amount}, 0))`.as("moved"),
          })
          .from(ledgerTransactions)
          .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
          .innerJoin(ledgerPostings, eq(ledgerPostings.transactionId, ledgerTransactions.id))
          .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerPostings.accountId))
          .leftJoin(needs, eq(needs.id, ledgerAccounts.needId))
          .where(sql`${ledgerTransactions.sequence} > ${mark.sequence} and ${ledgerTransactions.sequence} <= ${through} and ${kind} in (${sqlList(MONTH_TOTAL_KINDS)})`)
          .groupBy(ledgerAccounts.organisationId, month, kind, source, ledgerAccounts.kind, category),
      )
      .onConflictDoUpdate({
        target: [ledgerMonthTotals.organisationId, ledgerMonthTotals.month, ledgerMonthTotals.kind, ledgerMonthTotals.source, ledgerMonthTotals.accountKind, ledgerMonthTotals.category],
        set: { amount: sql`${ledgerMonthTotals.amount} + excluded.amount`, moved: sql`${ledgerMonthTotals.moved} + excluded.moved` },
      });
    await tx.update(ledgerMonthTotalsMark).set({ sequence: through }).where(eq(ledgerMonthTotalsMark.id, 1));
    return { through, transactions: head.transactions };
  });
}

/**
 * Runs `read` in one read-only snapshot with the month totals' mark: the totals hold every
 * transaction sealed up to it and none after, and stay so for the whole read however folds go on.
 */
export async function readAtMark<T>(db: Database, read: (tx: Transaction, mark: bigint) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      const [mark] = await tx.select({ sequence: ledgerMonthTotalsMark.sequence }).from(ledgerMonthTotalsMark).where(eq(ledgerMonthTotalsMark.id, 1));
      if (!mark) throw new Error("ledger_month_totals_mark has no row: the migrations have not run");
      return read(tx, mark.sequence);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10);

/** The whole months of a period, as the first day of the first and of the last; null when it has none. */
export function wholeMonthsOf(period: ReportPeriod): { first: string; last: string } | null {
  const [fromYear, fromMonth, fromDay] = period.from.split("-").map(Number) as [number, number, number];
  const [toYear, toMonth] = period.to.split("-").map(Number) as [number, number, number];
  const first = fromDay === 1 ? period.from : day(fromYear, fromMonth + 1, 1);
  // The month of `to` is whole when `to` is its last day; otherwise the one before is the last.
  const last = day(toYear, toMonth + 1, 0) === period.to ? day(toYear, toMonth, 1) : day(toYear, toMonth - 1, 1);
  return first <= last ? { first, last } : null;
}

/**
 * A derived table, `movements`, of the money of the unions of `region` ("" for every union): the rows
 * of the month totals, and one per posting for what they do not hold — with the union's region
 * (`union_region`), `month` (a date, the first), `kind`, `source`, `account_kind`, `category` (a need
 * fund's need's), `amount` and `moved`. Within `period` when one is given, else all time. `mark` is
 * the month totals' mark, read in the same snapshot (readAtMark).
 */
export function ledgerMoneySource(options: { region: RegionScope; period?: ReportPeriod; mark: bigint }): SQL {
  const { region, period, mark } = options;
  const whole = period ? wholeMonthsOf(period) : { first: null, last: null };
  const union = sql`${organisations.kind} = 'union'${region ? sql` and ${inRegionScope(organisations.regionCode, region)}` : sql``}`;
  const kinds = sqlList(MONTH_TOTAL_KINDS);

  const folded = whole
    ? sql`select ${organisations.regionCode} as union_region, ${ledgerMonthTotals.month} as month, ${ledgerMonthTotals.kind} as kind,
          ${ledgerMonthTotals.source} as source, ${ledgerMonthTotals.accountKind} as account_kind, ${ledgerMonthTotals.category} as category,
          ${ledgerMonthTotals.amount} as amount, ${ledgerMonthTotals.moved} as moved
        from ${ledgerMonthTotals}
        join ${organisations} on ${organisations.id} = ${ledgerMonthTotals.organisationId}
        where ${union}${whole.first ? sql` and ${ledgerMonthTotals.month} between ${whole.first} and ${whole.last}` : sql``}`
    : null;

  // A posting is read here when the month totals do not hold it: sealed after the mark (or not yet),
  // or on a day of the period outside its whole months.
  const notFolded = (sequence: SQL, valueDate: SQL) => {
    const inPeriod = period ? sql` and ${valueDate} between ${period.from} and ${period.to}` : sql``;
    if (!whole) return sql`true${inPeriod}`;
    const edges = whole.first ? sql` or ${valueDate} < ${whole.first}::date or ${valueDate} >= (${whole.last}::date + interval '1 month')` : sql``;
    return sql`(${sequence} > ${mark} or ${sequence} is null${edges})${inPeriod}`;
  };
  const t = ledgerTransactions;
  const postings = sql`join ${organisations} on ${organisations.id} = ${t.organisationId}
        join ${ledgerPostings} on ${ledgerPostings.transactionId} = ${t.id}
        join ${ledgerAccounts} on ${ledgerAccounts.id} = ${ledgerPostings.accountId}
        left join ${needs} on ${needs.id} = ${ledgerAccounts.needId}`;
  const direct = sql`select ${organisations.regionCode} as union_region, date_trunc('month', ${t.valueDate})::date as month, ${t.kind} as kind, ${t.source} as source,
          ${ledgerAccounts.kind} as account_kind, ${needs.category} as category, ${ledgerPostings.amount} as amount, greatest(${ledgerPostings.amount}, 0) as moved
        from ${t} ${postings}
        where ${union} and ${t.kind} in (${kinds}) and ${notFolded(sql`${t.sequence}`, sql`${t.valueDate}`)}`;
  // A reversal, under its original's kind, source and month, counted against it.
  const reversals = sql`select ${organisations.regionCode}, date_trunc('month', ${original.valueDate})::date, ${original.kind}, ${original.source}, ${ledgerAccounts.kind},
          ${needs.category}, ${ledgerPostings.amount}, -greatest(${ledgerPostings.amount}, 0)
        from ${t} join ${ledgerTransactions} ${sql.identifier("original")} on ${original.id} = ${t.reversesId} ${postings}
        where ${union} and ${t.kind} = 'reversal' and ${original.kind} in (${kinds}) and ${notFolded(sql`${t.sequence}`, sql`${original.valueDate}`)}`;
  const parts = folded ? [folded, direct, reversals] : [direct, reversals];
  return sql`(${sql.join(parts, sql` union all `)}) as movements`;
}
