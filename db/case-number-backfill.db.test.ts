// The migration that gave cases their numbers numbers the cases already registered, in
// registration order per county and year of registration (Beijing time), and leaves each county's
// counter where the next registration continues. Run against a database migrated up to the
// migration before it, with cases in it, then migrated to the end.
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { MigrationDatabase } from "../tests/migration-database";
import { openMigrationDatabase } from "../tests/migration-database";
import { migrateDatabase } from "./migrate.server";

const BEFORE_CASE_NUMBERS = "0003_case_records";

let database: MigrationDatabase;
const rowsOf = <T>(schema: z.ZodType<T>, statement: SQL) => database.rowsOf(schema, statement);

const idRow = z.object({ id: z.string() });

async function registeredAt(organisationId: string, regionCode: string, createdAt: string, n: number): Promise<string> {
  const [row] = await rowsOf(
    idRow,
    sql`
    insert into cases (organisation_id, region_code, head_name_enc, head_id_number_enc, head_phone_enc, head_address_enc, id_hash,
      birth_year, sex, household_size, monthly_income_per_head, causes, tier, created_at)
    values (${organisationId}, ${regionCode}, '\\x00', '\\x00', '\\x00', '\\x00', ${Buffer.from([n])}, 1970, 'male', 3, 600, '{disability}', 'general', ${createdAt}::timestamptz)
    returning id`,
  );
  if (!row) throw new Error("no case");
  return row.id;
}

const numbers: Record<string, string> = {};

beforeAll(async () => {
  database = await openMigrationDatabase();
  await database.migrateUpTo(BEFORE_CASE_NUMBERS);
  const [org] = await rowsOf(idRow, sql`insert into organisations (kind, name, region_code, status) values ('union', '祥云县总工会', '532923', 'verified') returning id`);
  const orgId = org?.id ?? "";
  // Out of order on purpose: numbers follow the registration time, not the insertion order.
  numbers.lateXiangyun2026 = await registeredAt(orgId, "532923", "2026-03-10T02:00:00Z", 1);
  numbers.xiangyun2025 = await registeredAt(orgId, "532923", "2025-06-01T02:00:00Z", 2);
  // 17:30 UTC on 31 December is already 1 January in Beijing: a 2026 registration.
  numbers.newYearXiangyun = await registeredAt(orgId, "532923", "2025-12-31T17:30:00Z", 3);
  numbers.binchuan2026 = await registeredAt(orgId, "532924", "2026-05-01T02:00:00Z", 4);
  await migrateDatabase(database.handle);
}, 120_000);

afterAll(() => database?.close());

async function caseNumberOf(id: string | undefined): Promise<string | undefined> {
  const [row] = await rowsOf(z.object({ case_number: z.string() }), sql`select case_number from cases where id = ${id ?? ""}`);
  return row?.case_number;
}

describe("numbering the cases registered before case numbers", () => {
  it("numbers them per county and Beijing year in registration order: 532923-2026-0002", async () => {
    expect(await caseNumberOf(numbers.xiangyun2025)).toBe("532923-2025-0001");
    expect(await caseNumberOf(numbers.newYearXiangyun)).toBe("532923-2026-0001");
    expect(await caseNumberOf(numbers.lateXiangyun2026)).toBe("532923-2026-0002");
    expect(await caseNumberOf(numbers.binchuan2026)).toBe("532924-2026-0001");
  });

  it("leaves each county's counter at its last number", async () => {
    const counters = await rowsOf(
      z.object({ region_code: z.string(), year: z.number(), last_number: z.number() }),
      sql`select region_code, year, last_number from case_number_counters order by region_code, year`,
    );
    expect(counters).toEqual([
      { region_code: "532923", year: 2025, last_number: 1 },
      { region_code: "532923", year: 2026, last_number: 2 },
      { region_code: "532924", year: 2026, last_number: 1 },
    ]);
  });

  it("then requires a number of every case", async () => {
    const [org] = await rowsOf(idRow, sql`select id from organisations limit 1`);
    await expect(registeredAt(org?.id ?? "", "532923", "2026-06-01T02:00:00Z", 9)).rejects.toThrow();
  });
});
