// searchOffers against the real engine, and the same searches answered by PostgreSQL once the
// engine is stopped (degraded mode).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { drainOutbox } from "../../../search/search-sync.server";
import { createTestDatabase } from "../../../tests/database";
import { fakeDocument, fakeOffer } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { startTestSearch } from "../../../tests/search-fixture";
import type { ImportDocumentInput } from "../import/import-document";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { getRegionDirectory } from "../regions/region-directory.server";
import { parseOfferSearch } from "./search-query";
import { searchOffers } from "./search-offers.server";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;
let refs: Record<string, string>;

type OfferInput = NonNullable<ImportDocumentInput["offers"]>[number];
const grant = (offer: Pick<OfferInput, "key" | "organisation" | "capacity" | "validUntil">): OfferInput => ({
  ...offer,
  category: "living",
  title: "困难职工生活补助",
  description: "为困难职工家庭按月发放生活补助。",
  skills: [],
  regions: ["53"],
  amount: "500.00",
});

function document(withGovernmentGrant: boolean): ImportDocumentInput {
  const doc = fakeDocument({ cases: 0, offers: 0 });
  doc.organisations!.push(
    { key: "yn-gov", kind: "government", name: "云南省人力资源和社会保障厅", region: "53" },
    { key: "km-charity", kind: "charity", name: "测试慈善基金会", region: "5301" },
  );
  doc.offers = [
    // The charity's grant reaches the index first, so only the policy rank can put the
    // government's identical grant before it.
    grant({ key: "charity-grant", organisation: "km-charity", capacity: 10, validUntil: null }),
    fakeOffer(1, { key: "xy-job", regions: ["532923"], capacity: 3, validUntil: "2027-06-30" }),
    fakeOffer(2, { key: "dali-job", regions: ["5329"], capacity: 2, validUntil: "2026-09-30" }),
    fakeOffer(3, { key: "km-job", title: "Electrician wanted in Kunming", description: "Maintenance work.", skills: [], regions: ["530102"], capacity: 8, validUntil: "2027-01-31" }),
    fakeOffer(4, { key: "multi", organisation: "km-charity", category: "training", title: "电工培训班", regions: ["532923", "530102"], capacity: 4, validUntil: "2027-03-31" }),
    fakeOffer(5, { key: "paused", status: "paused" }),
  ];
  if (withGovernmentGrant) doc.offers.push(grant({ key: "gov-grant", organisation: "yn-gov", capacity: 5, validUntil: "2026-12-31" }));
  else {
    // The importer refuses open offers of organisations that are not verified, so this one is
    // imported verified and loses its verification before the index is built (see beforeAll).
    doc.organisations!.push({ key: "unverified", kind: "employer", name: "测试未审核公司", region: "5329" });
    doc.offers.push(fakeOffer(6, { key: "unverified-job", organisation: "unverified" }));
  }
  return doc;
}

async function load(doc: ImportDocumentInput) {
  const parsed = parseImportDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  return imported.result.offers;
}

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  const first = await load(document(false));
  await handle.db.update(organisations).set({ status: "pending" }).where(eq(organisations.importKey, "unverified"));
  // An older offer, for the newest-first sort.
  await handle.db.update(offers).set({ updatedAt: new Date("2025-01-15T00:00:00Z") }).where(eq(offers.ref, first["dali-job"] ?? ""));
  expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toMatchObject({ failed: 0 });
  refs = await load(document(true));
  expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toEqual({ processed: 1, failed: 0 });
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

const run = (text: string) => {
  const { query } = parseOfferSearch(new URLSearchParams(text), "strict");
  if (!query) throw new Error(`bad query ${text}`);
  return searchOffers({ db: handle.db, search: search.client, indexPrefix: search.indexPrefix, timeoutMs: 1_000 }, query);
};
const keysOf = (items: { ref: string }[]) => items.map((o) => Object.entries(refs).find(([, ref]) => ref === o.ref)?.[0] ?? o.ref);
const sortedKeys = (items: { ref: string }[]) => keysOf(items).sort();
const counts = (regions: { code: string; count?: number }[]) => regions.map((r) => [r.code, r.count]);

// Searches whose answers the degraded mode must reproduce.
const PARITY = ["", "region=53", "region=5329", "region=532923", "region=5301&category=job", "kind=charity&kind=government", "sort=closing", "sort=capacity", "sort=newest", "q=生活补助"];

