// Degraded mode against the real binary (DESIGN §4): while Meilisearch is down, writes still
// commit and their outbox rows wait with a backoff; once it is back, the outbox catches up and
// nothing is lost. Also: a withdrawn need leaves the results, and which failures end as dead.
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.server";
import { searchOutbox } from "../db/schema/search-outbox";
import { createTestDatabase } from "../tests/database";
import { fakeCase } from "../tests/factories";
import type { RestartableSearch } from "./__fixtures__/outbox-harness";
import { ORGANISATIONS, createImporter, makePendingRowsDue, pendingRows, startRestartableSearch } from "./__fixtures__/outbox-harness";
import { createSearchClient } from "./client.server";
import { NEEDS_INDEX } from "./index-settings";
import { drainOutbox, outboxBacklog } from "./search-sync.server";

let handle: DatabaseHandle;
let search: RestartableSearch;
let importCases: ReturnType<typeof createImporter>;

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startRestartableSearch()]);
  importCases = createImporter(handle.db);
}, 60_000);
afterAll(async () => {
  await search?.stop();
  await handle?.close();
});

const drain = () => drainOutbox({ db: handle.db, client: search.client });
const hitsFor = async (text: string) => (await search.client.index(NEEDS_INDEX).search(text, { limit: 100 })).hits.map((h) => String(h.ref));
const job = (title: string, publish = true) => ({ key: "", category: "job" as const, title, story: "有多年工地经验，希望找到稳定的工作。", skills: [], amount: null, publish });
const caseWith = (n: number, title: string, publish = true) => fakeCase(n, { needs: [{ ...job(title, publish), key: `need-${n}` }] });

describe("outbox catch-up", () => {
  it("keeps every write while Meilisearch is down and applies it once it is back", async () => {
    const first = await importCases({ version: 1, organisations: ORGANISATIONS, cases: [caseWith(1, "寻找仓库搬运工作"), caseWith(2, "寻找保洁工作")] });
    expect(await drain()).toEqual({ processed: 2, failed: 0 });
    const [edited, withdrawn] = [first.needs["need-1"], first.needs["need-2"]];
    expect(await hitsFor("搬运")).toContain(edited);
    expect(await hitsFor("保洁")).toContain(withdrawn);

    await search.stop();
    await importCases({ version: 1, organisations: ORGANISATIONS, cases: [caseWith(1, "寻找焊工学徒岗位"), caseWith(2, "寻找保洁工作", false)] });
    expect(await drain()).toEqual({ processed: 0, failed: 2 });
    // Backoff is respected: nothing is due, so nothing is tried again at once.
    expect(await drain()).toEqual({ processed: 0, failed: 0 });
    const waiting = await pendingRows(handle.db);
    expect(waiting.map((r) => r.ref).sort()).toEqual([edited, withdrawn].sort());
    for (const row of waiting) {
      expect(row.attempts).toBe(1);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      expect(row.lastError).toMatch(/has failed/);
    }

    await search.start();
    await makePendingRowsDue(handle.db);
    expect(await drain()).toEqual({ processed: 2, failed: 0 });

    expect(await hitsFor("焊工")).toContain(edited);
    expect(await hitsFor("搬运")).not.toContain(edited);
    expect(await hitsFor("保洁")).not.toContain(withdrawn);
    expect(await outboxBacklog(handle.db)).toEqual({ pending: 0, dead: 0, lastError: null });
  }, 60_000);

  it("removes a withdrawn need from the results", async () => {
    const published = await importCases({ version: 1, organisations: ORGANISATIONS, cases: [caseWith(3, "寻找果园采摘工作")] });
    await drain();
    const ref = published.needs["need-3"];
    expect(await hitsFor("采摘")).toEqual([ref]);

    await importCases({ version: 1, organisations: ORGANISATIONS, cases: [caseWith(3, "寻找果园采摘工作", false)] });
    expect(await drain()).toEqual({ processed: 1, failed: 0 });
    expect(await hitsFor("采摘")).toEqual([]);
  });

  it("never gives up while Meilisearch is unreachable, however long", async () => {
    await importCases({ version: 1, organisations: ORGANISATIONS, cases: [caseWith(4, "寻找厨房帮工工作")] });
    await handle.db.update(searchOutbox).set({ attempts: 40 }).where(eq(searchOutbox.status, "pending"));
    const unreachable = createSearchClient({ url: "http://127.0.0.1:9" });
    expect(await drainOutbox({ db: handle.db, client: unreachable })).toEqual({ processed: 0, failed: 1 });
    const [row] = await pendingRows(handle.db);
    expect(row?.attempts).toBe(41);
    // Retried within seconds once it is back, not after the 10-minute cap of rejected writes.
    expect(row && row.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(10_000);
    await makePendingRowsDue(handle.db);
    expect(await drain()).toEqual({ processed: 1, failed: 0 });
  });

  it("gives up on a Meilisearch that hangs, and retries it soon", async () => {
    await importCases({ version: 1, organisations: ORGANISATIONS, cases: [caseWith(6, "寻找洗碗工作")] });
    const impatient = createSearchClient({ url: search.client.config.host, apiKey: search.client.config.apiKey, requestTimeoutMs: 300 });
    search.freeze();
    try {
      expect(await drainOutbox({ db: handle.db, client: impatient })).toEqual({ processed: 0, failed: 1 });
    } finally {
      search.thaw();
    }
    const [row] = await pendingRows(handle.db);
    expect(row?.lastError).toMatch(/has failed/);
    expect(row && row.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(10_000);
    await makePendingRowsDue(handle.db);
    expect(await drain()).toEqual({ processed: 1, failed: 0 });
  });

  it("ends as dead after repeated refusals, which /healthz reports with the error", async () => {
    const imported = await importCases({ version: 1, organisations: ORGANISATIONS, cases: [caseWith(5, "寻找门卫工作")] });
    await handle.db.update(searchOutbox).set({ attempts: 11 }).where(eq(searchOutbox.status, "pending"));
    const refusing = createSearchClient({ url: search.client.config.host, apiKey: "not-the-master-key" });
    expect(await drainOutbox({ db: handle.db, client: refusing })).toEqual({ processed: 0, failed: 1 });
    const backlog = await outboxBacklog(handle.db);
    expect(backlog).toMatchObject({ pending: 0, dead: 1 });
    expect(backlog.lastError).toMatch(/api key/i);

    // A dead row stays dead: a healthy drain does not pick it up again.
    expect(await drain()).toEqual({ processed: 0, failed: 0 });
    const ref = imported.needs["need-5"] ?? "";
    const dead = await handle.db.select({ processedAt: searchOutbox.processedAt }).from(searchOutbox).where(inArray(searchOutbox.ref, [ref]));
    expect(dead[0]?.processedAt).toBeInstanceOf(Date);
    await handle.db.update(searchOutbox).set({ status: "done" }).where(sql`${searchOutbox.status} = 'dead'`);
  });
});
