// The checker's half of a disbursement (docs/ledger.md): a finance user other than the requester
// approves — and the disbursement is posted in the same database transaction, so an approval that
// cannot be paid (the fund no longer holds the money) leaves the request pending — or rejects it
// with a reason. A decided request never changes again.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { disbursementRequests, ledgerAccounts } from "../../../db/schema/ledger";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit.server";
import { DomainError, conflict, invalid, notFound } from "../errors/domain-error";
import { moneyFromDb, negateMoney } from "../money/money";
import { financeBooksOf } from "./ledger-accounts.server";
import { postTransaction } from "./post-transaction.server";
import { inLedgerTransaction } from "./seal-ledger.server";

export type DisbursementDecision = { decision: "approve" } | { decision: "reject"; reason: string };

/** Approves (and pays) or rejects a pending disbursement request of the actor's union. */
export async function decideDisbursement(options: { db: Database; actor: Actor; ref: string; decision: DisbursementDecision }): Promise<{ status: "approved" | "rejected"; transactionId: string | null }> {
  const { db, actor, ref, decision } = options;
  const books = financeBooksOf(actor);
  const reason = decision.decision === "reject" ? decision.reason.trim() : null;
  if (decision.decision === "reject" && !reason) throw invalid("a rejection needs a reason");
  return inLedgerTransaction(db, async (tx) => {
    const [request] = await tx
      .select()
      .from(disbursementRequests)
      .where(and(eq(disbursementRequests.ref, ref), eq(disbursementRequests.organisationId, books.organisationId)))
      .for("update");
    if (!request) throw notFound("disbursementNotFound", `disbursement request ${ref} is not in this union's books`);
    if (request.status !== "pending") throw conflict("disbursementDecided", `disbursement request ${ref} is already ${request.status}`, { ref });
    // The database refuses it too (a CHECK); the person is told first, in words.
    if (request.requestedBy === actor.userId) {
      throw new DomainError("forbidden", "disbursementOwnRequest", `disbursement request ${ref} was made by this user: another finance user decides it`);
    }
    const decidedAt = new Date();
    if (decision.decision === "reject") {
      await tx
        .update(disbursementRequests)
        .set({ status: "rejected", rejectedBy: actor.userId, rejectionReason: reason, decidedAt, updatedAt: decidedAt })
        .where(eq(disbursementRequests.id, request.id));
      await recordAudit(tx, { actor, action: "ledger.disbursement-reject", entity: "disbursement-request", entityId: request.id, organisationId: books.organisationId, after: { ref, status: "rejected" } });
      return { status: "rejected", transactionId: null };
    }
    await tx.update(disbursementRequests).set({ status: "approved", approvedBy: actor.userId, decidedAt, updatedAt: decidedAt }).where(eq(disbursementRequests.id, request.id));
    const [bank] = await tx
      .select({ id: ledgerAccounts.id })
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.organisationId, books.organisationId), eq(ledgerAccounts.kind, "bank")));
    if (!bank) throw new Error(`union ${books.organisationId} has a fund but no bank account`);
    const amount = moneyFromDb(request.amount);
    const posted = await postTransaction({
      db: tx,
      actorUserId: actor.userId,
      transaction: {
        organisationId: books.organisationId,
        kind: "disbursement",
        idempotencyKey: `disbursement:${request.id}`,
        memo: request.purpose,
        disbursementRequestId: request.id,
        postings: [
          { accountId: request.fundAccountId, amount },
          { accountId: bank.id, amount: negateMoney(amount) },
        ],
      },
    });
    await recordAudit(tx, {
      actor,
      action: "ledger.disbursement-approve",
      entity: "disbursement-request",
      entityId: request.id,
      organisationId: books.organisationId,
      after: { ref, status: "approved", transaction: posted.id },
    });
    return { status: "approved", transactionId: posted.id };
  });
}
