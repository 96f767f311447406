// What a union's finance staff read (their own union's books only): pledges awaiting money,
// disbursement requests awaiting a second approver, fund balances from the balance rows (never
// summed from history), recent transactions, and one transaction with its postings.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { disbursementRequests, ledgerAccounts, ledgerPostings, ledgerTransactions, pledges } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import type { Actor } from "../auth/actor";
import { notFound } from "../errors/domain-error";
import { moneyFromDb, moneyToString } from "../money/money";
import { accountBalanceSql, financeBooksOf } from "./ledger-accounts.server";
import type { FundSource, LedgerAccountKind, LedgerTransactionKind, PayeeKind, PledgeStatus, ReceiptMethod } from "./ledger-vocabulary";

/** Amounts leave as canonical text ("650.00"); pages format them. */
export interface FinanceAccount {
  id: string;
  kind: LedgerAccountKind;
  source: FundSource | null;
  need: { ref: string; title: string } | null;
  balance: string;
}

export interface FinanceWorkspace {
  pledges: {
    ref: string;
    amount: string;
    received: string;
    status: PledgeStatus;
    need: { ref: string; title: string } | null;
    expiresAt: string;
    /** The donor as they gave it: a name (null when anonymous), a contact and a message for the union. */
    donor: { displayName: string | null; contact: string | null; message: string | null };
  }[];
  pendingDisbursements: { ref: string; amount: string; payeeName: string; payeeKind: PayeeKind; purpose: string; invoiceRef: string | null; fund: string; requestedBy: string; isOwn: boolean; requestedAt: string }[];
  accounts: FinanceAccount[];
  recent: { id: string; kind: LedgerTransactionKind; valueDate: string; memo: string | null; amount: string; isReversed: boolean }[];
}

/** The accounts of the actor's union with their balances, from their balance rows. */
export async function listFinanceAccounts(db: Database, organisationId: string): Promise<FinanceAccount[]> {
  const rows = await db
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, source: ledgerAccounts.source, needRef: needs.ref, needTitle: needs.title, balance: accountBalanceSql(ledgerAccounts.id) })
    .from(ledgerAccounts)
    .leftJoin(needs, eq(needs.id, ledgerAccounts.needId))
    .where(eq(ledgerAccounts.organisationId, organisationId))
    .orderBy(ledgerAccounts.kind, ledgerAccounts.source, needs.ref);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    source: r.source,
    need: r.needRef && r.needTitle ? { ref: r.needRef, title: r.needTitle } : null,
    balance: moneyToString(moneyFromDb(r.balance ?? "0")),
  }));
}

/** How a fund is named on a page: its source, or its need's reference. */
function fundLabel(account: FinanceAccount | undefined): string {
  if (!account) return "";
  return account.need ? account.need.ref : (account.source ?? account.kind);
}

