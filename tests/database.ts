// A fresh, migrated database for one test file, on whichever driver the project runs.
import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import type { Database, DatabaseHandle } from "../db/client.server";
import { openDatabase } from "../db/client.server";
import { withDatabase } from "./global-setup";

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const spec = inject("testDatabase");
  if (spec.driver === "pglite") return leasePglite(spec.dumpFile);
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

/**
 * PGlite databases of this worker, closed by their test file and set back to the run's migrated
 * state, for the worker's next file. Opening one from the migrated dump took 0.5 s and 0.8 s of CPU
 * (about 100 files a run: over a minute of CPU). Setting one back takes a few hundredths: every
 * table emptied but the region codes, which no test changes (the fingerprint would tell), the migrations' own rows put
 * back, and the session as new (`discard all`: settings, temporary tables, prepared statements,
 * advisory locks). A database whose schema, triggers, functions, privileges, roles or region codes
 * differ afterwards from the migrated state (a test that created a role and granted it rights) is
 * closed instead. Files run one after another in a worker, so a file never sees another's data.
 */
const idle: PGlite[] = [];
const MAX_IDLE = 2;
let migrated: Promise<MigratedState> | undefined;

interface MigratedState {
  /** Empties every table but `regions` and puts back what the migrations wrote. */
  reset: string;
  fingerprint: string;
}

const FINGERPRINT = `
  select md5(string_agg(item, ',' order by item)) as fingerprint from (
    select 'class ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(c.relacl::text, '') as item
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
    union all select 'trigger ' || tgrelid::regclass::text || '.' || tgname || ' ' || tgenabled::text from pg_trigger where not tgisinternal
    union all select 'function ' || p.oid::regprocedure::text || ' ' || md5(p.prosrc) || ' ' || coalesce(p.proacl::text, '')
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
    union all select 'role ' || rolname from pg_roles
    union all select 'setting ' || coalesce(array_to_string(setconfig, ' '), '') from pg_db_role_setting
    union all select 'regions ' || md5(string_agg(r::text, ',' order by r.code)) from regions r
    union all select 'migrations ' || count(*) from drizzle.__drizzle_migrations
  ) items`;

async function readMigratedState(pglite: PGlite): Promise<MigratedState> {
  const tables = (await pglite.query<{ name: string }>(`select quote_ident(tablename) as name from pg_tables where schemaname = 'public' and tablename <> 'regions' order by 1`)).rows.map((r) => r.name);
  const statements = ["set session_replication_role = replica", `truncate table ${tables.join(", ")} restart identity`];
  for (const table of tables) {
    const { rows } = await pglite.query<{ rows: unknown[] | null; columns: string }>(
      `select (select json_agg(t) from ${table} t) as rows,
              (select string_agg(quote_ident(attname), ', ' order by attnum) from pg_attribute where attrelid = '${table}'::regclass and attnum > 0 and not attisdropped and attgenerated = '') as columns`,
    );
    const [state] = rows;
    if (!state?.rows) continue;
    const json = JSON.stringify(state.rows).replaceAll("'", "''");
    statements.push(`insert into ${table} (${state.columns}) select ${state.columns} from json_populate_recordset(null::${table}, '${json}')`);
  }
  const [print] = (await pglite.query<{ fingerprint: string }>(FINGERPRINT)).rows;
  return { reset: statements.join(";\n"), fingerprint: print?.fingerprint ?? "" };
}

async function leasePglite(dumpFile: string): Promise<DatabaseHandle> {
  let pglite = idle.pop();
  if (!pglite) {
    const handle = await openDatabase({ driver: "pglite", loadDataDir: new Blob([readFileSync(dumpFile)]) });
    if (handle.driver !== "pglite") throw new Error("expected PGlite");
    pglite = handle.pglite;
    // Read from the first database of the worker, before any test wrote to it.
    migrated ??= readMigratedState(pglite);
    await migrated;
  }
  const own = pglite;
  let closed = false;
  // The file's view of the database: after its close, a call still made (a worker the file did not
  // stop) fails as on a closed database instead of reaching the next file's.
  const client = new Proxy(own, {
    get(target, key) {
      if (closed) throw new Error("the test database is closed");
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const db = drizzle(client);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      closed = true;
      await recycle(own);
    })());
  return { driver: "pglite", db, pgliteDb: db, pglite: client, close };
}

async function recycle(pglite: PGlite): Promise<void> {
  if (pglite.closed) return;
  try {
    const state = await migrated;
    if (!state || idle.length >= MAX_IDLE) throw new Error("not kept");
    // A transaction the file left open ends first; `discard all` cannot run inside one.
    await pglite.exec("rollback");
    await pglite.exec(state.reset);
    await pglite.exec("discard all");
    const [print] = (await pglite.query<{ fingerprint: string }>(FINGERPRINT)).rows;
    if (print?.fingerprint !== state.fingerprint) throw new Error("changed");
    idle.push(pglite);
  } catch {
    await pglite.close().catch(() => undefined);
  }
}
