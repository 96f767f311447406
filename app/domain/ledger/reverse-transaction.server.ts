// A mistake is corrected by a reversal, never by an edit (docs/ledger.md): every posting of the
// original negated, with the reason as memo, once per transaction. A reversal that would overdraw a
// fund (a receipt whose money was already allocated) is refused: the allocation is reversed first.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit.server";
import { conflict, invalid, isDomainError, notFound } from "../errors/domain-error";
import { moneyFromDb, negateMoney } from "../money/money";
import { financeBooksOf } from "./ledger-accounts.server";
import { postTransaction } from "./post-transaction.server";
import { inLedgerTransaction } from "./seal-ledger.server";
import { settlePledgeStatus } from "./record-receipt.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reverses one transaction of the actor's union with a reason; answers the reversal. */
export async function reverseTransaction(options: { db: Database; actor: Actor; transactionId: string; reason: string }): Promise<{ transactionId: string }> {
  const { db, actor, transactionId } = options;
  const books = financeBooksOf(actor);
  const reason = options.reason.trim();
  if (!reason) throw invalid("a reversal needs a reason");
  if (!UUID.test(transactionId)) throw notFound("ledgerTransactionNotFound", `transaction ${transactionId} is not in this union's books`);
  const [original] = await db
    .select({ id: ledgerTransactions.id, kind: ledgerTransactions.kind, pledgeId: ledgerTransactions.pledgeId })
    .from(ledgerTransactions)
    .where(and(eq(ledgerTransactions.id, transactionId), eq(ledgerTransactions.organisationId, books.organisationId)));
  if (!original) throw notFound("ledgerTransactionNotFound", `transaction ${transactionId} is not in this union's books`);
  if (original.kind === "reversal") throw conflict("reversalOfReversal", `transaction ${transactionId} is itself a reversal`);
  const [already] = await db.select({ id: ledgerTransactions.id }).from(ledgerTransactions).where(eq(ledgerTransactions.reversesId, original.id));
  if (already) throw conflict("ledgerTransactionReversed", `transaction ${transactionId} has already been reversed`);
  const postings = await db.select({ accountId: ledgerPostings.accountId, amount: ledgerPostings.amount }).from(ledgerPostings).where(eq(ledgerPostings.transactionId, original.id));
  try {
    return await inLedgerTransaction(db, async (tx) => {
      const posted = await postTransaction({
        db: tx,
        actorUserId: actor.userId,
        transaction: {
          organisationId: books.organisationId,
          kind: "reversal",
          // One reversal per transaction: a second submit meets the first (and the unique index).
          idempotencyKey: `reversal:${original.id}`,
          memo: reason,
          reversesId: original.id,
          postings: postings.map((p) => ({ accountId: p.accountId, amount: negateMoney(moneyFromDb(p.amount)) })),
        },
      });
      if (posted.replayed) throw conflict("ledgerTransactionReversed", `transaction ${transactionId} has already been reversed`);
      if (original.pledgeId) await settlePledgeStatus(tx, original.pledgeId);
      await recordAudit(tx, { actor, action: "ledger.reverse", entity: "ledger-transaction", entityId: original.id, organisationId: books.organisationId, after: { reversal: posted.id, kind: original.kind }, note: reason });
      return { transactionId: posted.id };
    });
  } catch (error) {
    if (isDomainError(error) && error.messageKey === "fundOverdrawn") {
      throw conflict("reversalOverdraws", `reversing ${transactionId} would overdraw a fund: reverse the allocation or disbursement that used its money first`);
    }
    // The same key with another reason: this transaction was reversed by someone else meanwhile.
    if (isDomainError(error) && error.messageKey === "ledgerKeyReused") throw conflict("ledgerTransactionReversed", `transaction ${transactionId} has already been reversed`);
    throw error;
  }
}
