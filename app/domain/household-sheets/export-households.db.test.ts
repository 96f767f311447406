// The households export reads its cases in batches: every case comes out once, in the order of
// registration (to the microsecond, ties by id), with one record of the export; a failure midway
// records nothing.
import { parse } from "csv-parse/sync";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { cases } from "../../../db/schema/cases";
import { createTestActor } from "../../../tests/actors";
import { createTestDatabase } from "../../../tests/database";
import { fakeDocument } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { importTestDocument } from "../../../tests/import-test-document";
import type { Actor } from "../auth/actor";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { RegionDirectory } from "../regions/region-directory.server";
import { getRegionDirectory } from "../regions/region-directory.server";
import { exportHouseholds } from "./export-households.server";
import { readSheet } from "./read-sheet.server";
import type { SheetFormat } from "./read-sheet.server";

const CASES = 7;
let handle: DatabaseHandle;
let actor: Actor;
let regions: RegionDirectory;
const cipher = createTestCipher();

beforeAll(async () => {
  handle = await createTestDatabase();
  await importTestDocument(handle.db, cipher, fakeDocument({ cases: CASES, offers: 0 }));
  // Cases 1–4 registered at the same instant (the order is the ids'), 5–7 within one millisecond,
  // the later case numbers first: a key cut to milliseconds would skip or repeat some of them.
  const registered = await handle.db.select({ id: cases.id }).from(cases).orderBy(asc(cases.caseNumber));
  for (const [i, { id }] of registered.entries()) {
    const microseconds = i < 4 ? 0 : CASES - i;
    await handle.db.update(cases).set({ createdAt: sql`'2026-03-02 08:00:00.001+08'::timestamptz + ${microseconds} * interval '1 microsecond'` }).where(eq(cases.id, id));
  }
  actor = await createTestActor(handle.db, "xy-union", "caseworker");
  regions = await getRegionDirectory(handle.db);
}, 60_000);
afterAll(() => handle.close());

const exportAs = (format: SheetFormat, options: { batchSize: number; cipher?: IdentityCipher }) =>
  exportHouseholds({ db: handle.db, cipher: options.cipher ?? cipher, actor, regions, locale: "zh-CN", format, sheetName: "户", ip: null, batchSize: options.batchSize });

const exportRecords = () => handle.db.select({ summary: auditLog.summary }).from(auditLog).where(eq(auditLog.action, "case.export")).orderBy(asc(auditLog.id));

/** The case numbers in the order of registration, as the database orders them. */
async function registrationOrder(): Promise<string[]> {
  const rows = await handle.db.select({ caseNumber: cases.caseNumber }).from(cases).orderBy(asc(cases.createdAt), asc(cases.id));
  return rows.map((row) => row.caseNumber);
}

describe("exporting households in batches", () => {
  it("writes every case once, in the order of registration, and records one export with the total", async () => {
    const before = (await exportRecords()).length;
    const file = await exportAs("csv", { batchSize: 3 });
    const [, ...rows]: string[][] = parse(Buffer.from(file), { bom: true });
    const order = await registrationOrder();
    expect(order).toHaveLength(CASES);
    expect(rows.map((row) => row.at(-1))).toEqual(order);
    const records = await exportRecords();
    expect(records).toHaveLength(before + 1);
    expect(records.at(-1)?.summary).toEqual({ after: { format: "csv", count: CASES } });
  });

  it("writes the same rows in a workbook, whether the batches divide the cases or not", async () => {
    const csv = parse(Buffer.from(await exportAs("csv", { batchSize: 1000 })), { bom: true });
    for (const batchSize of [3, 7]) {
      const read = await readSheet("x.xlsx", await exportAs("xlsx", { batchSize }));
      if (!read.ok) throw new Error(read.problem);
      expect([read.sheet.headers, ...read.sheet.rows.map((row) => row.cells)]).toEqual(csv);
    }
  });

  it("records nothing when a case fails to decrypt midway", async () => {
    const before = await exportRecords();
    let decrypted = 0;
    // The second batch's second case (four fields a case).
    const failing: IdentityCipher = {
      ...cipher,
      decrypt: (field, ciphertext) => {
        if (++decrypted === 18) throw new Error("the key does not open this case");
        return cipher.decrypt(field, ciphertext);
      },
    };
    await expect(exportAs("xlsx", { batchSize: 3, cipher: failing })).rejects.toThrow("the key does not open this case");
    expect(decrypted).toBe(18);
    expect(await exportRecords()).toEqual(before);
  });
});
