// `suggest` in process through its command function (a real database and Meilisearch), and once
// as an operator runs it: a real CLI process straight after `import` returns. That one is the
// suite's only test of `cli/main.ts` as a process; the other command tests run cli/cli.ts in theirs.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../db/client.server";
import { drainOutbox } from "../search/search-sync.server";
import { createLogger } from "../server/logger.server";
import { createCliDataDir } from "../tests/cli";
import { createTestDatabase } from "../tests/database";
import { fakeCase, fakeDocument, fakeOffer } from "../tests/factories";
import { createTestCipher } from "../tests/identity";
import { startTestSearch } from "../tests/search-fixture";
import { describeCliError } from "./report-error";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import type { SuggestRuntime } from "./suggest-command";
import { suggestCommand } from "./suggest-command";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;
let needRef: string;
let offerRefs: Record<string, string>;

function document() {
  const doc = fakeDocument({ cases: 0, offers: 0 });
  doc.organisations!.push({ key: "yn-gov", kind: "government", name: "云南省教育厅", region: "53" });
  doc.cases = [
    fakeCase(1, { needs: [{ key: "weld", category: "job", title: "想找份工作", story: "会电焊，做过几年钢结构。", skills: [], amount: null, publish: true }] }),
    fakeCase(2, { needs: [{ key: "tuition", category: "tuition", title: "女儿上大学", story: "女儿考上大学，学费还差八千。", skills: [], amount: null, publish: true }] }),
  ];
  doc.offers = [
    fakeOffer(1, { key: "welder-job", title: "招聘焊工", skills: ["焊工"], regions: ["532923"] }),
    fakeOffer(2, { key: "gov-loan", organisation: "yn-gov", category: "tuition", title: "国家助学贷款", description: "考上大学的学生可申请。", skills: [], regions: ["53"] }),
  ];
  return doc;
}

const jsonOutput = z.array(z.strictObject({ offer: z.string().regex(/^O-/), key: z.string().nullable(), score: z.number().min(0).max(1), reasons: z.array(z.string()) }));

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  const parsed = parseImportDocument(document());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRef = imported.result.needs.weld ?? "";
  offerRefs = imported.result.offers;
  await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix });
}, 90_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

async function suggest(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const runtime: SuggestRuntime = { db: handle.db, search: search.client, indexPrefix: search.indexPrefix, logger: createLogger({ level: "silent" }) };
  const code = await suggestCommand(args, (_command, fn) => fn(runtime), { out: (line) => out.push(line), err: (line) => err.push(line) }).catch((error: unknown) => {
    const described = describeCliError(error);
    err.push(described.message);
    return described.exitCode;
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("suggest", () => {
  it("prints the suggestions as JSON, best first, with Chinese reasons, by reference or import key", async () => {
    const byRef = await suggest(needRef, "--json");
    expect(byRef.code, byRef.stderr).toBe(0);
    const rows = jsonOutput.parse(JSON.parse(byRef.stdout));
    expect(rows[0]).toMatchObject({ offer: offerRefs["welder-job"], key: "welder-job" });
    expect(rows[0]?.reasons).toContain("覆盖祥云县");
    expect(rows[0]?.reasons.some((r) => r.startsWith("技能相符") || r.startsWith("内容相关"))).toBe(true);
    const byKey = await suggest("weld", "--json");
    expect(JSON.parse(byKey.stdout)).toEqual(rows);
  });

  it("puts the government's entitlement first and says 政府政策优先", async () => {
    const { stdout } = await suggest("tuition", "--json", "--limit", "1");
    const rows = jsonOutput.parse(JSON.parse(stdout));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: "gov-loan" });
    expect(rows[0]?.reasons).toContain("政府政策优先");
  });

  it("prints a readable list without --json", async () => {
    const { code, stdout } = await suggest(needRef);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^1\\. ${offerRefs["welder-job"]} \\d\\.\\d\\d 招聘焊工 — 测试建材有限公司 \\(welder-job\\)`));
  });

  it("names a bad reference and a bad --limit, exiting non-zero", async () => {
    const unknown = await suggest("N-NOSUCH2");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('"N-NOSUCH2"');
    const limit = await suggest(needRef, "--limit", "lots");
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain("--limit");
    expect((await suggest()).code).toBe(2);
  });

  it("works in a real process straight after import returns", async () => {
    const { DATABASE_URL: _db, MEILI_URL: _url, MEILI_MASTER_KEY: _key, ...inherited } = process.env;
    // Its own DATA_DIR, whose database is already migrated as after `npm run cli -- migrate` (a first
    // start's initdb and migrations are the server's and the runtime tests' to show), and its own
    // indexes: the other tests' documents stay in theirs.
    const env = {
      ...inherited,
      DATA_DIR: await createCliDataDir(),
      MEILI_URL: search.meili.url,
      MEILI_MASTER_KEY: search.meili.masterKey,
      MEILI_INDEX_PREFIX: `${search.indexPrefix}_process`,
      LOG_LEVEL: "warn",
    };
    const cli = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { env, timeout: 90_000 }, (error, stdout, stderr) => {
          resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
        });
      });
    const file = join(env.DATA_DIR, "import.json");
    writeFileSync(file, JSON.stringify(document()));
    const imported = await cli("import", file);
    expect(imported.code, imported.stderr).toBe(0);
    const suggested = await cli("suggest", "weld", "--json");
    expect(suggested.code, suggested.stderr).toBe(0);
    const rows = jsonOutput.parse(JSON.parse(suggested.stdout));
    expect(rows.map((r) => r.key)).toEqual(["welder-job"]);
  }, 180_000);
});
