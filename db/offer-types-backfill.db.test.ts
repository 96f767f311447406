// The migration that gave offers a type and a reason for closing types the offers already there
// from their organisation and category, and gives every closed one the reason "closed". Run
// against a database migrated up to the migration before it, with offers in it, then to the end.
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { MigrationDatabase } from "../tests/migration-database";
import { openMigrationDatabase } from "../tests/migration-database";
import { migrateDatabase } from "./migrate.server";

const BEFORE_OFFER_TYPES = "0004_case_numbers";

let database: MigrationDatabase;
const rowsOf = <T>(schema: z.ZodType<T>, statement: SQL) => database.rowsOf(schema, statement);

const idRow = z.object({ id: z.string() });

const offerIds: Record<string, string> = {};

async function organisation(kind: string, name: string): Promise<string> {
  const [row] = await rowsOf(idRow, sql`insert into organisations (kind, name, region_code, status) values (${kind}, ${name}, '532923', 'verified') returning id`);
  return row?.id ?? "";
}

async function offer(organisationId: string, category: string, status: string, amount: string | null, n: number): Promise<string> {
  const [row] = await rowsOf(
    idRow,
    sql`insert into offers (ref, organisation_id, category, title, description, region_codes, capacity, remaining_capacity, amount, status)
      values (${`O-TEST${n}`}, ${organisationId}, ${category}, '示例', '示例', '{532923}', 5, 5, ${amount}, ${status}) returning id`,
  );
  return row?.id ?? "";
}

beforeAll(async () => {
  database = await openMigrationDatabase();
  await database.migrateUpTo(BEFORE_OFFER_TYPES);
  const government = await organisation("government", "某县人社局（示例）");
  const employer = await organisation("employer", "某公司（示例）");
  const training = await organisation("training", "某职校（示例）");
  const charity = await organisation("charity", "某慈善会（示例）");
  offerIds.entitlement = await offer(government, "living", "open", null, 1);
  offerIds.vacancy = await offer(employer, "job", "open", null, 2);
  offerIds.course = await offer(training, "job", "paused", null, 3);
  offerIds.grant = await offer(charity, "tuition", "closed", "3000.00", 4);
  offerIds.goods = await offer(charity, "goods", "open", "500.00", 5);
  offerIds.service = await offer(charity, "care", "draft", null, 6);
  await migrateDatabase(database.handle);
}, 120_000);

afterAll(() => database?.close());

describe("typing the offers made before offers had a type", () => {
  it("gives each the type its organisation and category imply", async () => {
    const rows = await rowsOf(z.object({ id: z.string(), offer_type: z.string() }), sql`select id, offer_type from offers`);
    const typeOf = new Map(rows.map((r) => [r.id, r.offer_type]));
    for (const [type, id] of Object.entries(offerIds)) expect(typeOf.get(id), type).toBe(type);
  });

  it("says why a closed offer closed, and nothing for the others", async () => {
    const rows = await rowsOf(z.object({ id: z.string(), closed_reason: z.string().nullable() }), sql`select id, closed_reason from offers`);
    const reasonOf = new Map(rows.map((r) => [r.id, r.closed_reason]));
    expect(reasonOf.get(offerIds.grant ?? "")).toBe("closed");
    expect(reasonOf.get(offerIds.vacancy ?? "")).toBeNull();
    expect(reasonOf.get(offerIds.course ?? "")).toBeNull();
  });

  it("then refuses a closed offer without a reason", async () => {
    await expect(database.handle.db.execute(sql`update offers set status = 'closed' where id = ${offerIds.vacancy ?? ""}`)).rejects.toThrow();
  });
});
