// The maker's half of a disbursement (docs/ledger.md): a finance user asks to pay a provider from a
// fund. Nothing is posted until a different finance user approves (decide-disbursement.server.ts).
// The fund must hold the amount when asked; the posting checks again when it is paid.
import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { disbursementRequests } from "../../../db/schema/ledger";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit.server";
import { conflict, invalid } from "../errors/domain-error";
import type { Money } from "../money/money";
import { compareMoney, moneyFromDb, moneyToString } from "../money/money";
import { balanceOfAccount, checkedKey, ensureLedgerAccounts, financeBooksOf, positiveAmount } from "./ledger-accounts.server";
import type { FundSource, PayeeKind } from "./ledger-vocabulary";

export type DisbursementFund = { source: FundSource } | { needRef: string };

export interface DisbursementRequestInput {
  fund: DisbursementFund;
  /** A provider (school, hospital, training centre…), never a worker. */
  payeeName: string;
  payeeKind: PayeeKind;
  purpose: string;
  invoiceRef: string | null;
  amount: string;
  idempotencyKey: string;
}

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A random public reference like D-7K3Q9MX, never derived from a row id. */
function newDisbursementRef(): string {
  let body = "";
  for (let i = 0; i < 7; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `D-${body}`;
}

/** Asks for a disbursement, once per form key; refuses more than the fund holds now. */
export async function requestDisbursement(options: { db: Database; actor: Actor; request: DisbursementRequestInput }): Promise<{ ref: string; replayed: boolean }> {
  const { db, actor, request } = options;
  const books = financeBooksOf(actor);
  const amount = positiveAmount(request.amount);
  const idempotencyKey = checkedKey(request.idempotencyKey);
  const payeeName = request.payeeName.trim();
  const purpose = request.purpose.trim();
  if (!payeeName) throw invalid("a payee is needed");
  if (!purpose) throw invalid("a purpose is needed");
  const invoiceRef = request.invoiceRef?.trim() || null;
  return db.transaction(async (tx) => {
    const accounts = await ensureLedgerAccounts({ db: tx, root: db, actor, needRef: "needRef" in request.fund ? request.fund.needRef : undefined });
    const fundAccountId = accounts.needFund ?? ("source" in request.fund ? accounts.general[request.fund.source] : null);
    if (!fundAccountId) throw new Error("no fund account");
    const asked = { organisationId: books.organisationId, fundAccountId, payeeName, payeeKind: request.payeeKind, purpose, invoiceRef, amount };
    // A form sent again answers its request, even once the fund has spent the money since.
    const existing = await requestWithKey(tx, idempotencyKey);
    if (existing) return replayOf(existing, asked, idempotencyKey);
    const balance = await balanceOfAccount(tx, fundAccountId);
    if (compareMoney(amount, balance) > 0) {
      throw conflict("disbursementOverFund", `the fund holds ${moneyToString(balance)}: ${moneyToString(amount)} cannot be requested`, {
        balance: moneyToString(balance),
        amount: moneyToString(amount),
      });
    }
    const ref = newDisbursementRef();
    const [row] = await tx
      .insert(disbursementRequests)
      .values({
        ref,
        organisationId: books.organisationId,
        fundAccountId,
        payeeName,
        payeeKind: request.payeeKind,
        purpose,
        invoiceRef,
        amount: moneyToString(amount),
        requestedBy: actor.userId,
        idempotencyKey,
      })
      .onConflictDoNothing({ target: disbursementRequests.idempotencyKey })
      .returning({ id: disbursementRequests.id, ref: disbursementRequests.ref });
    if (!row) {
      // Another submit of the same form won the race: answer its request.
      const won = await requestWithKey(tx, idempotencyKey);
      if (!won) throw new Error("disbursement request vanished");
      return replayOf(won, asked, idempotencyKey);
    }
    await recordAudit(tx, {
      actor,
      action: "ledger.disbursement-request",
      entity: "disbursement-request",
      entityId: row.id,
      organisationId: books.organisationId,
      after: { ref: row.ref, amount: moneyToString(amount), payeeKind: request.payeeKind },
    });
    return { ref: row.ref, replayed: false };
  });
}

async function requestWithKey(tx: Transaction, idempotencyKey: string) {
  const [row] = await tx
    .select({
      ref: disbursementRequests.ref,
      organisationId: disbursementRequests.organisationId,
      fundAccountId: disbursementRequests.fundAccountId,
      payeeName: disbursementRequests.payeeName,
      payeeKind: disbursementRequests.payeeKind,
      purpose: disbursementRequests.purpose,
      invoiceRef: disbursementRequests.invoiceRef,
      amount: disbursementRequests.amount,
    })
    .from(disbursementRequests)
    .where(eq(disbursementRequests.idempotencyKey, idempotencyKey));
  return row ?? null;
}

/**
 * The request a key already made, when this is the same form sent again; the same key with other
 * content (another amount, fund or payee, or another union's form) is a 409 and asks for nothing.
 */
function replayOf(
  existing: NonNullable<Awaited<ReturnType<typeof requestWithKey>>>,
  asked: { organisationId: string; fundAccountId: string; payeeName: string; payeeKind: PayeeKind; purpose: string; invoiceRef: string | null; amount: Money },
  idempotencyKey: string,
): { ref: string; replayed: true } {
  const same =
    existing.organisationId === asked.organisationId &&
    existing.fundAccountId === asked.fundAccountId &&
    existing.payeeName === asked.payeeName &&
    existing.payeeKind === asked.payeeKind &&
    existing.purpose === asked.purpose &&
    existing.invoiceRef === asked.invoiceRef &&
    compareMoney(moneyFromDb(existing.amount), asked.amount) === 0;
  if (!same) throw conflict("ledgerKeyReused", `idempotency key ${idempotencyKey} asked for another disbursement`);
  return { ref: existing.ref, replayed: true };
}
