// `reindex` against the real binary: fresh indexes built beside the live ones and swapped in,
// searches answered in full throughout, and changes made during the build not lost to the swap.
// Also the start-up check that triggers a rebuild when the stored documents look stale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.server";
import { createTestDatabase } from "../tests/database";
import { fakeCase, fakeOffer } from "../tests/factories";
import type { RestartableSearch } from "./__fixtures__/outbox-harness";
import { ORGANISATIONS, createImporter, startGatedProxy, startRestartableSearch } from "./__fixtures__/outbox-harness";
import { createSearchClient } from "./client.server";
import { NEED_DOCUMENT_FIELDS } from "./index-documents";
import { NEEDS_INDEX, OFFERS_INDEX, needsIndexSettings } from "./index-settings";
import { reindexSearch, syncIndexesIfStale } from "./reindex.server";
import { checkSearchDrift, formatDrift } from "./search-drift.server";
import { drainOutbox } from "./search-sync.server";

let handle: DatabaseHandle;
let search: RestartableSearch;
let importDoc: ReturnType<typeof createImporter>;
let refs: Record<string, string>;

const need = (n: number, title: string, publish = true) =>
  fakeCase(n, { needs: [{ key: `need-${n}`, category: "job", title, story: "希望找到稳定的工作。", skills: [], amount: null, publish }] });
const NEED_COUNT = 25;
// A loaded machine (the suite runs files in parallel) takes more than the client's 5 s default.
const WAIT = { timeout: 60_000 };

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startRestartableSearch()]);
  importDoc = createImporter(handle.db);
  const imported = await importDoc({
    version: 1,
    organisations: ORGANISATIONS,
    cases: Array.from({ length: NEED_COUNT }, (_, i) => need(i + 1, `寻找搬运工作，第${i + 1}号`)),
    offers: [fakeOffer(1), fakeOffer(2)],
  });
  refs = imported.needs;
  await drain();
}, 60_000);
afterAll(async () => {
  await search?.stop();
  await handle?.close();
});

const drain = () => drainOutbox({ db: handle.db, client: search.client });
const allDocuments = async (uid: string) =>
  (await search.client.index(uid).getDocuments({ limit: 1000 })).results.sort((a, b) => String(a.ref).localeCompare(String(b.ref)));
const hitCount = async (text: string) => (await search.client.index(NEEDS_INDEX).search(text, { limit: 0 })).estimatedTotalHits;
const indexUids = async () => (await search.client.getRawIndexes()).results.map((i) => i.uid).sort();

describe("reindex", { timeout: 120_000 }, () => {
  it("swaps in fresh indexes with the same documents and removes the old ones", async () => {
    const before = { needs: await allDocuments(NEEDS_INDEX), offers: await allDocuments(OFFERS_INDEX) };
    const liveBefore = await search.client.getRawIndex(NEEDS_INDEX);

    expect(await reindexSearch({ db: handle.db, client: search.client })).toEqual({ needs: NEED_COUNT, offers: 2, requeued: 0 });

    expect(await allDocuments(NEEDS_INDEX)).toEqual(before.needs);
    expect(await allDocuments(OFFERS_INDEX)).toEqual(before.offers);
    // The live name now holds the index built a moment ago, with the settings from code.
    const liveAfter = await search.client.getRawIndex(NEEDS_INDEX);
    expect(new Date(liveAfter.createdAt).getTime()).toBeGreaterThan(new Date(liveBefore.createdAt).getTime());
    expect((await search.client.index(NEEDS_INDEX).getSettings()).searchableAttributes).toEqual(needsIndexSettings.searchableAttributes);
    expect(await indexUids()).toEqual([NEEDS_INDEX, OFFERS_INDEX]);
  });

  it("answers searches in full during the build and keeps changes made while it ran", async () => {
    const [pickedUp, leftPending] = [refs["need-1"], refs["need-2"]];
    // Hold the swap until the changes below are made: the fresh indexes are full by then.
    const proxy = await startGatedProxy(search.client.config.host, (method, path) => method === "POST" && path === "/swap-indexes");
    const building = reindexSearch({ db: handle.db, client: createSearchClient({ url: proxy.url, apiKey: search.client.config.apiKey }) });
    let isBuilt = false;
    const searching = (async () => {
      const counts: (number | undefined)[] = [];
      while (!isBuilt) counts.push(await hitCount("搬运"));
      return counts;
    })();
    await proxy.held;

    // One edit is applied at once by a worker (to the live index about to be swapped away), one
    // withdrawal waits in the outbox until after the swap.
    await importDoc({ version: 1, organisations: ORGANISATIONS, cases: [need(1, "寻找焊工学徒岗位")] });
    expect(await drain()).toEqual({ processed: 1, failed: 0 });
    await importDoc({ version: 1, organisations: ORGANISATIONS, cases: [need(2, "寻找搬运工作，第2号", false)] });

    proxy.open();
    const result = await building;
    isBuilt = true;
    await proxy.close();
    expect(result.requeued).toBe(1);
    const counts = await searching;
    expect(counts.length).toBeGreaterThan(0);
    // Every answer during the build was complete: never an empty or half-built index.
    expect(counts.every((n) => n !== undefined && n >= NEED_COUNT - 2)).toBe(true);

    await drain();
    const hits = (await search.client.index(NEEDS_INDEX).search("焊工")).hits.map((h) => h.ref);
    expect(hits).toContain(pickedUp);
    expect((await search.client.index(NEEDS_INDEX).search("搬运", { limit: 100 })).hits.map((h) => h.ref)).not.toContain(leftPending);
    const drift = await checkSearchDrift({ db: handle.db, client: search.client });
    expect(drift.total, formatDrift(drift)).toBe(0);
  });

  it("rebuilds at start-up when stored documents lack a field of the projection", async () => {
    expect(await syncIndexesIfStale({ db: handle.db, client: search.client })).toBeNull();

    // As written by an older projection: the same documents, one field fewer.
    const ref = refs["need-3"] ?? "";
    const older = (await allDocuments(NEEDS_INDEX)).map(({ goalSortKey: _dropped, ...rest }) => rest);
    await search.client.index(NEEDS_INDEX).deleteAllDocuments().waitTask(WAIT);
    await search.client.index(NEEDS_INDEX).addDocuments(older).waitTask(WAIT);
    expect(await search.client.index(NEEDS_INDEX).getDocument(ref)).not.toHaveProperty("goalSortKey");

    const rebuilt = await syncIndexesIfStale({ db: handle.db, client: search.client });
    expect(rebuilt?.reason).toMatch(/goalSortKey/);
    const [sample] = (await search.client.index(NEEDS_INDEX).getDocuments({ limit: 1 })).results;
    expect(Object.keys(sample ?? {}).sort()).toEqual([...NEED_DOCUMENT_FIELDS].sort());
    expect(await search.client.index(NEEDS_INDEX).getDocument(ref)).toHaveProperty("goalSortKey");
  });

  it("rebuilds at start-up when the index holds another number of documents", async () => {
    await search.client.index(NEEDS_INDEX).deleteDocument(refs["need-4"] ?? "").waitTask(WAIT);
    const rebuilt = await syncIndexesIfStale({ db: handle.db, client: search.client });
    expect(rebuilt?.reason).toMatch(/documents in the index/);
    expect((await checkSearchDrift({ db: handle.db, client: search.client })).total).toBe(0);
  });
});
