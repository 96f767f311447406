// The migration that holds each account's balance in sixteen rows keeps the balances already there:
// the old row becomes row 0, the new rows start at zero, the ledger still verifies, and money can
// leave the account afterwards. Run against a database migrated up to the migration before it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { verifyLedger } from "../app/domain/ledger/verify-ledger.server";
import type { TestBooks } from "../tests/ledger-fixture";
import { balanceOf, openTestBooks, postRaw } from "../tests/ledger-fixture";
import type { MigrationDatabase } from "../tests/migration-database";
import { openMigrationDatabase } from "../tests/migration-database";
import { migrateDatabase } from "./migrate.server";

const BEFORE_BALANCE_SHARDS = "0009_ledger_batch_seal";

let database: MigrationDatabase;
let books: TestBooks;

beforeAll(async () => {
  database = await openMigrationDatabase();
  await database.migrateUpTo(BEFORE_BALANCE_SHARDS);
  books = await openTestBooks(database.handle.db);
  await postRaw(database.handle.db, { organisationId: books.organisationId, kind: "receipt", key: "before-shards", source: "donations", method: "cash" }, [
    [books.bank, "12.34"],
    [books.general.donations, "-12.34"],
  ]);
  await migrateDatabase(database.handle);
}, 120_000);

afterAll(() => database?.close());

describe("holding balances in several rows, on a ledger with money in it", () => {
  it("keeps each balance in row 0 and opens the other fifteen at zero", async () => {
    const rows = await database.rowsOf(
      z.object({ shard: z.number(), balance: z.string(), credits: z.string() }),
      sql`select shard::int as shard, balance::text as balance, credits::text as credits from ledger_balances where account_id = ${books.general.donations} order by shard`,
    );
    expect(rows).toHaveLength(16);
    expect(rows[0]).toEqual({ shard: 0, balance: "12.34", credits: "12.34" });
    expect(rows.slice(1).every((r) => r.balance === "0.00" && r.credits === "0.00")).toBe(true);
    expect(await balanceOf(database.handle.db, books.bank)).toBe("12.34");
  });

  it("still verifies, and lets the money leave afterwards", async () => {
    expect(await verifyLedger({ db: database.handle.db })).toMatchObject({ ok: true });
    await postRaw(database.handle.db, { organisationId: books.organisationId, kind: "allocation", key: "after-shards" }, [
      [books.general.donations, "12.34"],
      [books.general.union, "-12.34"],
    ]);
    expect(await balanceOf(database.handle.db, books.general.donations)).toBe("0.00");
    expect(await verifyLedger({ db: database.handle.db })).toMatchObject({ ok: true });
  });
});
