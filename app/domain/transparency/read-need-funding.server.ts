// Raised / allocated / disbursed of need funds: the postings of those accounts only (indexed by
// account), grouped by the kind of money movement, a reversal counted against the kind it undoes.
// A fund's balance itself is read from ledger_balances, kept by the posting trigger.
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "../../../db/client.server";
import { ledgerAccounts, ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import { addMoney, moneyFromDb, negateMoney } from "../money/money";
import type { NeedFunding } from "./funding-state.server";
import { NO_FUNDING } from "./funding-state.server";

const original = alias(ledgerTransactions, "original");

/** Funding of each need that has a fund (needs without one are absent from the map). */
export async function readNeedFunding(
  db: Database | Transaction,
  needIds: readonly string[],
  options: { sealedOnly?: boolean } = {},
): Promise<Map<string, NeedFunding>> {
  const funding = new Map<string, NeedFunding>();
  if (!needIds.length) return funding;
  const kind = sql<string>`coalesce(${original.kind}, ${ledgerTransactions.kind})`;
  const rows = await db
    .select({ needId: ledgerAccounts.needId, kind, amount: sql<string>`sum(${ledgerPostings.amount})::text` })
    .from(ledgerAccounts)
    .innerJoin(ledgerPostings, eq(ledgerPostings.accountId, ledgerAccounts.id))
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerPostings.transactionId))
    .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
    .where(
      and(
        eq(ledgerAccounts.kind, "need-fund"),
        inArray(ledgerAccounts.needId, [...needIds]),
        // Inside a writing transaction, its own rows are not sealed yet: "before" leaves them out.
        options.sealedOnly ? isNotNull(ledgerTransactions.sequence) : undefined,
      ),
    )
    .groupBy(ledgerAccounts.needId, kind);
  for (const row of rows) {
    if (!row.needId) continue;
    const current = funding.get(row.needId) ?? NO_FUNDING;
    // A need fund is credit-normal: money in is a negative posting, money out a positive one.
    const amount = moneyFromDb(row.amount);
    if (row.kind === "receipt" || row.kind === "attribution") funding.set(row.needId, { ...current, raised: addMoney(current.raised, negateMoney(amount)) });
    else if (row.kind === "allocation") funding.set(row.needId, { ...current, allocated: addMoney(current.allocated, negateMoney(amount)) });
    else if (row.kind === "disbursement") funding.set(row.needId, { ...current, disbursed: addMoney(current.disbursed, amount) });
    else funding.set(row.needId, current);
  }
  return funding;
}
