// Builds one migrated database per test run; each test file then gets its own copy of it
// (tests/database.ts): a PGlite data-dir dump, or a PostgreSQL template database. Starts one
// Meilisearch for the run too; each search test file gets its own index prefix on it
// (tests/search-fixture.ts). And one temporary directory for the run, under which the files' load
// contexts and CLI data directories are made (tests/temp-dir.ts), removed when the run ends.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/client.server";
import { migrateDatabase } from "../db/migrate.server";
import { createSearchClient } from "../search/client.server";
import { ensureIndexes } from "../search/ensure-indexes.server";
import { startMeilisearch } from "../search/meili-process.server";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { driver: "pglite"; dumpFile: string } | { driver: "pg"; url: string; template: string };
    /** The run's Meilisearch; projects without this global setup (the browser tests) have none. */
    testSearch: { url: string; apiKey: string } | undefined;
    /** The run's temporary directory (tests/temp-dir.ts); projects without this global setup have none. */
    testTempRoot: string | undefined;
  }
}

export default async function setup(project: TestProject) {
  const tempRoot = mkdtempSync(join(tmpdir(), "xiangyun-run-"));
  project.provide("testTempRoot", tempRoot);
  const [search, database] = await Promise.allSettled([setupSearch(project), setupDatabase(project)]);
  const teardown = async () => {
    if (database.status === "fulfilled") await database.value();
    if (search.status === "fulfilled") await search.value();
    rmSync(tempRoot, { recursive: true, force: true });
  };
  // A half-done setup is undone: a Meilisearch left running would keep vitest from exiting.
  const failed = [search, database].find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  return teardown;
}

/** One Meilisearch for every test file of the project (the files that test the process itself start their own). */
async function setupSearch(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "xiangyun-meili-run-"));
  const meili = await startMeilisearch({ dataDir: dir });
  // The unprefixed indexes too, with their settings, for a file that does not pass its prefix on.
  await ensureIndexes(createSearchClient({ url: meili.url, apiKey: meili.masterKey }));
  project.provide("testSearch", { url: meili.url, apiKey: meili.masterKey });
  return async () => {
    await meili.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

async function setupDatabase(project: TestProject): Promise<() => void | Promise<void>> {
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
