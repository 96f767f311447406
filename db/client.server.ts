// One database handle for the whole process: PGlite in DATA_DIR/pglite by default, a PostgreSQL
// server through `pg` when DATABASE_URL is set. Both speak the same SQL and run the same migrations.
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { z } from "zod";

/** What domain code sees: the common drizzle API of both drivers. */
export type Database = PgDatabase<PgQueryResultHKT>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The rows of a raw statement, checked by `schema`, on either driver (each answers `{ rows }` its own way). */
export async function executeRows<T>(db: Database | Transaction, schema: z.ZodType<T>, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  const rows = typeof result === "object" && result !== null && "rows" in result ? result.rows : result;
  return z.array(schema).parse(rows);
}

export type DatabaseOptions =
  | { driver: "pg"; url: string; poolSize?: number }
  | { driver: "pglite"; dataDir?: string; loadDataDir?: Blob };

interface HandleBase {
  db: Database;
  close(): Promise<void>;
}
export type DatabaseHandle =
  | (HandleBase & { driver: "pg"; nodePg: NodePgDatabase; pool: pg.Pool })
  | (HandleBase & { driver: "pglite"; pgliteDb: PgliteDatabase; pglite: PGlite });

/**
 * Settings of the embedded database, on top of PGlite's own. Its shared buffers live in the WASM
 * heap, inside this process, and are all touched at start: initdb's 128 MB made 90–115 MB of the
 * server's memory before the first request. The table files stay in the operating system's page
 * cache, outside the process, so a buffer missed is a read from memory, not from disk.
 */
const PGLITE_SETTINGS = ["-c", "shared_buffers=16MB"] as const;

/** Opens the database; the caller owns the handle and must close it. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.driver === "pg") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client whose connection the server ends (a restart, a dropped test database) is
    // removed by the pool, which then emits "error": unhandled, that would crash the process. The
    // next query gets a fresh connection, or fails and reports the outage where it matters.
    pool.on("error", () => undefined);
    // Fail at start-up with the server's own message rather than at the first request.
    const client = await pool.connect().catch(async (error: unknown) => {
      await pool.end();
      throw error;
    });
    client.release();
    const nodePg = drizzleNodePg(pool);
    return { driver: "pg", db: nodePg, nodePg, pool, close: once(() => pool.end()) };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  const pgliteDb = drizzlePglite(pglite);
  return { driver: "pglite", db: pgliteDb, pgliteDb, pglite, close: once(() => pglite.close()) };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}
