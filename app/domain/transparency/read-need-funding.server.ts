// Raised / allocated / disbursed of need funds: the postings of those accounts only (indexed by
// account), grouped by the kind of money movement, a reversal counted against the kind it undoes.
// A fund's balance itself is read from ledger_balances, kept by the posting trigger.
import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "../../../db/client.server";
import { ledgerAccounts, ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import { addMoney, moneyFromDb, negateMoney } from "../money/money";
import type { NeedFunding } from "./funding-state.server";
import { NO_FUNDING } from "./funding-state.server";

const original = alias(ledgerTransactions, "original");

/** Funding of each need that has a fund (needs without one are absent from the map). */
export async function readNeedFunding(db: Database | Transaction, needIds: readonly string[]): Promise<Map<string, NeedFunding>> {
  const funding = new Map<string, NeedFunding>();
  if (!needIds.length) return funding;
  for (const row of await fundingRows(db, needIds, null)) {
    if (row.needId) funding.set(row.needId, withMovement(funding.get(row.needId) ?? NO_FUNDING, row.kind, row.amount));
  }
  return funding;
}

/**
 * One need's funding without one transaction (the writer's own, inside its database transaction)
 * and with it, from one pass over the fund's postings.
 */
export async function readNeedFundingChange(tx: Transaction, needId: string, transactionId: string): Promise<{ before: NeedFunding; after: NeedFunding }> {
  let before = NO_FUNDING;
  let after = NO_FUNDING;
  for (const row of await fundingRows(tx, [needId], transactionId)) {
    before = withMovement(before, row.kind, row.without ?? "0");
    after = withMovement(after, row.kind, row.amount);
  }
  return { before, after };
}

/** Sums of the needs' fund postings by kind of movement; `without` leaves one transaction out. */
async function fundingRows(db: Database | Transaction, needIds: readonly string[], without: string | null) {
  const kind = sql<string>`coalesce(${original.kind}, ${ledgerTransactions.kind})`;
  return db
    .select({
      needId: ledgerAccounts.needId,
      kind,
      amount: sql<string>`sum(${ledgerPostings.amount})::text`,
      without: without ? sql<string>`coalesce(sum(${ledgerPostings.amount}) filter (where ${ledgerTransactions.id} <> ${without}), 0)::text` : sql<null>`null`,
    })
    .from(ledgerAccounts)
    .innerJoin(ledgerPostings, eq(ledgerPostings.accountId, ledgerAccounts.id))
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerPostings.transactionId))
    .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
    .where(and(eq(ledgerAccounts.kind, "need-fund"), inArray(ledgerAccounts.needId, [...needIds])))
    .groupBy(ledgerAccounts.needId, kind);
}

/** A need fund is credit-normal: money in is a negative posting, money out a positive one. */
function withMovement(current: NeedFunding, kind: string, sum: string): NeedFunding {
  const amount = moneyFromDb(sum);
  if (kind === "receipt" || kind === "attribution") return { ...current, raised: addMoney(current.raised, negateMoney(amount)) };
  if (kind === "allocation") return { ...current, allocated: addMoney(current.allocated, negateMoney(amount)) };
  if (kind === "disbursement") return { ...current, disbursed: addMoney(current.disbursed, amount) };
  return current;
}
