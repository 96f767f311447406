// Money of a region for a staff report, summed in the database from the ledger (through the month
// totals, ledger-month-totals.server.ts): the books of every union in the region (its own and the
// unions below it), read once per report and grouped by the region below it lies in, month, kind,
// source, account kind and need category. Received is the bank's side of each receipt, by source and
// month; allocated and disbursed count the transactions' debit side, by month; both by need category
// from the funds' side (disbursements from a general fund under "general"). Each is net of reversals,
// a reversal counted in the month of what it undoes — the rules of the public totals
// (transparency/ledger-totals.server.ts). Days are value dates (Beijing).
import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import type { FundSource, LedgerAccountKind } from "../ledger/ledger-vocabulary";
import { FUND_SOURCES } from "../ledger/ledger-vocabulary";
import type { Money } from "../money/money";
import { ZERO_MONEY, addMoney, moneyFromDb, negateMoney } from "../money/money";
import type { NeedCategory } from "../needs/need-category";
import { NEED_CATEGORIES } from "../needs/need-category";
import type { ReportPeriod } from "./report-period";
import type { RegionScope } from "../regions/region-scope.server";
import { ledgerMoneySource, readAtMark } from "./ledger-month-totals.server";
import { childRegionOf } from "./report-sql.server";

export interface MoneyMonth {
  month: string;
  received: Money;
  bySource: { source: FundSource; amount: Money }[];
  allocated: Money;
  disbursed: Money;
}

export interface MoneyFigures {
  received: Money;
  allocated: Money;
  disbursed: Money;
  bySource: { source: FundSource; amount: Money }[];
  /** Every month of the period, oldest first. */
  byMonth: MoneyMonth[];
  /** Allocated to and disbursed from needs of each category; `general` is paid from a general fund. */
  byCategory: { category: NeedCategory | "general"; allocated: Money; disbursed: Money }[];
}

/** The ledger's money of a region, summed by the region below it lies in (the region itself for its own unions' books), month and kind. */
export interface LedgerMoneyRow {
  /** The region one level below the report's that the union lies in, or the report's own. */
  code: string;
  month: string;
  kind: "receipt" | "allocation" | "disbursement";
  source: FundSource | null;
  accountKind: LedgerAccountKind;
  /** The category of a need fund's need; null for every other account. */
  category: NeedCategory | null;
  /** The postings' sum. */
  amount: Money;
  /** Their debit side, reversals counted against it. */
  moved: Money;
}

/** The money of the unions of `region` (within the actor's scope) in the period, in one statement. */
export async function readLedgerMoney(options: { db: Database; region: RegionScope; period: ReportPeriod }): Promise<LedgerMoneyRow[]> {
  const { db, region, period } = options;
  const m = {
    code: childRegionOf(sql`movements.union_region`, region),
    month: sql<string>`to_char(movements.month, 'YYYY-MM')`,
    kind: sql<LedgerMoneyRow["kind"]>`movements.kind`,
    source: sql<FundSource | null>`movements.source`,
    accountKind: sql<LedgerAccountKind>`movements.account_kind`,
    category: sql<NeedCategory | null>`movements.category`,
  };
  const rows = await readAtMark(db, (tx, mark) =>
    tx
      .select({ ...m, amount: sql<string>`sum(movements.amount)::text`, moved: sql<string>`sum(movements.moved)::text` })
      .from(ledgerMoneySource({ region, period, mark }))
      .groupBy(m.code, m.month, m.kind, m.source, m.accountKind, m.category)
      // A group that sums to nothing adds nothing (a need's old category after an edit, say).
      .having(sql`sum(movements.amount) <> 0 or sum(movements.moved) <> 0`),
  );
  return rows.map((r) => ({ ...r, amount: moneyFromDb(r.amount), moved: moneyFromDb(r.moved) }));
}

const sumOf = (rows: readonly LedgerMoneyRow[], pick: (row: LedgerMoneyRow) => Money | null) =>
  rows.reduce((total, row) => {
    const amount = pick(row);
    return amount ? addMoney(total, amount) : total;
  }, ZERO_MONEY);

/** Received: the bank's side of receipts (reversals included, negative). */
export const receivedOf = (rows: readonly LedgerMoneyRow[]) => sumOf(rows, (r) => (r.kind === "receipt" && r.accountKind === "bank" ? r.amount : null));
/** Allocated or disbursed: each transaction's debit side, a reversal's counted against it. */
export const movedOf = (rows: readonly LedgerMoneyRow[], kind: "allocation" | "disbursement") => sumOf(rows, (r) => (r.kind === kind ? r.moved : null));

/** The money figures of the ledger's rows for the report's months. Pure. */
export function moneyFiguresOf(rows: readonly LedgerMoneyRow[], months: readonly string[]): MoneyFigures {
  const byMonth: MoneyMonth[] = months.map((month) => {
    const inMonth = rows.filter((r) => r.month === month);
    return {
      month,
      received: receivedOf(inMonth),
      bySource: FUND_SOURCES.map((source) => ({ source, amount: receivedOf(inMonth.filter((r) => r.source === source)) })),
      allocated: movedOf(inMonth, "allocation"),
      disbursed: movedOf(inMonth, "disbursement"),
    };
  });
  return {
    received: receivedOf(rows),
    allocated: movedOf(rows, "allocation"),
    disbursed: movedOf(rows, "disbursement"),
    bySource: FUND_SOURCES.map((source) => ({ source, amount: receivedOf(rows.filter((r) => r.source === source)) })),
    byMonth,
    // A fund's side: an allocation credits the need's fund, a disbursement debits the fund it pays from.
    byCategory: [...NEED_CATEGORIES, "general" as const].map((category) => {
      const mine = rows.filter((r) => (category === "general" ? r.category === null : r.category === category));
      return {
        category,
        allocated: negateMoney(sumOf(mine, (r) => (r.kind === "allocation" && r.accountKind === "need-fund" ? r.amount : null))),
        disbursed: sumOf(mine, (r) => (r.kind === "disbursement" && (r.accountKind === "need-fund" || r.accountKind === "general-fund") ? r.amount : null)),
      };
    }),
  };
}

/** The money figures of the unions of `region` (within the actor's scope) for the period. */
export async function readMoneyFigures(options: { db: Database; region: RegionScope; period: ReportPeriod; months: readonly string[] }): Promise<MoneyFigures> {
  return moneyFiguresOf(await readLedgerMoney(options), options.months);
}
