// What a donor sees with their tracking code: the pledge, the money received against it, and —
// for a pledge to a need — what the need's fund received, allocated and paid out, by kind of
// provider, and the need's outcome. Nothing about the worker or the household, no payee names or
// purposes (they may describe a person), no other donor. A reversed transaction counts for nothing.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { disbursementRequests, ledgerAccounts, ledgerPostings, ledgerTransactions, pledges } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import { organisations } from "../../../db/schema/organisations";
import type { PayeeKind, PledgeStatus, ReceiptMethod } from "../ledger/ledger-vocabulary";
import type { NeedStatus } from "../needs/need-category";
import type { Money } from "../money/money";
import { isNegativeMoney, moneyFromDb, moneyToString, negateMoney, sumMoney } from "../money/money";
import { hashTrackingCode, normaliseTrackingCode } from "./tracking-code.server";

/** Statuses in which a need's title may still be shown: it was public and its outcome is public. */
const TITLED_NEED_STATUSES: readonly NeedStatus[] = ["published", "matched", "fulfilled"];

export interface PledgeJourney {
  ref: string;
  amount: string;
  status: PledgeStatus;
  displayName: string | null;
  message: string | null;
  createdAt: Date;
  expiresAt: Date;
  unionName: string;
  /** Money received against the pledge, oldest first; reversed receipts are left out. */
  receipts: { valueDate: string; amount: string; method: ReceiptMethod | null }[];
  received: string;
  /** Null for a pledge to a union's general fund. */
  need: {
    ref: string;
    /** Null once the need is withdrawn or expired: its text is no longer public. */
    title: string | null;
    status: NeedStatus;
    /** What the need's fund received (all donors and sources), was allocated from general funds, and paid out. */
    fund: { received: string; allocated: string; disbursed: string };
    disbursements: { valueDate: string; amount: string; payeeKind: PayeeKind }[];
  } | null;
}

const size = (amount: Money) => (isNegativeMoney(amount) ? negateMoney(amount) : amount);

const reversal = alias(ledgerTransactions, "reversal");

/** The pledge whose tracking code this is, with its journey; null for a code that names none. */
export async function readPledgeJourney(db: Database, typedCode: string): Promise<PledgeJourney | null> {
  const code = normaliseTrackingCode(typedCode);
  if (!code) return null;
  const [pledge] = await db
    .select({
      id: pledges.id,
      ref: pledges.ref,
      amount: pledges.amount,
      status: pledges.status,
      displayName: pledges.displayName,
      message: pledges.message,
      createdAt: pledges.createdAt,
      expiresAt: pledges.expiresAt,
      unionName: organisations.name,
      needId: pledges.needId,
    })
    .from(pledges)
    .innerJoin(organisations, eq(organisations.id, pledges.organisationId))
    .where(eq(pledges.trackingCodeHash, hashTrackingCode(code)))
    .limit(1);
  if (!pledge) return null;

  // A receipt's amount is its debit (bank, or clearing for an attribution); its reversal voids it.
  const receiptRows = await db
    .select({ valueDate: ledgerTransactions.valueDate, method: ledgerTransactions.method, amount: ledgerPostings.amount })
    .from(ledgerTransactions)
    .innerJoin(ledgerPostings, and(eq(ledgerPostings.transactionId, ledgerTransactions.id), sql`${ledgerPostings.amount} > 0`))
    .leftJoin(reversal, eq(reversal.reversesId, ledgerTransactions.id))
    .where(and(eq(ledgerTransactions.pledgeId, pledge.id), inArray(ledgerTransactions.kind, ["receipt", "attribution"]), isNull(reversal.id)))
    .orderBy(asc(ledgerTransactions.valueDate), asc(ledgerTransactions.recordedAt));
  const receipts = receiptRows.map((row) => ({ valueDate: row.valueDate, amount: moneyToString(moneyFromDb(row.amount)), method: row.method }));

  return {
    ref: pledge.ref,
    amount: moneyToString(moneyFromDb(pledge.amount)),
    status: pledge.status,
    displayName: pledge.displayName,
    message: pledge.message,
    createdAt: pledge.createdAt,
    expiresAt: pledge.expiresAt,
    unionName: pledge.unionName,
    receipts,
    received: moneyToString(sumMoney(receiptRows.map((row) => moneyFromDb(row.amount)))),
    need: pledge.needId ? await readNeedOutcome(db, pledge.needId) : null,
  };
}

async function readNeedOutcome(db: Database, needId: string): Promise<NonNullable<PledgeJourney["need"]>> {
  const [need] = await db.select({ ref: needs.ref, title: needs.title, status: needs.status }).from(needs).where(eq(needs.id, needId)).limit(1);
  if (!need) throw new Error("a pledge names a need that does not exist");
  // The need fund's movements by kind, each transaction once and only while not reversed. A credit
  // (negative posting) is money in; a disbursement's debit is money out.
  const movements = await db
    .select({ kind: ledgerTransactions.kind, amount: ledgerPostings.amount, valueDate: ledgerTransactions.valueDate, payeeKind: disbursementRequests.payeeKind })
    .from(ledgerAccounts)
    .innerJoin(ledgerPostings, eq(ledgerPostings.accountId, ledgerAccounts.id))
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerPostings.transactionId))
    .leftJoin(disbursementRequests, eq(disbursementRequests.id, ledgerTransactions.disbursementRequestId))
    .leftJoin(reversal, eq(reversal.reversesId, ledgerTransactions.id))
    .where(and(eq(ledgerAccounts.kind, "need-fund"), eq(ledgerAccounts.needId, needId), isNull(reversal.id), inArray(ledgerTransactions.kind, ["receipt", "attribution", "allocation", "disbursement"])))
    .orderBy(asc(ledgerTransactions.valueDate), asc(ledgerTransactions.recordedAt));
  const total = (kinds: readonly string[]) => moneyToString(sumMoney(movements.filter((m) => kinds.includes(m.kind)).map((m) => size(moneyFromDb(m.amount)))));
  const disbursements = movements.flatMap((m) =>
    m.kind === "disbursement" && m.payeeKind ? [{ valueDate: m.valueDate, amount: moneyToString(moneyFromDb(m.amount)), payeeKind: m.payeeKind }] : [],
  );
  return {
    ref: need.ref,
    title: TITLED_NEED_STATUSES.includes(need.status) ? need.title : null,
    status: need.status,
    fund: { received: total(["receipt", "attribution"]), allocated: total(["allocation"]), disbursed: total(["disbursement"]) },
    disbursements,
  };
}
