// A fresh, migrated database for one test file, on whichever driver the project runs.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import type { DatabaseHandle } from "../db/client.server";
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
