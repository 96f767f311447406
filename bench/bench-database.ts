// The database a benchmark writes to: with DATABASE_URL a database of its own on that server,
// dropped afterwards; without, an in-memory PGlite.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseHandle } from "../db/client.server";
import { openDatabase } from "../db/client.server";

export async function openBenchDatabase(options: { poolSize: number }): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { handle: await openDatabase({ driver: "pglite" }), drop: async () => undefined };
  const name = `xiangyun_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const handle = await openDatabase({ driver: "pg", url: own.toString(), poolSize: options.poolSize });
  return {
    handle,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
