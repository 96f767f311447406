// The home page and the listing by date read public needs newest first, a page at a time. The
// partial index needs_public_newest_idx must give them in that order — its column order and NULLS
// placement matching the query's ORDER BY — so a page is read, not every public need sorted.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { newestPublicNeedsQuery } from "../app/domain/needs/public-needs.server";
import { createTestDatabase } from "../tests/database";
import { rowsOf } from "../tests/ledger-fixture";
import type { DatabaseHandle } from "./client.server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("public needs newest first", () => {
  it.each([1, 3])("reads page %i in the order of needs_public_newest_idx, with no sort", async (page) => {
    const plan = await handle.db.transaction(async (tx) => {
      // With sequential scans and sorts ruled out, the plan shows whether the index can give the order.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      const rows = await rowsOf(tx, z.object({ "QUERY PLAN": z.string() }), sql`explain (costs off) ${newestPublicNeedsQuery(handle.db, { page, pageSize: 6 })}`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("needs_public_newest_idx");
    expect(plan).not.toMatch(/Sort/);
  });
});
