// The one way money is written (docs/ledger.md): a balanced transaction and its postings in one
// database transaction, with the balance rows of its accounts locked in account order, so
// concurrent writers queue instead of deadlocking and an overdraft is refused before a posting is
// written. The database checks everything again at commit (balance, immutability, no overdraft);
// the sealer links the committed transaction into the hash chain afterwards (ADR 010).
import { and, asc, eq, inArray, not, or, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "../../../db/client.server";
import { ledgerAccounts, ledgerBalances, ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import { DomainError } from "../errors/domain-error";
import type { Money } from "../money/money";
import { ZERO_MONEY, addMoney, isNegativeMoney, isZeroMoney, moneyFromDb, moneyToString, negateMoney, sumMoney } from "../money/money";
import { onNeedFundBalanceChanged } from "../transparency/on-need-fund-balance-changed.server";
import type { FundSource, LedgerAccountKind, LedgerTransactionKind, ReceiptMethod } from "./ledger-vocabulary";
import { sealLedger } from "./seal-ledger.server";

export interface LedgerPostingInput {
  accountId: string;
  /** A debit is positive, a credit negative. */
  amount: Money;
}

export interface LedgerTransactionInput {
  organisationId: string;
  kind: LedgerTransactionKind;
  /** Chosen by the caller once per intended transaction (a form's hidden field); a retry sends it again. */
  idempotencyKey: string;
  /** YYYY-MM-DD in Beijing; the database's today when left out. */
  valueDate?: string;
  memo?: string | null;
  reversesId?: string | null;
  source?: FundSource | null;
  method?: ReceiptMethod | null;
  bankReference?: string | null;
  pledgeId?: string | null;
  disbursementRequestId?: string | null;
  postings: readonly LedgerPostingInput[];
}

export interface PostedTransaction {
  id: string;
  /** True when the key had already been posted with the same content: nothing new was written. */
  replayed: boolean;
}

/**
 * Posts a balanced transaction once per idempotency key; a key reused with other content is a 409.
 * Inside a caller's database transaction it writes there (the caller seals after its commit, with
 * `sealLedger`); given the database itself, it commits and seals before answering.
 */
export async function postTransaction(options: { db: Database; actorUserId: string | null; transaction: LedgerTransactionInput }): Promise<PostedTransaction> {
  const { db, actorUserId, transaction } = options;
  assertBalanced(transaction);
  if (db instanceof PgTransaction) return write(db, actorUserId, transaction);
  const posted = await db.transaction((tx) => write(tx, actorUserId, transaction));
  await sealLedger(db);
  return posted;
}

/**
 * The key first: a retry finds its transaction without touching a balance (it must answer even when
 * the fund no longer holds the amount); a concurrent writer of the same key waits on the key's index
 * entry, not on a balance row. Then the balance rows, locked and checked, and the postings.
 */
async function write(tx: Transaction, actorUserId: string | null, transaction: LedgerTransactionInput): Promise<PostedTransaction> {
  try {
    const [row] = await tx
      .insert(ledgerTransactions)
      .values({
        organisationId: transaction.organisationId,
        kind: transaction.kind,
        idempotencyKey: transaction.idempotencyKey,
        valueDate: transaction.valueDate,
        actorUserId,
        memo: transaction.memo ?? null,
        reversesId: transaction.reversesId ?? null,
        source: transaction.source ?? null,
        method: transaction.method ?? null,
        bankReference: transaction.bankReference ?? null,
        pledgeId: transaction.pledgeId ?? null,
        disbursementRequestId: transaction.disbursementRequestId ?? null,
      })
      .onConflictDoNothing({ target: ledgerTransactions.idempotencyKey })
      .returning({ id: ledgerTransactions.id });
    if (!row) {
      const posted = await findPosted(tx, transaction);
      if (posted) return posted;
      throw new Error(`ledger transaction ${transaction.idempotencyKey}: the key is taken but its transaction is not visible`);
    }
    const needIds = await lockAndCheckBalances(tx, transaction);
    await tx.insert(ledgerPostings).values(transaction.postings.map((p) => ({ transactionId: row.id, accountId: p.accountId, amount: moneyToString(p.amount) })));
    // A need's search document follows its funding state, not its every yuan.
    for (const needId of needIds) await onNeedFundBalanceChanged(tx, needId, row.id);
    return { id: row.id, replayed: false };
  } catch (error) {
    throw refusalOf(error, transaction) ?? error;
  }
}

function assertBalanced(transaction: LedgerTransactionInput): void {
  const { postings } = transaction;
  const accounts = new Set(postings.map((p) => p.accountId));
  const invalid = (why: string) => new DomainError("invalid", "invalidInput", `ledger transaction ${transaction.idempotencyKey}: ${why}`);
  if (postings.length < 2) throw invalid("it needs at least two postings");
  if (accounts.size !== postings.length) throw invalid("an account appears in more than one posting");
  if (postings.some((p) => isZeroMoney(p.amount))) throw invalid("a posting of zero");
  const total = sumMoney(postings.map((p) => p.amount));
  if (!isZeroMoney(total)) throw invalid(`postings sum to ${moneyToString(total)}, not zero`);
}

/**
 * The transaction already posted under this key: itself when the content is the same, a conflict
 * when it differs (a retry of another amount must not pass for the first one).
 */
async function findPosted(db: Transaction, transaction: LedgerTransactionInput): Promise<PostedTransaction | null> {
  const [found] = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, transaction.idempotencyKey));
  if (!found) return null;
  const postings = await db
    .select({ accountId: ledgerPostings.accountId, amount: ledgerPostings.amount })
    .from(ledgerPostings)
    .where(eq(ledgerPostings.transactionId, found.id));
  const sameFields =
    found.organisationId === transaction.organisationId &&
    found.kind === transaction.kind &&
    (transaction.valueDate === undefined || found.valueDate === transaction.valueDate) &&
    found.memo === (transaction.memo ?? null) &&
    found.reversesId === (transaction.reversesId ?? null) &&
    found.source === (transaction.source ?? null) &&
    found.method === (transaction.method ?? null) &&
    found.bankReference === (transaction.bankReference ?? null) &&
    found.pledgeId === (transaction.pledgeId ?? null) &&
    found.disbursementRequestId === (transaction.disbursementRequestId ?? null);
  const stored = new Map(postings.map((p) => [p.accountId, moneyToString(moneyFromDb(p.amount))]));
  const samePostings = stored.size === transaction.postings.length && transaction.postings.every((p) => stored.get(p.accountId) === moneyToString(p.amount));
  if (sameFields && samePostings) return { id: found.id, replayed: true };
  throw new DomainError("conflict", "ledgerKeyReused", `idempotency key ${transaction.idempotencyKey} was posted with other content`);
}

