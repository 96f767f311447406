// A bulk import leaves a backlog of several batches; draining it in the same process must finish.
// (A 500-tuple IN list once made the second batch's update block PGlite for minutes.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import type { DatabaseHandle } from "../db/client.server";
import { createTestDatabase } from "../tests/database";
import { fakeCase, fakeDocument } from "../tests/factories";
import { createTestCipher } from "../tests/identity";
import { startTestSearch } from "../tests/search-fixture";
import { NEEDS_INDEX, indexName } from "./index-settings";
import { drainOutbox, outboxBacklog } from "./search-sync.server";

const NEEDS = 1_600;
let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

describe("a backlog of several batches", () => {
  it("is drained completely by the process that imported it", async () => {
    const doc = fakeDocument({ cases: 0, offers: 0 });
    doc.cases = Array.from({ length: NEEDS }, (_, i) => fakeCase(i + 1));
    const parsed = parseImportDocument(doc);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
    const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
    expect(imported.ok).toBe(true);
    expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix, batchSize: 500 })).toEqual({ processed: NEEDS, failed: 0 });
    expect((await outboxBacklog(handle.db)).pending).toBe(0);
    expect((await search.client.index(indexName(NEEDS_INDEX, search.indexPrefix)).getStats()).numberOfDocuments).toBe(NEEDS);
  }, 120_000);
});
