// The embedded default end to end: PGlite and the real Meilisearch binary in a temp DATA_DIR,
// migrations, the demo seed, the initial index sync, the lock, and a clean stop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../app/env.server";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { countPublicNeeds } from "../app/domain/needs/public-needs.server";
import { max } from "drizzle-orm";
import { DataDirInUseError } from "../db/data-dir-lock.server";
import { ledgerTransactions } from "../db/schema/ledger";
import { ledgerMonthTotalsMark } from "../db/schema/ledger-month-totals";
import { NEEDS_INDEX } from "../search/index-settings";
import { fakeCase } from "../tests/factories";
import { outboxBacklog } from "../search/search-sync.server";
import { readHealth } from "./health.server";
import { createLogger } from "./logger.server";
import type { Runtime } from "./runtime.server";
import { startRuntime } from "./runtime.server";
import { createCliDataDir } from "../tests/cli";
import { makeTestTempDir } from "../tests/temp-dir";

const dataDir = makeTestTempDir("runtime-");
const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: "test" });
const logger = createLogger({ level: "silent" });
let runtime: Runtime;

beforeAll(async () => {
  runtime = await startRuntime({ config, logger, purpose: "test server", seedWhenEmpty: true });
}, 120_000);
afterAll(() => runtime?.stop());

describe("embedded runtime", () => {
  it("seeds the demo data set and indexes every public need", async () => {
    const published = await countPublicNeeds(runtime.db);
    expect(published).toBeGreaterThanOrEqual(80);
    const stats = await runtime.search.index(NEEDS_INDEX).getStats();
    expect(stats.numberOfDocuments).toBe(published);
  });

  it("refuses a second process on the same DATA_DIR", async () => {
    await expect(startRuntime({ config, logger, purpose: "second server" })).rejects.toThrow(DataDirInUseError);
  });

  it("finds a Chinese skill through the real search engine", async () => {
    const result = await runtime.search.index(NEEDS_INDEX).search("电工", { limit: 5 });
    expect(result.hits.length).toBeGreaterThan(0);
  });

  it("indexes a write after kickSearch(), with no poll running", async () => {
    // This runtime has no background poll (runOutboxWorker is off): only the kick can drain.
    const parsed = parseImportDocument({
      version: 1,
      organisations: [{ key: "xy-union-kick", kind: "union", name: "祥云县总工会（测试）", region: "532923" }],
      cases: [fakeCase(9001, { key: "kick-case", organisation: "xy-union-kick", needs: [{ key: "kick-need", category: "job", title: "寻找果园采摘工作", story: "希望找到稳定的工作。", skills: [], amount: null, publish: true }] })],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const imported = await importDocument({ db: runtime.db, cipher: runtime.cipher, document: parsed.document });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    runtime.kickSearch();
    const ref = imported.result.needs["kick-need"] ?? "";
    await expect
      .poll(() => runtime.search.index(NEEDS_INDEX).getDocument(ref).then((d) => d.ref, () => null), { timeout: 20_000, interval: 50 })
      .toBe(ref);
  });

  it("stops cleanly and keeps the data for the next start, which as the web server's folds the ledger's month totals", async () => {
    const before = await countPublicNeeds(runtime.db);
    await runtime.stop();
    runtime = await startRuntime({ config, logger, purpose: "test server", seedWhenEmpty: true, runOutboxWorker: true });
    expect(await countPublicNeeds(runtime.db)).toBe(before);
    const [head] = await runtime.db.select({ sequence: max(ledgerTransactions.sequence) }).from(ledgerTransactions);
    expect(head?.sequence).toBeTruthy();
    const mark = () => runtime.db.select({ sequence: ledgerMonthTotalsMark.sequence }).from(ledgerMonthTotalsMark).then(([row]) => row?.sequence);
    await expect.poll(mark, { timeout: 20_000 }).toBe(BigInt(head?.sequence ?? 0));
  }, 120_000);
});

describe("with an external Meilisearch that is down", () => {
  it("starts anyway, keeps writes in the outbox and answers health as degraded", async () => {
    // A DATA_DIR whose database is already migrated: initdb and the migrations are the other test's.
    const dir = await createCliDataDir();
    const down = await startRuntime({
      config: loadConfig({ DATA_DIR: dir, NODE_ENV: "test", MEILI_URL: "http://127.0.0.1:9", MEILI_MASTER_KEY: "unreachable-on-purpose" }),
      logger,
      purpose: "test server",
      seedWhenEmpty: true,
    });
    try {
      expect(await countPublicNeeds(down.db)).toBeGreaterThanOrEqual(80);
      expect(await down.flushSearch()).toEqual({ processed: 0, failed: 0 });
      expect((await outboxBacklog(down.db)).pending).toBeGreaterThan(0);
      expect((await readHealth(down)).search).toBe("unavailable");
    } finally {
      await down.stop();
    }
  }, 120_000);
});