describe("offers search in the engine", () => {
  it("lists open offers of verified organisations only", async () => {
    const all = await run("");
    expect(all.degraded).toBe(false);
    expect(sortedKeys(all.items)).toEqual(["charity-grant", "dali-job", "gov-grant", "km-job", "multi", "xy-job"]);
  });

  it("ranks a government entitlement before the same help from a charity", async () => {
    expect(keysOf((await run("q=生活补助")).items)).toEqual(["gov-grant", "charity-grant"]);
  });

  it("shows in a county the offers for it, for regions around it and not those elsewhere", async () => {
    expect(sortedKeys((await run("region=532923")).items)).toEqual(["charity-grant", "dali-job", "gov-grant", "multi", "xy-job"]);
    expect(sortedKeys((await run("region=5301")).items)).toEqual(["charity-grant", "gov-grant", "km-job", "multi"]);
  });

  it("counts each child region as choosing it will show, hiding empty ones", async () => {
    expect(counts((await run("")).regionChildren)).toEqual([["53", 6]]);
    const yunnan = await run("region=53");
    const prefectures = (await getRegionDirectory(handle.db)).children("53");
    // The two province-wide grants are available in every prefecture of Yunnan.
    expect(counts(yunnan.regionChildren.slice(0, 2))).toEqual([["5329", 5], ["5301", 4]]);
    expect(yunnan.regionChildren).toHaveLength(prefectures.length);
    expect(yunnan.regionChildren.slice(2).every((r) => r.count === 2)).toBe(true);
    for (const child of yunnan.regionChildren.slice(0, 3)) expect((await run(`region=${child.code}`)).total, child.code).toBe(child.count);
    const dali = await run("region=5329");
    expect(dali.regionTrail.map((r) => r.code)).toEqual(["53", "5329"]);
    expect(dali.regionChildren[0]).toMatchObject({ code: "532923", count: 5 });
    expect(dali.regionChildren.slice(1).every((r) => r.count === 3)).toBe(true);
    expect((await run("region=532923")).regionChildren).toEqual([]);
  });

  it("counts categories and kinds without their own filter", async () => {
    const jobs = await run("category=job");
    expect(sortedKeys(jobs.items)).toEqual(["dali-job", "km-job", "xy-job"]);
    expect(jobs.facets.category.filter((f) => f.count > 0)).toEqual([
      { value: "job", count: 3 },
      { value: "training", count: 1 },
      { value: "living", count: 2 },
    ]);
    expect(jobs.facets.kind.filter((f) => f.count > 0)).toEqual([{ value: "employer", count: 3 }]);
    const government = await run("kind=government");
    expect(keysOf(government.items)).toEqual(["gov-grant"]);
    expect(government.facets.kind.filter((f) => f.count > 0)).toEqual([
      { value: "charity", count: 2 },
      { value: "employer", count: 3 },
      { value: "government", count: 1 },
    ]);
  });

  it("sorts by capacity, by closing date with open-ended offers last, and by newest", async () => {
    expect(keysOf((await run("sort=capacity")).items)).toEqual(["charity-grant", "km-job", "gov-grant", "multi", "xy-job", "dali-job"]);
    expect(keysOf((await run("sort=closing")).items)).toEqual(["dali-job", "gov-grant", "km-job", "multi", "xy-job", "charity-grant"]);
    const newest = keysOf((await run("sort=newest")).items);
    expect(newest[0]).toBe("gov-grant");
    expect(newest.at(-1)).toBe("dali-job");
  });

  it("pages through the results", async () => {
    const second = await run("sort=capacity&pageSize=4&page=2");
    expect(second).toMatchObject({ total: 6, totalPages: 2, page: 2, pageSize: 4 });
    expect(keysOf(second.items)).toEqual(["xy-job", "dali-job"]);
  });
});

describe("offers search while the engine is down", () => {
  it("answers from PostgreSQL with the same results, facets and drill-down, and says it is degraded", async () => {
    const before = await Promise.all(PARITY.map(run));
    await search.meili.stop();
    const after = await Promise.all(PARITY.map(run));
    PARITY.forEach((text, i) => {
      const [engine, database] = [before[i], after[i]];
      if (!engine || !database) throw new Error("missing result");
      expect(database.degraded, text).toBe(true);
      const ordered = text.startsWith("sort=") && text !== "sort=newest";
      expect(ordered ? keysOf(database.items) : sortedKeys(database.items), text).toEqual(ordered ? keysOf(engine.items) : sortedKeys(engine.items));
      expect({ ...database, items: [], degraded: false }, text).toEqual({ ...engine, items: [], degraded: false });
    });
    expect(keysOf((await run("q=生活补助")).items)).toEqual(["gov-grant", "charity-grant"]);
    expect(keysOf((await run("q=electrician")).items)).toEqual(["km-job"]);
  });
});
