// Recomputes the ledger from its postings, outside the database's own functions: every link of the
// hash chain (ADR 008, ADR 010) in sequence order, every transaction's balance, the chain head, and
// every account's balance row. Names the first row that does not match, so tampering behind the
// triggers' back (a superuser, a restored backup) is found. Transactions committed but not yet
// linked by the sealer (the unsealed tail, usually empty or a few milliseconds' worth) are counted
// apart: their postings are checked and count in the balances, but no hash covers them yet.
import { asc, eq, gt, inArray, isNull, sql, sum } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { ledgerAccounts, ledgerBalances, ledgerChainHead, ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import type { Money } from "../money/money";
import { addMoney, isNegativeMoney, isZeroMoney, moneyFromDb, moneyToString, negateMoney, sumMoney, ZERO_MONEY } from "../money/money";
import type { NeedFunding } from "../transparency/funding-state.server";
import { NO_FUNDING, addNeedMovement } from "../transparency/funding-state.server";
import { transactionHash } from "./ledger-hash.server";
import { LEDGER_GENESIS_HASH } from "./ledger-vocabulary";

export type LedgerProblem =
  | { kind: "sequence"; transactionId: string; expected: bigint; found: bigint }
  | { kind: "previous-hash" | "hash"; transactionId: string; sequence: bigint }
  /** `sequence` null: a transaction of the unsealed tail. */
  | { kind: "postings"; transactionId: string; sequence: bigint | null }
  | { kind: "chain-head"; sequence: bigint }
  | { kind: "balance"; accountId: string; expected: string; found: string };

/** `transactions` are the sealed ones, up to the head; `unsealed` the committed ones still to be linked. */
export type LedgerVerification = { ok: true; transactions: number; headHash: string; unsealed: number } | { ok: false; problem: LedgerProblem };

const BATCH = 1_000;
const original = alias(ledgerTransactions, "original");

/** Walks the whole ledger; `ok` only when the chain, every transaction and every balance agree. */
export async function verifyLedger(options: { db: Database }): Promise<LedgerVerification> {
  const { db } = options;
  let previousHash = LEDGER_GENESIS_HASH;
  let expected = 1n;
  for (;;) {
    const batch = await db
      .select()
      .from(ledgerTransactions)
      .where(gt(ledgerTransactions.sequence, expected - 1n))
      .orderBy(asc(ledgerTransactions.sequence))
      .limit(BATCH);
    if (batch.length === 0) break;
    const postings = await db
      .select({ transactionId: ledgerPostings.transactionId, accountId: ledgerPostings.accountId, amount: ledgerPostings.amount })
      .from(ledgerPostings)
      .where(inArray(ledgerPostings.transactionId, batch.map((t) => t.id)));
    const byTransaction = groupBy(postings, (p) => p.transactionId);
    for (const row of batch) {
      const { hash, sequence, previousHash: storedPrevious, ...content } = row;
      if (sequence === null || hash === null || storedPrevious === null || sequence !== expected) return { ok: false, problem: { kind: "sequence", transactionId: row.id, expected, found: sequence ?? -1n } };
      if (storedPrevious !== previousHash) return { ok: false, problem: { kind: "previous-hash", transactionId: row.id, sequence } };
      const own = byTransaction.get(row.id) ?? [];
      if (own.length < 2 || !isZeroMoney(sumMoney(own.map((p) => moneyFromDb(p.amount))))) {
        return { ok: false, problem: { kind: "postings", transactionId: row.id, sequence } };
      }
      if (transactionHash({ ...content, sequence, previousHash, postings: own }) !== hash) return { ok: false, problem: { kind: "hash", transactionId: row.id, sequence } };
      previousHash = hash;
      expected += 1n;
    }
  }
  const [head] = await db.select().from(ledgerChainHead);
  if (!head || head.sequence !== expected - 1n || head.hash !== previousHash) return { ok: false, problem: { kind: "chain-head", sequence: head?.sequence ?? -1n } };

  const tail = await checkUnsealedTail(db);
  if (typeof tail !== "number") return { ok: false, problem: tail };
  const mismatch = await firstBalanceMismatch(db);
  if (mismatch) return { ok: false, problem: mismatch };
  return { ok: true, transactions: Number(expected - 1n), headHash: previousHash, unsealed: tail };
}

/** The committed transactions not yet sealed: each must balance; answers how many there are. */
async function checkUnsealedTail(db: Database): Promise<number | LedgerProblem> {
  const tail = await db.select({ id: ledgerTransactions.id }).from(ledgerTransactions).where(isNull(ledgerTransactions.sequence));
  for (let i = 0; i < tail.length; i += BATCH) {
    const ids = tail.slice(i, i + BATCH).map((t) => t.id);
    const postings = await db.select({ transactionId: ledgerPostings.transactionId, amount: ledgerPostings.amount }).from(ledgerPostings).where(inArray(ledgerPostings.transactionId, ids));
    const byTransaction = groupBy(postings, (p) => p.transactionId);
    for (const id of ids) {
      const own = byTransaction.get(id) ?? [];
      if (own.length < 2 || !isZeroMoney(sumMoney(own.map((p) => moneyFromDb(p.amount))))) return { kind: "postings", transactionId: id, sequence: null };
    }
  }
  return tail.length;
}

/** Each account's balance recomputed from all its postings, against its balance row, in account order. */
async function firstBalanceMismatch(db: Database): Promise<LedgerProblem | null> {
  let after = "";
  for (;;) {
    // An account's balance is the sum of its rows (the checks keep each at zero or more).
    const accounts = await db
      .select({
        id: ledgerAccounts.id,
        kind: ledgerAccounts.kind,
        balance: sum(ledgerBalances.balance),
        debits: sum(ledgerBalances.debits),
        credits: sum(ledgerBalances.credits),
        raised: sum(ledgerBalances.raised),
        allocated: sum(ledgerBalances.allocated),
        disbursed: sum(ledgerBalances.disbursed),
      })
      .from(ledgerAccounts)
      .leftJoin(ledgerBalances, eq(ledgerBalances.accountId, ledgerAccounts.id))
      .where(after ? gt(ledgerAccounts.id, after) : undefined)
      .groupBy(ledgerAccounts.id)
      .orderBy(asc(ledgerAccounts.id))
      .limit(BATCH);
    if (accounts.length === 0) return null;
    const postings = await db
      .select({ accountId: ledgerPostings.accountId, amount: ledgerPostings.amount, movement: sql<string>`coalesce(${original.kind}, ${ledgerTransactions.kind})` })
      .from(ledgerPostings)
      .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerPostings.transactionId))
      .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
      .where(inArray(ledgerPostings.accountId, accounts.map((a) => a.id)));
    const byAccount = groupBy(postings, (p) => p.accountId);
    for (const account of accounts) {
      let debits: Money = ZERO_MONEY;
      let credits: Money = ZERO_MONEY;
      let movements: NeedFunding = NO_FUNDING;
      for (const p of byAccount.get(account.id) ?? []) {
        const amount = moneyFromDb(p.amount);
        if (isNegativeMoney(amount)) credits = addMoney(credits, negateMoney(amount));
        else debits = addMoney(debits, amount);
        if (account.kind === "need-fund") movements = addNeedMovement(movements, p.movement, amount);
      }
      const balance = account.kind === "bank" ? addMoney(debits, negateMoney(credits)) : addMoney(credits, negateMoney(debits));
      const text = (m: Money | string | null) => moneyToString(typeof m === "string" || m === null ? moneyFromDb(m ?? "0") : m);
      // A need fund's raised / allocated / disbursed are kept in its rows too; other accounts keep zero.
      const expected = `${text(balance)} (debits ${text(debits)}, credits ${text(credits)}; raised ${text(movements.raised)}, allocated ${text(movements.allocated)}, disbursed ${text(movements.disbursed)})`;
      const found =
        account.balance === null
          ? "no balance row"
          : `${text(account.balance)} (debits ${text(account.debits)}, credits ${text(account.credits)}; raised ${text(account.raised)}, allocated ${text(account.allocated)}, disbursed ${text(account.disbursed)})`;
      if (expected !== found) return { kind: "balance", accountId: account.id, expected, found };
    }
    after = accounts[accounts.length - 1]?.id ?? after;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
