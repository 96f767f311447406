// For tests of what a migration does to the rows already there: an empty database on the driver
// this run tests, migrated up to a given migration, to be filled and then migrated to the end.
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SQL } from "drizzle-orm";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { inject } from "vitest";
import type { z } from "zod";
import type { DatabaseHandle } from "../db/client.server";
import { executeRows, openDatabase } from "../db/client.server";
import { syncRegions } from "../db/regions/sync-regions.server";
import { withDatabase } from "./global-setup";

export interface MigrationDatabase {
  handle: DatabaseHandle;
  /** Applies the committed migrations up to and including `lastTag`, then loads the regions. */
  migrateUpTo(lastTag: string): Promise<void>;
  /** The rows of a raw statement, on either driver (pg answers { rows }, PGlite's drizzle too). */
  rowsOf<T>(schema: z.ZodType<T>, statement: SQL): Promise<T[]>;
  close(): Promise<void>;
}

/** A database with no tables at all, on the driver this run tests. */
export async function openMigrationDatabase(): Promise<MigrationDatabase> {
  const folder = mkdtempSync(join(tmpdir(), "xiangyun-migrations-"));
  const spec = inject("testDatabase");
  let dropDatabase = async () => undefined;
  let handle: DatabaseHandle;
  if (spec.driver === "pglite") handle = await openDatabase({ driver: "pglite" });
  else {
    const name = `xiangyun_t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: spec.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: spec.url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
    handle = await openDatabase({ driver: "pg", url: withDatabase(spec.url, name), poolSize: 2 });
  }
  return {
    handle,
    async migrateUpTo(lastTag) {
      cpSync(fileURLToPath(new URL("../db/migrations", import.meta.url)), folder, { recursive: true });
      const journalFile = join(folder, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string; idx: number }[] };
      const last = journal.entries.find((e) => e.tag === lastTag);
      if (!last) throw new Error(`no migration ${lastTag}`);
      writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= last.idx) }));
      if (handle.driver === "pglite") await migratePglite(handle.pgliteDb, { migrationsFolder: folder });
      else await migrateNodePg(handle.nodePg, { migrationsFolder: folder });
      await syncRegions(handle.db);
    },
    rowsOf: (schema, statement) => executeRows(handle.db, schema, statement),
    async close() {
      await handle.close();
      await dropDatabase();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
