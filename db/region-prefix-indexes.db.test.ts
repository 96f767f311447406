// Region scopes are code prefixes (`inRegionScope`: starts_with), and the staff reports filter by
// them on large tables. A btree in the database's collation serves a prefix only under "C"; the
// report indexes use text_pattern_ops, so the prefix becomes an index range whatever the collation
// (the test databases run under C.UTF-8 on PostgreSQL).
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase } from "../tests/database";
import { rowsOf } from "../tests/ledger-fixture";
import type { DatabaseHandle } from "./client.server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** The plan's text, with sequential scans ruled out so any index that can serve the filter is taken. */
async function planOf(statement: SQL): Promise<string> {
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const rows = await rowsOf(tx, z.object({ "QUERY PLAN": z.string() }), sql`explain (costs off) ${statement}`);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("a region prefix is an index range", () => {
  it.each([
    ["cases", "cases_region_created_idx", sql`select count(*) from cases where starts_with(region_code, '5329') and created_at < now()`],
    ["needs", "needs_region_published_idx", sql`select count(*) from needs where starts_with(region_code, '5329') and published_at >= now() - interval '1 year'`],
    ["audit_log", "audit_log_action_region_idx", sql`select count(*) from audit_log where action = 'case.status' and starts_with(region_code, '5329') and occurred_at >= now() - interval '1 year'`],
  ])("%s", async (_table, index, statement) => {
    const plan = await planOf(statement);
    expect(plan).toContain(index);
    expect(plan).toMatch(/Index Cond: .*region_code ~>=~ '5329'::text\) AND \(region_code ~<~ /);
  });
});