/** The workspace of the actor's union. */
export async function loadFinanceWorkspace(options: { db: Database; actor: Actor }): Promise<FinanceWorkspace> {
  const { db, actor } = options;
  const books = financeBooksOf(actor);
  const requester = alias(users, "requester");
  const received = sql<string>`coalesce((select sum(p.amount) from ledger_postings p join ledger_accounts a on a.id = p.account_id and a.kind = 'bank'
    join ledger_transactions t on t.id = p.transaction_id
    where t.pledge_id = ${pledges.id} or t.reverses_id in (select r.id from ledger_transactions r where r.pledge_id = ${pledges.id})), 0)::numeric(18,2)::text`;
  const reversal = alias(ledgerTransactions, "reversal");
  const [accounts, pledgeRows, requestRows, recentRows] = await Promise.all([
    listFinanceAccounts(db, books.organisationId),
    db
      .select({
        ref: pledges.ref,
        amount: pledges.amount,
        status: pledges.status,
        needRef: needs.ref,
        needTitle: needs.title,
        expiresAt: pledges.expiresAt,
        received,
        displayName: pledges.displayName,
        contact: pledges.contact,
        message: pledges.message,
      })
      .from(pledges)
      .leftJoin(needs, eq(needs.id, pledges.needId))
      .where(and(eq(pledges.organisationId, books.organisationId), inArray(pledges.status, ["open", "partly-received"])))
      .orderBy(pledges.expiresAt)
      .limit(50),
    db
      .select({
        ref: disbursementRequests.ref,
        amount: disbursementRequests.amount,
        payeeName: disbursementRequests.payeeName,
        payeeKind: disbursementRequests.payeeKind,
        purpose: disbursementRequests.purpose,
        invoiceRef: disbursementRequests.invoiceRef,
        fundAccountId: disbursementRequests.fundAccountId,
        requestedById: disbursementRequests.requestedBy,
        requestedBy: requester.displayName,
        requestedAt: disbursementRequests.createdAt,
      })
      .from(disbursementRequests)
      .innerJoin(requester, eq(requester.id, disbursementRequests.requestedBy))
      .where(and(eq(disbursementRequests.organisationId, books.organisationId), eq(disbursementRequests.status, "pending")))
      .orderBy(disbursementRequests.createdAt),
    db
      .select({
        id: ledgerTransactions.id,
        kind: ledgerTransactions.kind,
        valueDate: ledgerTransactions.valueDate,
        memo: ledgerTransactions.memo,
        amount: sql<string>`(select coalesce(sum(p.amount) filter (where p.amount > 0), 0)::numeric(18,2)::text from ledger_postings p where p.transaction_id = ${ledgerTransactions.id})`,
        reversalId: reversal.id,
      })
      .from(ledgerTransactions)
      .leftJoin(reversal, eq(reversal.reversesId, ledgerTransactions.id))
      .where(eq(ledgerTransactions.organisationId, books.organisationId))
      .orderBy(desc(ledgerTransactions.recordedAt))
      .limit(20),
  ]);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return {
    pledges: pledgeRows.map((p) => ({
      ref: p.ref,
      amount: moneyToString(moneyFromDb(p.amount)),
      received: moneyToString(moneyFromDb(p.received)),
      status: p.status,
      need: p.needRef && p.needTitle ? { ref: p.needRef, title: p.needTitle } : null,
      expiresAt: p.expiresAt.toISOString(),
      donor: { displayName: p.displayName, contact: p.contact, message: p.message },
    })),
    pendingDisbursements: requestRows.map((r) => ({
      ref: r.ref,
      amount: moneyToString(moneyFromDb(r.amount)),
      payeeName: r.payeeName,
      payeeKind: r.payeeKind,
      purpose: r.purpose,
      invoiceRef: r.invoiceRef,
      fund: fundLabel(byId.get(r.fundAccountId)),
      requestedBy: r.requestedBy,
      isOwn: r.requestedById === actor.userId,
      requestedAt: r.requestedAt.toISOString(),
    })),
    accounts,
    recent: recentRows.map((t) => ({ id: t.id, kind: t.kind, valueDate: t.valueDate, memo: t.memo, amount: moneyToString(moneyFromDb(t.amount)), isReversed: t.reversalId !== null })),
  };
}

export interface FinanceTransaction {
  id: string;
  kind: LedgerTransactionKind;
  valueDate: string;
  recordedAt: string;
  memo: string | null;
  source: FundSource | null;
  method: ReceiptMethod | null;
  bankReference: string | null;
  reversesId: string | null;
  reversedById: string | null;
  hash: string | null;
  postings: { account: string; kind: LedgerAccountKind; amount: string }[];
}

/** One transaction of the actor's union with its postings; another union's is not found. */
export async function getFinanceTransaction(options: { db: Database; actor: Actor; id: string }): Promise<FinanceTransaction> {
  const { db, actor, id } = options;
  const books = financeBooksOf(actor);
  const missing = () => notFound("ledgerTransactionNotFound", `transaction ${id} is not in this union's books`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw missing();
  const reversal = alias(ledgerTransactions, "reversal");
  const [row] = await db
    .select({ t: ledgerTransactions, reversedById: reversal.id })
    .from(ledgerTransactions)
    .leftJoin(reversal, eq(reversal.reversesId, ledgerTransactions.id))
    .where(and(eq(ledgerTransactions.id, id), eq(ledgerTransactions.organisationId, books.organisationId)));
  if (!row) throw missing();
  const accounts = await listFinanceAccounts(db, books.organisationId);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const postings = await db.select({ accountId: ledgerPostings.accountId, amount: ledgerPostings.amount }).from(ledgerPostings).where(eq(ledgerPostings.transactionId, id));
  const t = row.t;
  return {
    id: t.id,
    kind: t.kind,
    valueDate: t.valueDate,
    recordedAt: t.recordedAt.toISOString(),
    memo: t.memo,
    source: t.source,
    method: t.method,
    bankReference: t.bankReference,
    reversesId: t.reversesId,
    reversedById: row.reversedById,
    hash: t.hash,
    postings: postings.map((p) => {
      const account = byId.get(p.accountId);
      return { account: fundLabel(account), kind: account?.kind ?? "bank", amount: moneyToString(moneyFromDb(p.amount)) };
    }),
  };
}
