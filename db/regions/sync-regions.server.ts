import { sql } from "drizzle-orm";
import type { Database } from "../client.server";
import { regions } from "../schema/regions";
import { fromExcluded } from "../upsert";
import { loadRegions } from "./regions";

/** Loads the GB/T 2260 list into `regions`, inserting new codes and updating changed names. */
export async function syncRegions(db: Database): Promise<void> {
  const rows = loadRegions();
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(regions);
  if (count === rows.length) return;
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(regions)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: regions.code,
        set: fromExcluded(regions, ["nameZh", "nameEn", "level", "parentCode", "path"]),
      });
  }
}
