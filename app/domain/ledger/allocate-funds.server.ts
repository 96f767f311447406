// Allocation (docs/ledger.md): money moves from one of the union's general funds to a need's fund.
// The general fund must hold it; postTransaction refuses an overdraft with a 409 before writing.
import type { Database } from "../../../db/client.server";
import type { Actor } from "../auth/actor";
import { moneyToString, negateMoney } from "../money/money";
import { checkedKey, ensureLedgerAccounts, financeBooksOf, positiveAmount } from "./ledger-accounts.server";
import type { FundSource } from "./ledger-vocabulary";
import { postTransaction } from "./post-transaction.server";
import { inLedgerTransaction } from "./seal-ledger.server";

export interface AllocationInput {
  source: FundSource;
  needRef: string;
  amount: string;
  memo: string | null;
  idempotencyKey: string;
}

/** Allocates from a general fund to a need's fund, once per form key. */
export async function allocateFunds(options: { db: Database; actor: Actor; allocation: AllocationInput }): Promise<{ transactionId: string; replayed: boolean }> {
  const { db, actor, allocation } = options;
  const books = financeBooksOf(actor);
  const amount = positiveAmount(allocation.amount);
  const idempotencyKey = checkedKey(allocation.idempotencyKey);
  return inLedgerTransaction(db, async (tx) => {
    const accounts = await ensureLedgerAccounts({ db: tx, root: db, actor, needRef: allocation.needRef });
    if (!accounts.needFund) throw new Error("a need fund was asked for");
    const posted = await postTransaction({
      db: tx,
      actorUserId: actor.userId,
      transaction: {
        organisationId: books.organisationId,
        kind: "allocation",
        idempotencyKey,
        memo: allocation.memo,
        postings: [
          { accountId: accounts.general[allocation.source], amount },
          { accountId: accounts.needFund, amount: negateMoney(amount) },
        ],
      },
      audit: {
        actor,
        action: "ledger.allocate",
        organisationId: books.organisationId,
        after: { amount: moneyToString(amount), source: allocation.source, need: allocation.needRef },
      },
    });
    return { transactionId: posted.id, replayed: posted.replayed };
  });
}
