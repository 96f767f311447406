// postTransaction on a real database: balanced writes, idempotent retries, refusals that write
// nothing, and many writers at once against one fund (on a PostgreSQL server, with a pool of its own).
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database, DatabaseHandle } from "../../../db/client.server";
import { ledgerTransactions } from "../../../db/schema/ledger";
import { createTestDatabase, openConcurrentDatabase } from "../../../tests/database";
import type { TestBooks } from "../../../tests/ledger-fixture";
import { balanceOf, openTestBooks, rowsOf } from "../../../tests/ledger-fixture";
import { isDomainError } from "../errors/domain-error";
import { addMoney, money, moneyFromDb, moneyToString, subtractMoney } from "../money/money";
import type { LedgerTransactionInput } from "./post-transaction.server";
import { postStandalone, postTransaction } from "./post-transaction.server";

let handle: DatabaseHandle;
let books: TestBooks;
let keys = 0;
const key = () => `post-${++keys}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  books = await openTestBooks(handle.db);
});
afterAll(() => handle?.close());

const receipt = (amount: string, idempotencyKey = key(), into = books.general.donations): LedgerTransactionInput => ({
  organisationId: books.organisationId,
  kind: "receipt",
  idempotencyKey,
  source: "donations",
  method: "bank-transfer",
  bankReference: "TEST-0001",
  postings: [
    { accountId: books.bank, amount: money(amount) },
    { accountId: into, amount: money(`-${amount}`) },
  ],
});

const allocation = (from: string, to: string, amount: string, idempotencyKey = key()): LedgerTransactionInput => ({
  organisationId: books.organisationId,
  kind: "allocation",
  idempotencyKey,
  postings: [
    { accountId: from, amount: money(amount) },
    { accountId: to, amount: money(`-${amount}`) },
  ],
});

const transactionCount = async (db: Database = handle.db) => {
  const [row] = await rowsOf(db, z.object({ n: z.number() }), sql`select count(*)::int as n from ledger_transactions`);
  return row?.n ?? -1;
};

async function refusalOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { kind: error.kind, messageKey: error.messageKey };
}

describe("postTransaction", () => {
  it("writes a balanced transaction and moves the balances", async () => {
    const before = await balanceOf(handle.db, books.general.union);
    const posted = await postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("88.80", key(), books.general.union) });
    expect(posted.replayed).toBe(false);
    expect(moneyToString(subtractMoney(moneyFromDb(await balanceOf(handle.db, books.general.union)), moneyFromDb(before)))).toBe("88.80");
    const [row] = await handle.db.select({ hash: ledgerTransactions.hash }).from(ledgerTransactions).where(eq(ledgerTransactions.id, posted.id));
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes the audit row of a new transaction with it, and none for a replay or a refusal", async () => {
    const auditRows = (entityId: string) =>
      rowsOf(handle.db, z.object({ action: z.string(), entity: z.string(), summary: z.unknown() }), sql`select action, entity, summary from audit_log where entity_id = ${entityId}`);
    const auditCount = () => rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from audit_log`);
    const audit = { actor: null, action: "ledger.receipt", organisationId: books.organisationId, after: { amount: "6.60", note: "带中文的说明" } } as const;
    const posted = await postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("6.60", "audited"), audit });
    expect(await auditRows(posted.id)).toEqual([{ action: "ledger.receipt", entity: "ledger-transaction", summary: { after: { amount: "6.60", note: "带中文的说明" } } }]);
    const before = await auditCount();
    const replay = await postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("6.60", "audited"), audit });
    expect(replay).toEqual({ id: posted.id, replayed: true });
    const refused = await refusalOf(postTransaction({ db: handle.db, actorUserId: null, transaction: allocation(books.general.union, books.general.government, "999999999.00"), audit }));
    expect(refused.messageKey).toBe("fundOverdrawn");
    expect(await auditCount()).toEqual(before);
  });

  it("posts on its own, as one statement: a new transaction, a replay, and an overdraft that leaves nothing behind", async () => {
    const before = await balanceOf(handle.db, books.general.union);
    const posted = await postStandalone({ db: handle.db, actorUserId: null, transaction: receipt("12.30", "standalone", books.general.union) });
    expect(posted.replayed).toBe(false);
    expect(moneyToString(subtractMoney(moneyFromDb(await balanceOf(handle.db, books.general.union)), moneyFromDb(before)))).toBe("12.30");
    expect(await postStandalone({ db: handle.db, actorUserId: null, transaction: receipt("12.30", "standalone", books.general.union) })).toEqual({ id: posted.id, replayed: true });
    const count = await transactionCount();
    const error: unknown = await postStandalone({ db: handle.db, actorUserId: null, transaction: allocation(books.general.union, books.general.government, "999999999.00", "standalone-overdraft") }).catch((e: unknown) => e);
    expect(isDomainError(error) && { messageKey: error.messageKey, values: error.values }).toEqual({
      messageKey: "fundOverdrawn",
      values: { balance: moneyToString(moneyFromDb(await balanceOf(handle.db, books.general.union))) },
    });
    expect(await transactionCount()).toBe(count);
    const [row] = await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from ledger_transactions where idempotency_key = 'standalone-overdraft'`);
    expect(row?.n).toBe(0);
  });

  it("answers a retry with the same key and content with the transaction already posted", async () => {
    const first = await postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("20.00", "retry-same") });
    const count = await transactionCount();
    const again = await postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("20.00", "retry-same") });
    expect(again).toEqual({ id: first.id, replayed: true });
    expect(await transactionCount()).toBe(count);
  });

  it("refuses the same key with another amount and writes nothing", async () => {
    await postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("20.00", "retry-other") });
    const [count, bank] = [await transactionCount(), await balanceOf(handle.db, books.bank)];
    expect(await refusalOf(postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("21.00", "retry-other") }))).toEqual({
      kind: "conflict",
      messageKey: "ledgerKeyReused",
    });
    expect([await transactionCount(), await balanceOf(handle.db, books.bank)]).toEqual([count, bank]);
  });

  it("refuses postings that do not balance before touching the database", async () => {
    const count = await transactionCount();
    const unbalanced = { ...receipt("5.00"), postings: [{ accountId: books.bank, amount: money("5.00") }, { accountId: books.general.donations, amount: money("-4.00") }] };
    expect(await refusalOf(postTransaction({ db: handle.db, actorUserId: null, transaction: unbalanced }))).toEqual({ kind: "invalid", messageKey: "invalidInput" });
    expect(await transactionCount()).toBe(count);
  });

  it("refuses an allocation larger than the fund holds and writes nothing", async () => {
    const holds = await balanceOf(handle.db, books.general.government);
    const count = await transactionCount();
    const tooMuch = allocation(books.general.government, books.general.union, "0.01");
    if (holds !== "0.00") throw new Error("the government fund should be empty here");
    expect(await refusalOf(postTransaction({ db: handle.db, actorUserId: null, transaction: tooMuch }))).toEqual({ kind: "conflict", messageKey: "fundOverdrawn" });
    expect(await transactionCount()).toBe(count);
  });

  it("refuses a second reversal of one transaction", async () => {
    const original = await postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("7.00") });
    const reversal = (idempotencyKey: string): LedgerTransactionInput => ({
      organisationId: books.organisationId,
      kind: "reversal",
      idempotencyKey,
      memo: "重复登记",
      reversesId: original.id,
      postings: [
        { accountId: books.bank, amount: money("-7.00") },
        { accountId: books.general.donations, amount: money("7.00") },
      ],
    });
    await postTransaction({ db: handle.db, actorUserId: null, transaction: reversal(key()) });
    expect(await refusalOf(postTransaction({ db: handle.db, actorUserId: null, transaction: reversal(key()) }))).toEqual({
      kind: "conflict",
      messageKey: "ledgerTransactionReversed",
    });
  });
});

describe("many writers at once", () => {
  // Each writer its own connection where the driver has them (PGlite runs one statement at a time).
  const concurrentDatabase = () => openConcurrentDatabase(handle, 40);

  it("never overdraw a fund and keep the chain linear: 200 allocations of ¥1 against ¥150, exactly 150 go through", async () => {
    const fundBooks = await openTestBooks(handle.db);
    await postTransaction({
      db: handle.db,
      actorUserId: null,
      transaction: { ...receipt("150.00"), organisationId: fundBooks.organisationId, postings: [
        { accountId: fundBooks.bank, amount: money("150.00") },
        { accountId: fundBooks.general.donations, amount: money("-150.00") },
      ] },
    });
    const wide = await concurrentDatabase();
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) =>
          postTransaction({
            db: wide.db,
            actorUserId: null,
            transaction: { ...allocation(fundBooks.general.donations, i % 2 ? fundBooks.general.union : fundBooks.general.government, "1.00"), organisationId: fundBooks.organisationId },
          }),
        ),
      );
      const refused = results.filter((r) => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(150);
      for (const r of refused) expect(isDomainError(r.reason) && r.reason.messageKey === "fundOverdrawn").toBe(true);
    } finally {
      await wide.close();
    }
    expect(await balanceOf(handle.db, fundBooks.general.donations)).toBe("0.00");
    expect(moneyToString(addMoney(moneyFromDb(await balanceOf(handle.db, fundBooks.general.union)), moneyFromDb(await balanceOf(handle.db, fundBooks.general.government))))).toBe("150.00");
    // The chain stayed linear through it: every sequence once, each linked to the one before.
    const chain = await rowsOf(
      handle.db,
      z.object({ sequence: z.string(), previous_hash: z.string(), hash: z.string() }),
      sql`select t.sequence::text as sequence, t.previous_hash, t.hash from ledger_transactions t order by t.sequence`,
    );
    chain.forEach((link, i) => {
      expect(BigInt(link.sequence)).toBe(BigInt(i + 1));
      expect(link.previous_hash).toBe(i === 0 ? "0".repeat(64) : chain[i - 1]?.hash);
    });
  });

  it("post a transaction once when its retries race: 30 submissions of one key, one transaction", async () => {
    const count = await transactionCount();
    const wide = await concurrentDatabase();
    try {
      const results = await Promise.all(Array.from({ length: 30 }, () => postTransaction({ db: wide.db, actorUserId: null, transaction: receipt("9.99", "raced-key") })));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    } finally {
      await wide.close();
    }
    expect(await transactionCount()).toBe(count + 1);
  });

  it("reverse one transaction once, whoever asks: 100 reversals at once, one goes through", async () => {
    const original = await postTransaction({ db: handle.db, actorUserId: null, transaction: receipt("3.00") });
    const wide = await concurrentDatabase();
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, () =>
          postTransaction({
            db: wide.db,
            actorUserId: null,
            transaction: {
              organisationId: books.organisationId,
              kind: "reversal",
              idempotencyKey: key(),
              memo: "重复登记",
              reversesId: original.id,
              postings: [
                { accountId: books.bank, amount: money("-3.00") },
                { accountId: books.general.donations, amount: money("3.00") },
              ],
            },
          }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(isDomainError(r.reason) && r.reason.messageKey).toBe("ledgerTransactionReversed");
    } finally {
      await wide.close();
    }
  });
});
