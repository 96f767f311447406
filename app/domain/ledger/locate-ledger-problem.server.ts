// What an operator needs to find the row verifyLedger names: the transaction as stored (its
// sequence, kind, value date and idempotency key) or the account (its kind, source or need, and
// union). Read as the rows are now, tampered or not; nothing about a donor or a worker.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { ledgerAccounts, ledgerTransactions } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import { organisations } from "../../../db/schema/organisations";
import type { FundSource, LedgerAccountKind, LedgerTransactionKind } from "./ledger-vocabulary";
import type { LedgerProblem } from "./verify-ledger.server";

export interface LedgerProblemLocation {
  transaction: { id: string; sequence: bigint | null; kind: LedgerTransactionKind; valueDate: string; idempotencyKey: string; union: string } | null;
  account: { id: string; kind: LedgerAccountKind; source: FundSource | null; needRef: string | null; union: string } | null;
}

/** The transaction or account a verification problem concerns, as stored; null parts when it names none or the row is gone. */
export async function locateLedgerProblem(options: { db: Database; problem: LedgerProblem }): Promise<LedgerProblemLocation> {
  const { db, problem } = options;
  if (problem.kind === "chain-head") return { transaction: null, account: null };
  if (problem.kind === "balance") {
    const [account] = await db
      .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, source: ledgerAccounts.source, needRef: needs.ref, union: organisations.name })
      .from(ledgerAccounts)
      .innerJoin(organisations, eq(organisations.id, ledgerAccounts.organisationId))
      .leftJoin(needs, eq(needs.id, ledgerAccounts.needId))
      .where(eq(ledgerAccounts.id, problem.accountId));
    return { transaction: null, account: account ?? null };
  }
  const [transaction] = await db
    .select({
      id: ledgerTransactions.id,
      sequence: ledgerTransactions.sequence,
      kind: ledgerTransactions.kind,
      valueDate: ledgerTransactions.valueDate,
      idempotencyKey: ledgerTransactions.idempotencyKey,
      union: organisations.name,
    })
    .from(ledgerTransactions)
    .innerJoin(organisations, eq(organisations.id, ledgerTransactions.organisationId))
    .where(eq(ledgerTransactions.id, problem.transactionId));
  return { transaction: transaction ?? null, account: null };
}
