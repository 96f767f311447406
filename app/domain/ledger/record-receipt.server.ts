// Money received by a union (docs/ledger.md "Receipt"): against a donor's pledge — partial receipts
// allowed, the pledge moving open → partly-received → received — or standalone by source, into a
// general fund or a need's fund. One transaction per form key: a double submit posts once.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { ledgerAccounts, ledgerPostings, ledgerTransactions, pledges } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import type { Actor } from "../auth/actor";
import { conflict, notFound } from "../errors/domain-error";
import { compareMoney, moneyFromDb, moneyToString, negateMoney } from "../money/money";
import type { UnionAccounts } from "./ledger-accounts.server";
import { checkedKey, ensureLedgerAccounts, financeBooksOf, positiveAmount, rememberedUnionAccounts } from "./ledger-accounts.server";
import type { FundSource, PledgeStatus, ReceiptMethod } from "./ledger-vocabulary";
import { postStandalone, postTransaction } from "./post-transaction.server";
import { inLedgerTransaction } from "./seal-ledger.server";

export type ReceiptTarget = { pledgeRef: string } | { source: FundSource; needRef: string | null };

export interface ReceiptInput {
  target: ReceiptTarget;
  amount: string;
  /** YYYY-MM-DD: the bank's value date. */
  valueDate: string;
  method: ReceiptMethod;
  bankReference: string | null;
  memo: string | null;
  idempotencyKey: string;
}

/** Records money received; answers the transaction (the one already posted on a retry). */
export async function recordReceipt(options: { db: Database; actor: Actor; receipt: ReceiptInput }): Promise<{ transactionId: string; replayed: boolean }> {
  const { db, actor, receipt } = options;
  const books = financeBooksOf(actor);
  const amount = positiveAmount(receipt.amount);
  const idempotencyKey = checkedKey(receipt.idempotencyKey);
  const posting = (accounts: UnionAccounts, into: string, source: FundSource, pledge: { id: string; ref: string } | null, needRef: string | null) => ({
    actorUserId: actor.userId,
    transaction: {
      organisationId: books.organisationId,
      kind: "receipt" as const,
      idempotencyKey,
      valueDate: receipt.valueDate,
      memo: receipt.memo,
      source,
      method: receipt.method,
      bankReference: receipt.bankReference,
      pledgeId: pledge?.id ?? null,
      postings: [
        { accountId: accounts.bank, amount },
        { accountId: into, amount: negateMoney(amount) },
      ],
    },
    audit: {
      actor,
      action: "ledger.receipt" as const,
      organisationId: books.organisationId,
      after: { amount: moneyToString(amount), source, method: receipt.method, pledge: pledge?.ref ?? null, need: needRef },
    },
  });
  // Into a general fund, with no pledge to settle and the union's accounts known: one statement.
  const target = receipt.target;
  if ("source" in target && target.needRef === null) {
    const known = rememberedUnionAccounts(db, books.organisationId);
    if (known) {
      const posted = await postStandalone({ db, ...posting(known, known.general[target.source], target.source, null, null) });
      return { transactionId: posted.id, replayed: posted.replayed };
    }
  }
  return inLedgerTransaction(db, async (tx) => {
    let pledge: { id: string; ref: string; status: PledgeStatus; needRef: string | null } | null = null;
    let source: FundSource;
    let needRef: string | null;
    if ("pledgeRef" in target) {
      // Locked: two receipts against one pledge settle its status one after the other.
      const [row] = await tx
        .select({ id: pledges.id, ref: pledges.ref, status: pledges.status, organisationId: pledges.organisationId, needRef: needs.ref })
        .from(pledges)
        .leftJoin(needs, eq(needs.id, pledges.needId))
        .where(eq(pledges.ref, target.pledgeRef))
        .for("update", { of: pledges });
      if (!row || row.organisationId !== books.organisationId) throw notFound("pledgeNotFound", `pledge ${target.pledgeRef} is not in this union's books`);
      if (row.status === "cancelled") throw conflict("pledgeClosed", `pledge ${row.ref} is cancelled`, { ref: row.ref, status: row.status });
      pledge = row;
      source = "donations";
      needRef = row.needRef;
    } else {
      source = target.source;
      needRef = target.needRef;
    }
    const accounts = await ensureLedgerAccounts({ db: tx, root: db, actor, needRef: needRef ?? undefined });
    const posted = await postTransaction({ db: tx, ...posting(accounts, accounts.needFund ?? accounts.general[source], source, pledge, needRef) });
    if (!posted.replayed && pledge) await settlePledgeStatus(tx, pledge.id);
    return { transactionId: posted.id, replayed: posted.replayed };
  });
}

/**
 * Sets a pledge's status from the money received against it, net of reversals: received once it
 * reaches the amount, partly-received while some has come, open when none has. An expired or
 * cancelled pledge keeps its status unless money arrives.
 */
export async function settlePledgeStatus(tx: Database | Transaction, pledgeId: string): Promise<void> {
  const [pledge] = await tx.select({ amount: pledges.amount, status: pledges.status }).from(pledges).where(eq(pledges.id, pledgeId));
  if (!pledge) return;
  const received = await receivedAgainstPledge(tx, pledgeId);
  const isSome = compareMoney(received, moneyFromDb("0.00")) > 0;
  let status: PledgeStatus = pledge.status;
  if (compareMoney(received, moneyFromDb(pledge.amount)) >= 0) status = "received";
  else if (isSome) status = "partly-received";
  else if (pledge.status === "partly-received" || pledge.status === "received") status = "open";
  if (status !== pledge.status) await tx.update(pledges).set({ status, updatedAt: new Date() }).where(eq(pledges.id, pledgeId));
}

/** What reached the bank against one pledge: its receipts' bank postings, net of their reversals. */
async function receivedAgainstPledge(tx: Database | Transaction, pledgeId: string) {
  const receipts = tx.select({ id: ledgerTransactions.id }).from(ledgerTransactions).where(eq(ledgerTransactions.pledgeId, pledgeId));
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${ledgerPostings.amount}), 0)::numeric(18,2)::text` })
    .from(ledgerPostings)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerPostings.transactionId))
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.id, ledgerPostings.accountId), eq(ledgerAccounts.kind, "bank")))
    .where(sql`${ledgerTransactions.pledgeId} = ${pledgeId} or ${inArray(ledgerTransactions.reversesId, receipts)}`);
  return moneyFromDb(row?.total ?? "0.00");
}
