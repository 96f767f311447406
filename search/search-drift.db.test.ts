// The drift check (`npm run cli -- search-check`) against the real binary: after a seeded run of
// random publish / edit / withdraw / re-publish / offer operations, with Meilisearch stopped and
// started again in the middle, the outbox leaves no drift; and drift made behind the outbox's back
// is reported ref by ref.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportDocumentInput } from "../app/domain/import/import-document";
import type { DatabaseHandle } from "../db/client.server";
import { createTestDatabase } from "../tests/database";
import { fakeCase, fakeOffer } from "../tests/factories";
import type { RestartableSearch } from "./__fixtures__/outbox-harness";
import { ORGANISATIONS, createImporter, makePendingRowsDue, pendingRows, startRestartableSearch } from "./__fixtures__/outbox-harness";
import { NEEDS_INDEX, OFFERS_INDEX } from "./index-settings";
import { checkSearchDrift, formatDrift } from "./search-drift.server";
import { drainOutbox } from "./search-sync.server";

let handle: DatabaseHandle;
let search: RestartableSearch;
let importDoc: ReturnType<typeof createImporter>;

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startRestartableSearch()]);
  importDoc = createImporter(handle.db);
}, 60_000);
afterAll(async () => {
  await search?.stop();
  await handle?.close();
});

/** mulberry32: a small seeded PRNG, so a failing run can be replayed exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A loaded machine (the suite runs files in parallel) takes more than the client's 5 s default.
const WAIT = { timeout: 60_000 };

const WORDS = ["搬运", "保洁", "焊工", "厨师", "门卫", "电工", "木工", "司机", "护工", "采摘", "瓦工", "仓管"];
type OfferStatus = "open" | "closed";

const check = () => checkSearchDrift({ db: handle.db, client: search.client });

describe("search-check", () => {
  it("finds no drift after random operations with Meilisearch restarted in the middle", async () => {
    const random = prng(20261123);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
    const needs = new Map<number, { title: string; publish: boolean }>();
    const offers = new Map<number, { title: string; status: OfferStatus }>();
    const title = () => `寻找${pick(WORDS) ?? "搬运"}工作，第${Math.floor(random() * 90) + 10}号`;
    const writeNeed = (n: number) => {
      const need = needs.get(n);
      if (!need) throw new Error(`no need ${n}`);
      return importDoc({
        version: 1,
        organisations: ORGANISATIONS,
        cases: [fakeCase(n, { needs: [{ key: `need-${n}`, category: "job", title: need.title, story: "希望找到稳定的工作。", skills: [], amount: null, publish: need.publish }] })],
      });
    };
    const writeOffer = (n: number) => {
      const offer = offers.get(n);
      if (!offer) throw new Error(`no offer ${n}`);
      const input: ImportDocumentInput = { version: 1, organisations: ORGANISATIONS, offers: [fakeOffer(n, { title: offer.title, status: offer.status })] };
      return importDoc(input);
    };

    let failedDrains = 0;
    const drainNow = async () => {
      const result = await drainOutbox({ db: handle.db, client: search.client });
      if (result.failed) failedDrains++;
    };

    for (let step = 1; step <= 60; step++) {
      if (step === 25) await search.stop();
      if (step === 40) {
        await search.start();
        await makePendingRowsDue(handle.db);
      }
      const published = [...needs].filter(([, n]) => n.publish).map(([k]) => k);
      const withdrawn = [...needs].filter(([, n]) => !n.publish).map(([k]) => k);
      const roll = random();
      if (roll < 0.3 || !needs.size) {
        const n = needs.size + 1;
        needs.set(n, { title: title(), publish: true });
        await writeNeed(n);
      } else if (roll < 0.5) {
        const n = pick([...needs.keys()]) ?? 1;
        needs.set(n, { title: title(), publish: needs.get(n)?.publish ?? true });
        await writeNeed(n);
      } else if (roll < 0.62 && published.length) {
        const n = pick(published) ?? 1;
        needs.set(n, { title: needs.get(n)?.title ?? title(), publish: false });
        await writeNeed(n);
      } else if (roll < 0.72 && withdrawn.length) {
        const n = pick(withdrawn) ?? 1;
        needs.set(n, { title: needs.get(n)?.title ?? title(), publish: true });
        await writeNeed(n);
      } else if (roll < 0.85 || !offers.size) {
        const n = offers.size + 1;
        offers.set(n, { title: `招聘${pick(WORDS) ?? "电工"}`, status: "open" });
        await writeOffer(n);
      } else {
        const n = pick([...offers.keys()]) ?? 1;
        const offer = offers.get(n);
        offers.set(n, { title: offer?.title ?? "招聘", status: offer?.status === "open" ? "closed" : "open" });
        await writeOffer(n);
      }
      // The worker runs now and then, as a poll would: some writes pile up, some apply at once.
      if (random() < 0.5) await drainNow();
    }
    await makePendingRowsDue(handle.db);
    await drainNow();

    expect(failedDrains).toBeGreaterThan(0);
    expect(await pendingRows(handle.db)).toEqual([]);
    const drift = await check();
    expect(drift.total, formatDrift(drift)).toBe(0);
    const publishedCount = [...needs.values()].filter((n) => n.publish).length;
    expect(drift.needs.database).toBe(publishedCount);
    expect(drift.offers.database).toBe([...offers.values()].filter((o) => o.status === "open").length);
  }, 120_000);

  it("reports documents deleted, added or left at an old version behind the outbox's back", async () => {
    expect((await check()).total).toBe(0);
    const needsIndex = search.client.index(NEEDS_INDEX);
    const { results } = await needsIndex.getDocuments({ limit: 2 });
    const [deleted, aged] = results;
    if (!deleted || !aged) throw new Error("expected two indexed needs");
    await needsIndex.deleteDocument(String(deleted.ref)).waitTask(WAIT);
    await needsIndex.updateDocuments([{ ref: aged.ref, version: Number(aged.version) - 1 }]).waitTask(WAIT);
    await search.client.index(OFFERS_INDEX).addDocuments([{ ref: "O-GHOST", version: 7 }]).waitTask(WAIT);

    const drift = await check();
    expect(drift.total).toBe(3);
    expect(drift.needs.missing).toEqual([{ ref: deleted.ref, version: deleted.version }]);
    expect(drift.needs.stale).toEqual([{ ref: aged.ref, database: aged.version, index: Number(aged.version) - 1, content: false }]);
    expect(drift.offers.extra).toEqual([{ ref: "O-GHOST", version: 7 }]);
    expect(formatDrift(drift)).toContain(`missing ${String(deleted.ref)} v${String(deleted.version)}`);
  });
});
