// The migration that keeps a need fund's raised / allocated / disbursed in its balance rows fills
// them from the postings already there (a reversal counted against the movement it undoes), the
// ledger still verifies, and money moved afterwards adds to them. Run against a database migrated
// up to the migration before it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { verifyLedger } from "../app/domain/ledger/verify-ledger.server";
import { fakeCase, fakeDocument } from "../tests/factories";
import { createTestCipher } from "../tests/identity";
import type { TestBooks } from "../tests/ledger-fixture";
import { openTestBooks, postRaw } from "../tests/ledger-fixture";
import type { MigrationDatabase } from "../tests/migration-database";
import { openMigrationDatabase } from "../tests/migration-database";
import { migrateDatabase } from "./migrate.server";

const BEFORE_NEED_MOVEMENTS = "0010_ledger_balance_shards";

let database: MigrationDatabase;
let books: TestBooks;
let fund: string;

const movements = () =>
  database.rowsOf(
    z.object({ raised: z.string(), allocated: z.string(), disbursed: z.string(), balance: z.string() }),
    sql`select sum(raised)::text as raised, sum(allocated)::text as allocated, sum(disbursed)::text as disbursed, sum(balance)::text as balance
        from ledger_balances where account_id = ${fund}`,
  );

beforeAll(async () => {
  database = await openMigrationDatabase();
  await database.migrateUpTo(BEFORE_NEED_MOVEMENTS);
  const db = database.handle.db;
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.cases = [fakeCase(1, { key: "movements-case", needs: [{ key: "movements-need", category: "tuition", title: "学费缺口", story: "学费缺口，需要帮助。", skills: [], amount: "1000.00", publish: true }] })];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  books = await openTestBooks(db);
  const [row] = await database.rowsOf(
    z.object({ id: z.string() }),
    sql`insert into ledger_accounts (organisation_id, kind, need_id) select ${books.organisationId}, 'need-fund', id from needs where ref = ${imported.result.needs["movements-need"] ?? ""} returning id`,
  );
  if (!row) throw new Error("no need fund");
  fund = row.id;
  const org = books.organisationId;
  const receipt = await postRaw(db, { organisationId: org, kind: "receipt", key: "m-receipt", source: "donations", method: "cash" }, [
    [books.bank, "300.00"],
    [fund, "-300.00"],
  ]);
  await postRaw(db, { organisationId: org, kind: "receipt", key: "m-grant", source: "government", method: "bank-transfer" }, [
    [books.bank, "500.00"],
    [books.general.government, "-500.00"],
  ]);
  await postRaw(db, { organisationId: org, kind: "allocation", key: "m-allocation" }, [
    [books.general.government, "200.00"],
    [fund, "-200.00"],
  ]);
  await postRaw(db, { organisationId: org, kind: "reversal", key: "m-reversal", reversesId: receipt, memo: "登记错误" }, [
    [books.bank, "-300.00"],
    [fund, "300.00"],
  ]);
  await migrateDatabase(database.handle);
}, 120_000);

afterAll(() => database?.close());

describe("keeping a need fund's movements in its balance rows, on a ledger with money in it", () => {
  it("fills raised and allocated from the postings, net of the reversal, and the ledger verifies", async () => {
    expect(await movements()).toEqual([{ raised: "0.00", allocated: "200.00", disbursed: "0.00", balance: "200.00" }]);
    expect(await verifyLedger({ db: database.handle.db })).toMatchObject({ ok: true, transactions: 4 });
  });

  it("adds what is posted afterwards", async () => {
    await postRaw(database.handle.db, { organisationId: books.organisationId, kind: "receipt", key: "m-after", source: "donations", method: "cash" }, [
      [books.bank, "45.60"],
      [fund, "-45.60"],
    ]);
    expect(await movements()).toEqual([{ raised: "45.60", allocated: "200.00", disbursed: "0.00", balance: "245.60" }]);
    expect(await verifyLedger({ db: database.handle.db })).toMatchObject({ ok: true, transactions: 5 });
  });
});
