// An account's balance held in several rows (docs/ledger.md "Balances"): increases go to the writer's
// row, decreases take from the rows in order, each row stays at zero or more, and an account's
// balance is their sum — through the domain service, through raw SQL, and with many writers at once.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database, DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase, openConcurrentDatabase } from "../../../tests/database";
import type { TestBooks } from "../../../tests/ledger-fixture";
import { balanceOf, openTestBooks, postRaw, rowsOf } from "../../../tests/ledger-fixture";
import { isDomainError } from "../errors/domain-error";
import { money } from "../money/money";
import type { LedgerTransactionInput } from "./post-transaction.server";
import { postTransaction } from "./post-transaction.server";
import { sealLedger } from "./seal-ledger.server";
import { verifyLedger } from "./verify-ledger.server";

let handle: DatabaseHandle;
let keys = 0;
const key = () => `shards-${++keys}`;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

const receipt = (books: TestBooks, amount: string): LedgerTransactionInput => ({
  organisationId: books.organisationId,
  kind: "receipt",
  idempotencyKey: key(),
  source: "donations",
  method: "bank-transfer",
  postings: [
    { accountId: books.bank, amount: money(amount) },
    { accountId: books.general.donations, amount: money(`-${amount}`) },
  ],
});

const allocation = (books: TestBooks, amount: string): LedgerTransactionInput => ({
  organisationId: books.organisationId,
  kind: "allocation",
  idempotencyKey: key(),
  postings: [
    { accountId: books.general.donations, amount: money(amount) },
    { accountId: books.general.union, amount: money(`-${amount}`) },
  ],
});

/** Posts through the domain service as a writer whose increases go to balance row `shard`. */
async function postAs(shard: number, transaction: LedgerTransactionInput) {
  const posted = await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('xiangyun.ledger_shard', ${String(shard)}, true)`);
    return postTransaction({ db: tx, actorUserId: null, transaction });
  });
  await sealLedger(handle.db);
  return posted;
}

/** An account's balance rows that hold something, by row: { 2: "10.00", … }. */
async function rowsHolding(db: Database, accountId: string): Promise<Record<number, string>> {
  const rows = await rowsOf(
    db,
    z.object({ shard: z.number(), balance: z.string() }),
    sql`select shard::int as shard, balance::text as balance from ledger_balances where account_id = ${accountId} and balance <> 0 order by shard`,
  );
  return Object.fromEntries(rows.map((r) => [r.shard, r.balance]));
}

/** Whole fen as money text: 1050 → "10.50". */
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

async function refusalOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.messageKey;
}

describe("balances held in several rows", () => {
  it("opens every account with sixteen rows at zero", async () => {
    const books = await openTestBooks(handle.db);
    const [row] = await rowsOf(
      handle.db,
      z.object({ rows: z.number(), total: z.string() }),
      sql`select count(*)::int as rows, sum(balance)::text as total from ledger_balances where account_id = ${books.general.donations}`,
    );
    expect(row).toEqual({ rows: 16, total: "0.00" });
  });

  it("puts each increase on the writer's row and reads the account as their sum", async () => {
    const books = await openTestBooks(handle.db);
    for (const shard of [2, 7, 11]) await postAs(shard, receipt(books, "10.00"));
    expect(await rowsHolding(handle.db, books.general.donations)).toEqual({ 2: "10.00", 7: "10.00", 11: "10.00" });
    expect(await rowsHolding(handle.db, books.bank)).toEqual({ 2: "10.00", 7: "10.00", 11: "10.00" });
    expect(await balanceOf(handle.db, books.general.donations)).toBe("30.00");
  });

  it("takes a decrease larger than any one row from the rows in order, and refuses one beyond their sum writing nothing", async () => {
    const books = await openTestBooks(handle.db);
    for (const shard of [2, 7, 11]) await postAs(shard, receipt(books, "10.00"));
    await postAs(4, allocation(books, "25.00"));
    expect(await rowsHolding(handle.db, books.general.donations)).toEqual({ 11: "5.00" });
    expect(await rowsHolding(handle.db, books.general.union)).toEqual({ 4: "25.00" });

    expect(await refusalOf(postAs(11, allocation(books, "5.01")))).toBe("fundOverdrawn");
    expect(await rowsHolding(handle.db, books.general.donations)).toEqual({ 11: "5.00" });
    await postAs(0, allocation(books, "5.00"));
    expect(await balanceOf(handle.db, books.general.donations)).toBe("0.00");
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true });
  });

  it("refuses a raw overdraft spread over several rows at the database, and writes nothing", async () => {
    const books = await openTestBooks(handle.db);
    for (const shard of [1, 9]) await postAs(shard, receipt(books, "3.00"));
    const overdraft = postRaw(handle.db, { organisationId: books.organisationId, kind: "allocation", key: key() }, [
      [books.general.donations, "6.01"],
      [books.general.union, "-6.01"],
    ]);
    await expect(overdraft).rejects.toThrow();
    expect(await rowsHolding(handle.db, books.general.donations)).toEqual({ 1: "3.00", 9: "3.00" });
    await postRaw(handle.db, { organisationId: books.organisationId, kind: "allocation", key: key() }, [
      [books.general.donations, "6.00"],
      [books.general.union, "-6.00"],
    ]);
    expect(await rowsHolding(handle.db, books.general.donations)).toEqual({});
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true });
  });

  it("lets many writers pay into and draw on one fund at once without an overdraft or a lost yuan", async () => {
    // Each writer its own connection where the driver has them (PGlite runs one statement at a time).
    const wide = await openConcurrentDatabase(handle, 24);
    const db = wide.db;
    const books = await openTestBooks(handle.db);
    try {
      await postTransaction({ db, actorUserId: null, transaction: receipt(books, "20.00") });
      const work = Array.from({ length: 240 }, (_, i) => postTransaction({ db, actorUserId: null, transaction: i % 2 ? receipt(books, "1.00") : allocation(books, "1.50") }));
      const results = await Promise.allSettled(work);
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      for (const reason of refused) expect(isDomainError(reason) && reason.messageKey === "fundOverdrawn").toBe(true);
      const allocated = results.filter((r, i) => i % 2 === 0 && r.status === "fulfilled").length;
      const leftFen = 2000 + 120 * 100 - allocated * 150;
      expect(leftFen).toBeGreaterThanOrEqual(0);
      expect(await balanceOf(handle.db, books.general.donations)).toBe(yuan(leftFen));
      expect(await balanceOf(handle.db, books.general.union)).toBe(yuan(allocated * 150));
      expect(await balanceOf(handle.db, books.bank)).toBe("140.00");
      // With a pool, receipts from several connections went to several rows.
      if (handle.driver === "pg") expect(Object.keys(await rowsHolding(handle.db, books.bank)).length).toBeGreaterThan(1);
    } finally {
      await wide.close();
    }
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true });
  });
});
