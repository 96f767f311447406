// A fresh, migrated database for one test file, on whichever driver the project runs.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import type { Database, DatabaseHandle } from "../db/client.server";
import { openDatabase } from "../db/client.server";
import { withDatabase } from "./global-setup";

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const spec = inject("testDatabase");
  if (spec.driver === "pglite") {
    return openDatabase({ driver: "pglite", loadDataDir: new Blob([readFileSync(spec.dumpFile)]) });
  }
  const name = `xiangyun_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: spec.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${spec.template}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ driver: "pg", url: withDatabase(spec.url, name), poolSize: 4 });
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      const dropper = new pg.Client({ connectionString: spec.url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * A second pool of `poolSize` connections on a test database, so concurrent writers each have their
 * own connection as a web server's requests would; on PGlite (one connection, one statement at a
 * time) the database itself.
 */
export async function openConcurrentDatabase(handle: DatabaseHandle, poolSize: number): Promise<{ db: Database; close: () => Promise<void> }> {
  if (handle.driver !== "pg") return { db: handle.db, close: async () => undefined };
  const url = handle.pool.options.connectionString;
  if (!url) throw new Error("no connection string");
  const wide = await openDatabase({ driver: "pg", url, poolSize });
  return { db: wide.db, close: wide.close };
}
