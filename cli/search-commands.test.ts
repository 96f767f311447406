// `npm run cli -- search-check` and `reindex` as an operator runs them: the command line (in this
// process, tests/cli.ts) on a PGlite DATA_DIR, against a Meilisearch this test can also reach
// (MEILI_URL) to break the index behind the application's back.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createCliDataDir, runCli } from "../tests/cli";
import { fakeDocument } from "../tests/factories";
import { startTestSearch } from "../tests/search-fixture";
import { NEEDS_INDEX, indexName } from "../search/index-settings";

let search: Awaited<ReturnType<typeof startTestSearch>>;
let env: Record<string, string>;

beforeAll(async () => {
  const [started, dataDir] = await Promise.all([startTestSearch(), createCliDataDir()]);
  search = started;
  env = {
    DATA_DIR: dataDir,
    MEILI_URL: search.meili.url,
    MEILI_MASTER_KEY: search.meili.masterKey,
    MEILI_INDEX_PREFIX: search.indexPrefix,
  };
}, 60_000);
afterAll(() => search?.meili.stop());

const cli = (...args: string[]) => runCli(args, env);

describe("search commands", () => {
  it("reports the refs that drift with exit 1, and after reindex none with exit 0", async () => {
    const file = join(env.DATA_DIR ?? "", "import.json");
    writeFileSync(file, JSON.stringify(fakeDocument({ cases: 3, offers: 1 })));
    const imported = await cli("import", file, "--json");
    expect(imported.code, imported.stderr).toBe(0);
    const output = z.object({ needs: z.object({ "need-2": z.string() }), caseNumbers: z.record(z.string(), z.string()) }).parse(JSON.parse(imported.stdout));
    const lost = output.needs["need-2"];
    // Each case's number as staff will quote it: county, year of registration, sequence.
    expect(Object.values(output.caseNumbers)).toEqual([expect.stringMatching(/^532923-\d{4}-0001$/), expect.stringMatching(/^532923-\d{4}-0002$/), expect.stringMatching(/^532923-\d{4}-0003$/)]);

    // Every command takes seconds (PGlite, migrations): one check with drift, one without.
    await search.client.index(indexName(NEEDS_INDEX, search.indexPrefix)).deleteDocument(lost).waitTask();
    const drifted = await cli("search-check", "--json");
    expect(drifted.code, drifted.stderr).toBe(1);
    expect(JSON.parse(drifted.stdout)).toMatchObject({
      total: 1,
      // Created as a draft (version 1), then published (2): the importer moves needs as the editor does.
      needs: { database: 3, indexed: 2, missing: [{ ref: lost, version: 2 }], extra: [], stale: [] },
      offers: { database: 1, indexed: 1 },
      outbox: { pending: 0, dead: 0 },
    });

    const reindexed = await cli("reindex");
    expect(reindexed.code, reindexed.stderr).toBe(0);
    expect(reindexed.stdout).toMatch(/reindexed 3 needs and 1 offers/);
    const repaired = await cli("search-check");
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout).toContain("no drift");
  }, 120_000);
});
