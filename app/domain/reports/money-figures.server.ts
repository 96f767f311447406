// Money of a region for a staff report, summed in the database from the ledger's postings: the
// books of every union in the region (its own and the unions below it). Received is the bank's side
// of each receipt, by source and month; allocated and disbursed count the transactions' debit side,
// by month; both by need category from the funds' side (disbursements from a general fund under
// "general"). Each is net of reversals, a reversal counted in the month of what it undoes — the
// rules of the public totals (transparency/ledger-totals.server.ts). Days are value dates (Beijing).
import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { ledgerAccounts, ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import { organisations } from "../../../db/schema/organisations";
import type { FundSource } from "../ledger/ledger-vocabulary";
import { FUND_SOURCES } from "../ledger/ledger-vocabulary";
import type { Money } from "../money/money";
import { ZERO_MONEY, addMoney, moneyFromDb } from "../money/money";
import type { NeedCategory } from "../needs/need-category";
import { NEED_CATEGORIES } from "../needs/need-category";
import type { ReportPeriod } from "./report-period";
import type { RegionScope } from "../regions/region-scope.server";
import { inRegionScope } from "../regions/region-scope.server";
import { dayMonth } from "./report-sql.server";

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

const original = alias(ledgerTransactions, "original");

/**
 * A subquery: every posting of the books of the unions of `region` whose transaction's day lies in
 * the period, with the transaction's kind, source and day — for a reversal, those of what it undoes
 * — whether it is a reversal, the account's kind and need, and the union's region.
 */
export function ledgerMovements(db: Database, region: RegionScope, period: ReportPeriod) {
  const day = sql<string>`coalesce(${original.valueDate}, ${ledgerTransactions.valueDate})`;
  return db
    .select({
      day: day.as("day"),
      kind: sql<string>`coalesce(${original.kind}, ${ledgerTransactions.kind})`.as("kind"),
      source: sql<FundSource | null>`coalesce(${original.source}, ${ledgerTransactions.source})`.as("source"),
      isReversal: sql<boolean>`${ledgerTransactions.kind} = 'reversal'`.as("is_reversal"),
      amount: sql<string>`${ledgerPostings.amount}`.as("amount"),
      accountKind: sql<string>`${ledgerAccounts.kind}`.as("account_kind"),
      needId: sql<string | null>`${ledgerAccounts.needId}`.as("need_id"),
      unionRegion: sql<string>`${organisations.regionCode}`.as("union_region"),
    })
    .from(ledgerTransactions)
    .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
    .innerJoin(organisations, eq(organisations.id, ledgerTransactions.organisationId))
    .innerJoin(ledgerPostings, eq(ledgerPostings.transactionId, ledgerTransactions.id))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerPostings.accountId))
    .where(and(eq(organisations.kind, "union"), inRegionScope(organisations.regionCode, region), gte(day, period.from), lte(day, period.to)))
    .as("movements");
}

type Movements = ReturnType<typeof ledgerMovements>;

/** SQL: received, the bank's side of receipts (reversals included, negative). */
export const receivedAmount = (m: Movements) => sql<string>`coalesce(sum(${m.amount}) filter (where ${m.kind} = 'receipt' and ${m.accountKind} = 'bank'), 0)::text`;
/** SQL: allocated or disbursed, each transaction's debit side, a reversal's counted against it. */
export const movedAmount = (m: Movements, kind: "allocation" | "disbursement") =>
  sql<string>`coalesce(sum(case when ${m.isReversal} then -1 else 1 end * greatest(${m.amount}, 0)) filter (where ${m.kind} = ${kind}), 0)::text`;

/** The money figures of the unions of `region` (within the actor's scope) for the period. */
export async function readMoneyFigures(options: { db: Database; region: RegionScope; period: ReportPeriod; months: readonly string[] }): Promise<MoneyFigures> {
  const { db, region, period } = options;
  const m = ledgerMovements(db, region, period);
  const month = dayMonth(m.day);
  const category = sql<NeedCategory | null>`${needs.category}`;
  const [monthly, categories] = await Promise.all([
    db
      .select({ month, source: m.source, received: receivedAmount(m), allocated: movedAmount(m, "allocation"), disbursed: movedAmount(m, "disbursement") })
      .from(m)
      .where(inArray(m.kind, ["receipt", "allocation", "disbursement"]))
      .groupBy(month, m.source),
    // A fund's side: an allocation credits the need's fund, a disbursement debits the fund it pays from.
    db
      .select({
        category,
        allocated: sql<string>`coalesce(-sum(${m.amount}) filter (where ${m.kind} = 'allocation' and ${m.accountKind} = 'need-fund'), 0)::text`,
        disbursed: sql<string>`coalesce(sum(${m.amount}) filter (where ${m.kind} = 'disbursement' and ${m.accountKind} in ('need-fund', 'general-fund')), 0)::text`,
      })
      .from(m)
      .leftJoin(needs, eq(needs.id, m.needId))
      .where(inArray(m.kind, ["allocation", "disbursement"]))
      .groupBy(category),
  ]);

  const byMonth: MoneyMonth[] = options.months.map((m) => {
    const rows = monthly.filter((r) => r.month === m);
    const sum = (pick: (r: (typeof rows)[number]) => string) => rows.reduce((total, r) => addMoney(total, moneyFromDb(pick(r))), ZERO_MONEY);
    return {
      month: m,
      received: sum((r) => r.received),
      bySource: FUND_SOURCES.map((s) => ({ source: s, amount: sum((r) => (r.source === s ? r.received : "0")) })),
      allocated: sum((r) => r.allocated),
      disbursed: sum((r) => r.disbursed),
    };
  });
  const total = (pick: (m: MoneyMonth) => Money) => byMonth.reduce((sum, m) => addMoney(sum, pick(m)), ZERO_MONEY);
  const categoryRow = (c: NeedCategory | null) => categories.find((r) => r.category === c);
  return {
    received: total((m) => m.received),
    allocated: total((m) => m.allocated),
    disbursed: total((m) => m.disbursed),
    bySource: FUND_SOURCES.map((s) => ({ source: s, amount: byMonth.reduce((sum, m) => addMoney(sum, m.bySource.find((b) => b.source === s)?.amount ?? ZERO_MONEY), ZERO_MONEY) })),
    byMonth,
    byCategory: [...NEED_CATEGORIES, "general" as const].map((c) => {
      const row = categoryRow(c === "general" ? null : c);
      return { category: c, allocated: moneyFromDb(row?.allocated ?? "0"), disbursed: moneyFromDb(row?.disbursed ?? "0") };
    }),
  };
}