/**
 * Locks, in account and row order, the balance rows the postings will move — for an increase the
 * connection's row of the account, for a decrease all its rows — and refuses a posting that would
 * take an account below zero; answers the needs whose funds the transaction touches. Writers paying
 * into one account lock different rows and so do not wait for each other's commits.
 */
async function lockAndCheckBalances(tx: Transaction, transaction: LedgerTransactionInput): Promise<string[]> {
  const ids = transaction.postings.map((p) => p.accountId);
  // Balances are kept on the account's normal side: a debit raises the bank, a credit the others.
  const debited = transaction.postings.filter((p) => !isNegativeMoney(p.amount)).map((p) => p.accountId);
  const credited = transaction.postings.filter((p) => isNegativeMoney(p.amount)).map((p) => p.accountId);
  const isBank = eq(ledgerAccounts.kind, "bank");
  const decreased = or(and(isBank, inArrayOrFalse(ledgerBalances.accountId, credited)), and(not(isBank), inArrayOrFalse(ledgerBalances.accountId, debited)));
  const locked = await tx
    .select({ accountId: ledgerBalances.accountId, balance: ledgerBalances.balance, kind: ledgerAccounts.kind, needId: ledgerAccounts.needId })
    .from(ledgerBalances)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerBalances.accountId))
    .where(and(inArray(ledgerBalances.accountId, ids), eq(ledgerAccounts.organisationId, transaction.organisationId), or(eq(ledgerBalances.shard, sql`ledger_balance_shard()`), decreased)))
    .orderBy(asc(ledgerBalances.accountId), asc(ledgerBalances.shard))
    .for("update", { of: ledgerBalances });
  const accounts = new Map<string, { kind: LedgerAccountKind; needId: string | null; balance: Money }>();
  for (const row of locked) {
    const held = accounts.get(row.accountId)?.balance ?? ZERO_MONEY;
    accounts.set(row.accountId, { kind: row.kind, needId: row.needId, balance: addMoney(held, moneyFromDb(row.balance)) });
  }
  if (accounts.size !== ids.length) {
    throw new DomainError("invalid", "invalidInput", `ledger transaction ${transaction.idempotencyKey}: an account is not in this union's books`);
  }
  for (const posting of transaction.postings) {
    const account = accounts.get(posting.accountId);
    if (!account) continue;
    const change = account.kind === "bank" ? posting.amount : negateMoney(posting.amount);
    if (!isNegativeMoney(change)) continue;
    // All of a decreased account's rows are locked: their sum is what it holds.
    if (isNegativeMoney(addMoney(account.balance, change))) {
      const balance = moneyToString(account.balance);
      throw new DomainError("conflict", "fundOverdrawn", `account ${posting.accountId} holds ${balance}: ${moneyToString(negateMoney(change))} cannot leave it`, {
        values: { balance },
      });
    }
  }
  return [...accounts.values()].flatMap((account) => (account.kind === "need-fund" && account.needId ? [account.needId] : []));
}

function inArrayOrFalse(column: typeof ledgerBalances.accountId, values: string[]) {
  return values.length ? inArray(column, values) : sql`false`;
}

/** The domain's word for what the database refused, or null for an unexpected failure. */
function refusalOf(error: unknown, transaction: LedgerTransactionInput): DomainError | null {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = "cause" in e ? e.cause : null) {
    const constraint = "constraint" in e ? e.constraint : null;
    if (constraint === "ledger_balances_not_negative") {
      return new DomainError("conflict", "fundOverdrawn", `ledger transaction ${transaction.idempotencyKey} would overdraw an account`);
    }
    if (constraint === "ledger_transactions_reversed_once_idx") {
      return new DomainError("conflict", "ledgerTransactionReversed", `transaction ${transaction.reversesId ?? ""} has already been reversed`);
    }
    if (constraint === "ledger_transactions_disbursed_once_idx") {
      return new DomainError("conflict", "disbursementPosted", `disbursement request ${transaction.disbursementRequestId ?? ""} has already been paid`);
    }
  }
  return null;
}
