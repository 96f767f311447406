// Raised / allocated / disbursed of need funds, read from their balance rows (ledger_balances, kept
// by the posting trigger with the balance itself): a few rows per need, however long its history.
// Each is net of reversals, a reversal counted against the kind of movement it undoes.
import { and, eq, inArray, sql, sum } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "../../../db/client.server";
import { ledgerAccounts, ledgerBalances, ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import { moneyFromDb, negateMoney } from "../money/money";
import type { NeedFunding } from "./funding-state.server";
import { NO_FUNDING, addNeedMovement } from "./funding-state.server";

const original = alias(ledgerTransactions, "original");

/** Funding of each need that has a fund (needs without one are absent from the map). */
export async function readNeedFunding(db: Database | Transaction, needIds: readonly string[]): Promise<Map<string, NeedFunding>> {
  const funding = new Map<string, NeedFunding>();
  if (!needIds.length) return funding;
  const rows = await db
    .select({ needId: ledgerAccounts.needId, raised: sum(ledgerBalances.raised), allocated: sum(ledgerBalances.allocated), disbursed: sum(ledgerBalances.disbursed) })
    .from(ledgerAccounts)
    .innerJoin(ledgerBalances, eq(ledgerBalances.accountId, ledgerAccounts.id))
    .where(and(eq(ledgerAccounts.kind, "need-fund"), inArray(ledgerAccounts.needId, [...needIds])))
    .groupBy(ledgerAccounts.needId);
  for (const row of rows) {
    if (!row.needId) continue;
    funding.set(row.needId, { raised: moneyFromDb(row.raised ?? "0"), allocated: moneyFromDb(row.allocated ?? "0"), disbursed: moneyFromDb(row.disbursed ?? "0") });
  }
  return funding;
}

/**
 * One need's funding with one transaction (the writer's own, inside its database transaction) and
 * without it: its balance rows, less what that transaction's postings moved on the fund.
 */
export async function readNeedFundingChange(tx: Transaction, needId: string, transactionId: string): Promise<{ before: NeedFunding; after: NeedFunding }> {
  const after = (await readNeedFunding(tx, [needId])).get(needId) ?? NO_FUNDING;
  const own = await tx
    .select({ kind: sql<string>`coalesce(${original.kind}, ${ledgerTransactions.kind})`, amount: ledgerPostings.amount })
    .from(ledgerPostings)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.id, ledgerPostings.accountId), eq(ledgerAccounts.kind, "need-fund"), eq(ledgerAccounts.needId, needId)))
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerPostings.transactionId))
    .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
    .where(eq(ledgerPostings.transactionId, transactionId));
  let before = after;
  // Taking a posting back is moving its opposite.
  for (const row of own) before = addNeedMovement(before, row.kind, negateMoney(moneyFromDb(row.amount)));
  return { before, after };
}
