import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { fileURLToPath } from "node:url";
import type { DatabaseHandle } from "./client.server";
import { syncRegions } from "./regions/sync-regions.server";

// From the checkout's root, one directory up: true here and in the server's bundle, build/main.js.
const migrationsFolder = fileURLToPath(new URL("../db/migrations", import.meta.url));
// Any constant: several app instances starting together must not migrate at the same time.
const MIGRATION_LOCK = 7_264_893_551;

/** Applies committed migrations and the region reference data; safe to run on every start. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.pgliteDb, { migrationsFolder });
  } else {
    // An advisory lock belongs to a session: take it, migrate and release it on one connection.
    const client = await handle.pool.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }
  await syncRegions(handle.db);
}
