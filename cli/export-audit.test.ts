// `npm run cli -- export` reads every household's identity: like any identity read it leaves an
// audit row, naming the operator at the command line. And a command's domain error is said
// plainly, with a non-zero exit. Commands run in this process (tests/cli.ts).
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/client.server";
import { auditLog } from "../db/schema/audit";
import { createCliDataDir, runCli } from "../tests/cli";
import { fakeDocument } from "../tests/factories";
import { startTestSearch } from "../tests/search-fixture";

let search: Awaited<ReturnType<typeof startTestSearch>>;
let env: Record<string, string>;
let dataDir: string;

beforeAll(async () => {
  [search, dataDir] = await Promise.all([startTestSearch(), createCliDataDir()]);
  env = { IDENTITY_KEY: randomBytes(32).toString("base64"), DATA_DIR: dataDir, MEILI_URL: search.meili.url, MEILI_MASTER_KEY: search.meili.masterKey, MEILI_INDEX_PREFIX: search.indexPrefix };
}, 60_000);
afterAll(() => search?.meili.stop());

const cli = (args: string[]) => runCli(args, env);

describe("the export command", () => {
  it("writes an audit row for the identities it read, naming the operator, with the count and no value", async () => {
    const file = join(dataDir, "import.json");
    writeFileSync(file, JSON.stringify(fakeDocument({ cases: 3, offers: 0 })));
    expect((await cli(["import", file])).code).toBe(0);
    const out = join(dataDir, "export.json");
    const exported = await cli(["export", out]);
    expect(exported.code, exported.stderr).toBe(0);
    const written = readFileSync(out, "utf8");
    expect(written).toContain(fakeDocument({ cases: 3, offers: 0 }).cases?.[0]?.head.idNumber ?? "missing");

    // The command has returned and released DATA_DIR: read its database.
    const handle = await openDatabase({ driver: "pglite", dataDir: join(dataDir, "pglite") });
    try {
      const rows = await handle.db.select().from(auditLog).where(eq(auditLog.action, "case.export"));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorUserId: null, actorEmail: `cli:${userInfo().username}@${hostname()}`, entity: "case", summary: { after: { format: "json", count: 3 } } });
      const summary = JSON.stringify(rows[0]?.summary);
      for (const c of fakeDocument({ cases: 3, offers: 0 }).cases ?? []) {
        expect(summary).not.toContain(c.head.idNumber);
        expect(summary).not.toContain(c.head.name);
      }
    } finally {
      await handle.close();
    }
  }, 120_000);

  it("says what is wrong with a command's input and exits 2 (a domain error, not a stack or [object …])", async () => {
    const nobody = await cli(["grant", "nobody@test.xiangyun.invalid", "admin", "--organisation", "x"]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr.trim()).toBe("invalid input: email: no account for nobody@test.xiangyun.invalid (create it with create-user)");
  }, 60_000);
});
