// The public totals of the ledger: money received by source and by month (receipts net of their
// reversals, a reversal counted in the month and source of the receipt it undoes), allocated and
// disbursed (net of reversals), and the chain head anyone can check the ledger against.
import { and, eq, gte, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { ledgerAccounts, ledgerChainHead, ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import type { FundSource } from "../ledger/ledger-vocabulary";
import { FUND_SOURCES } from "../ledger/ledger-vocabulary";
import type { Money } from "../money/money";
import { ZERO_MONEY, addMoney, moneyFromDb } from "../money/money";

/** How many months the monthly figures cover, this one included. */
export const TRANSPARENCY_MONTHS = 12;

export interface LedgerTotals {
  /** Received in the months shown, by source (every source present, zero where none). */
  bySource: { source: FundSource; amount: Money }[];
  /** Received by month, oldest first, every month of the window present ("2026-11"). */
  byMonth: { month: string; amount: Money }[];
  received: Money;
  allocated: Money;
  disbursed: Money;
  chainHead: { sequence: string; hash: string } | null;
}

const original = alias(ledgerTransactions, "original");

/** The months of the window ending with `today`'s month in Beijing, oldest first. */
export function transparencyMonths(today: Date, count = TRANSPARENCY_MONTHS): string[] {
  const beijing = new Date(today.getTime() + 8 * 3600_000);
  const year = beijing.getUTCFullYear();
  const month = beijing.getUTCMonth();
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The ledger's public totals; the monthly window ends with the current month. */
export async function readLedgerTotals(db: Database, today: Date = new Date()): Promise<LedgerTotals> {
  const months = transparencyMonths(today);
  const first = `${months[0] ?? "1970-01"}-01`;
  const source = sql<FundSource>`coalesce(${original.source}, ${ledgerTransactions.source})`;
  const month = sql<string>`to_char(coalesce(${original.valueDate}, ${ledgerTransactions.valueDate}), 'YYYY-MM')`;
  // Money received is the bank's side of each receipt: what reached the union's account.
  const received = await db
    .select({ source, month, amount: sql<string>`sum(${ledgerPostings.amount})::text` })
    .from(ledgerTransactions)
    .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
    .innerJoin(ledgerPostings, eq(ledgerPostings.transactionId, ledgerTransactions.id))
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.id, ledgerPostings.accountId), eq(ledgerAccounts.kind, "bank")))
    .where(
      and(
        or(eq(ledgerTransactions.kind, "receipt"), eq(original.kind, "receipt")),
        gte(sql`coalesce(${original.valueDate}, ${ledgerTransactions.valueDate})`, first),
      ),
    )
    .groupBy(source, month);
  // Allocations and disbursements by their postings' positive side, a reversal against its original.
  const kind = sql<string>`coalesce(${original.kind}, ${ledgerTransactions.kind})`;
  const sign = sql`case when ${ledgerTransactions.kind} = 'reversal' then -1 else 1 end`;
  const moved = await db
    .select({ kind, amount: sql<string>`coalesce(sum(${sign} * greatest(${ledgerPostings.amount}, 0)), 0)::text` })
    .from(ledgerTransactions)
    .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
    .innerJoin(ledgerPostings, eq(ledgerPostings.transactionId, ledgerTransactions.id))
    .where(or(inArray(ledgerTransactions.kind, ["allocation", "disbursement"]), inArray(original.kind, ["allocation", "disbursement"])))
    .groupBy(kind);
  const [head] = await db
    .select({ sequence: sql<string>`${ledgerChainHead.sequence}::text`, hash: ledgerChainHead.hash })
    .from(ledgerChainHead)
    .where(eq(ledgerChainHead.id, 1));

  const bySource = new Map<FundSource, Money>(FUND_SOURCES.map((s) => [s, ZERO_MONEY]));
  const byMonth = new Map<string, Money>(months.map((m) => [m, ZERO_MONEY]));
  for (const row of received) {
    const amount = moneyFromDb(row.amount);
    bySource.set(row.source, addMoney(bySource.get(row.source) ?? ZERO_MONEY, amount));
    if (byMonth.has(row.month)) byMonth.set(row.month, addMoney(byMonth.get(row.month) ?? ZERO_MONEY, amount));
  }
  const movedOf = (k: string) => {
    const row = moved.find((r) => r.kind === k);
    return row ? moneyFromDb(row.amount) : ZERO_MONEY;
  };
  return {
    bySource: FUND_SOURCES.map((s) => ({ source: s, amount: bySource.get(s) ?? ZERO_MONEY })),
    byMonth: months.map((m) => ({ month: m, amount: byMonth.get(m) ?? ZERO_MONEY })),
    received: [...bySource.values()].reduce(addMoney, ZERO_MONEY),
    allocated: movedOf("allocation"),
    disbursed: movedOf("disbursement"),
    // No transaction yet: the chain head row holds the genesis (sequence 0).
    chainHead: head ? { sequence: head.sequence, hash: head.hash } : null,
  };
}
