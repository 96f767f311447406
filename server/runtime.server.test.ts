// The embedded default end to end: PGlite and the real Meilisearch binary in a temp DATA_DIR,
// migrations, the demo seed, the initial index sync, the lock, and a clean stop.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../app/env.server";
import { countPublicNeeds } from "../app/domain/needs/public-needs.server";
import { DataDirInUseError } from "../db/data-dir-lock.server";
import { NEEDS_INDEX } from "../search/index-settings";
import { createLogger } from "./logger.server";
import type { Runtime } from "./runtime.server";
import { startRuntime } from "./runtime.server";

const dataDir = mkdtempSync(join(tmpdir(), "xiangyun-runtime-"));
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

  it("stops cleanly and keeps the data for the next start", async () => {
    const before = await countPublicNeeds(runtime.db);
    await runtime.stop();
    runtime = await startRuntime({ config, logger, purpose: "test server", seedWhenEmpty: true });
    expect(await countPublicNeeds(runtime.db)).toBe(before);
  }, 120_000);
});
