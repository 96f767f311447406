// Several app instances drain one outbox (DESIGN §6): rows are claimed once, and an instance that
// read a projection just before another instance wrote a newer one cannot leave the older one in
// the index. On PostgreSQL the drains run on separate pooled connections; PGlite serialises them.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.server";
import { needs } from "../db/schema/needs";
import { searchOutbox } from "../db/schema/search-outbox";
import { createTestDatabase } from "../tests/database";
import { fakeCase } from "../tests/factories";
import type { TestSearch } from "../tests/search-fixture";
import { startTestSearch } from "../tests/search-fixture";
import { ORGANISATIONS, createImporter, startGatedProxy } from "./__fixtures__/outbox-harness";
import { createSearchClient } from "./client.server";
import { NEEDS_INDEX, indexName } from "./index-settings";
import { checkSearchDrift, formatDrift } from "./search-drift.server";
import { drainOutbox } from "./search-sync.server";

let handle: DatabaseHandle;
let search: TestSearch;
let importDoc: ReturnType<typeof createImporter>;

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  importDoc = createImporter(handle.db);
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

const need = (n: number, title: string) =>
  fakeCase(n, { needs: [{ key: `need-${n}`, category: "job", title, story: "希望找到稳定的工作。", skills: [], amount: null, publish: true }] });

describe("outbox with several instances", () => {
  it("never lets two concurrent drains process the same row", async () => {
    const cases = Array.from({ length: 60 }, (_, i) => need(i + 1, `寻找搬运工作 ${i + 1}`));
    // One row per import: many rows, each claimable on its own.
    for (const c of cases) await importDoc({ version: 1, organisations: ORGANISATIONS, cases: [c] });

    const drains = await Promise.all(
      [1, 2].map(() => drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix, batchSize: 5 })),
    );
    expect(drains.every((d) => d.failed === 0)).toBe(true);
    expect(drains.reduce((sum, d) => sum + d.processed, 0)).toBe(60);
    const rows = await handle.db.select({ status: searchOutbox.status, attempts: searchOutbox.attempts }).from(searchOutbox);
    expect(rows).toHaveLength(60);
    // Claiming increments attempts: a row claimed twice would show 2.
    expect(rows.every((r) => r.status === "done" && r.attempts === 1)).toBe(true);
    expect((await checkSearchDrift({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).total).toBe(0);
  }, 60_000);

  it("rewrites a ref whose older projection reached Meilisearch after a newer one", async () => {
    const first = await importDoc({ version: 1, organisations: ORGANISATIONS, cases: [need(500, "寻找保洁工作")] });
    const ref = first.needs["need-500"] ?? "";

    // Instance A reads version 1, then its write is held on the way to Meilisearch.
    const proxy = await startGatedProxy(search.client.config.host, (method, path) => method === "POST" && path === `/indexes/${indexName(NEEDS_INDEX, search.indexPrefix)}/documents`);
    const slowClient = createSearchClient({ url: proxy.url, apiKey: search.client.config.apiKey });
    const slowDrain = drainOutbox({ db: handle.db, client: slowClient, indexPrefix: search.indexPrefix });
    await proxy.held;

    // Meanwhile the need is edited and instance B indexes version 2.
    await importDoc({ version: 1, organisations: ORGANISATIONS, cases: [need(500, "寻找门卫工作")] });
    expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toEqual({ processed: 1, failed: 0 });
    const [current] = await handle.db.select({ version: needs.version }).from(needs).where(eq(needs.ref, ref));
    expect((await search.client.index(indexName(NEEDS_INDEX, search.indexPrefix)).getDocument(ref)).version).toBe(current?.version);

    // A's stale version 1 now lands after version 2; A must notice and write version 2 again.
    proxy.open();
    expect(await slowDrain).toEqual({ processed: 1, failed: 0 });
    await proxy.close();
    const indexed = await search.client.index(indexName(NEEDS_INDEX, search.indexPrefix)).getDocument(ref);
    expect(indexed.version).toBe(current?.version);
    expect(indexed.title).toBe("寻找门卫工作");
    const drift = await checkSearchDrift({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix });
    expect(drift.total, formatDrift(drift)).toBe(0);
  }, 60_000);
});
