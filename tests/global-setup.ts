// Builds one migrated database per test run; each test file then gets its own copy of it
// (tests/database.ts): a PGlite data-dir dump, or a PostgreSQL template database.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/client.server";
import { migrateDatabase } from "../db/migrate.server";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { driver: "pglite"; dumpFile: string } | { driver: "pg"; url: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const driver = project.config.env?.TEST_DB_DRIVER;
  if (driver === "pg") return setupPostgres(project);

  const handle = await openDatabase({ driver: "pglite" });
  await migrateDatabase(handle);
  if (handle.driver !== "pglite") throw new Error("expected PGlite");
  const dump = await handle.pglite.dumpDataDir("none");
  await handle.close();
  const dir = mkdtempSync(join(tmpdir(), "xiangyun-test-"));
  const dumpFile = join(dir, "migrated.tar");
  writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDatabase", { driver: "pglite", dumpFile });
  return () => rmSync(dir, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const template = `xiangyun_tpl_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const handle = await openDatabase({ driver: "pg", url: withDatabase(url, template), poolSize: 2 });
  await migrateDatabase(handle);
  await handle.close();
  await admin.query(`alter database ${template} with is_template true allow_connections false`);
  project.provide("testDatabase", { driver: "pg", url, template });
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'xiangyun_t_%' or datname = $1`, [template]);
    for (const { datname } of leftovers.rows) {
      await admin.query(`alter database ${datname} with is_template false allow_connections true`).catch(() => undefined);
      await admin.query(`drop database if exists ${datname} with (force)`);
    }
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
