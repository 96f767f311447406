// The public pages' loaders, called as Remix calls them: a real Request against a real, imported
// database and a real search engine. What they return is exactly what reaches the browser, so it
// is checked for leaks too. The engine is stopped by the last tests (degraded mode).
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { drainOutbox } from "../../search/search-sync.server";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeOffer, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { startTestSearch } from "../../tests/search-fixture";
import { residentIdCheckChar } from "../domain/cases/resident-id";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { PUBLIC_NEED_FIELDS } from "../domain/needs/public-need";
import { PUBLIC_OFFER_FIELDS } from "../domain/offers/public-offer";
import { pageHref } from "../ui/search-href";
import { loader as homeLoader } from "./_index";
import { loader as needLoader } from "./needs.$ref";
import { loader as needsLoader } from "./needs._index";
import { loader as offerLoader } from "./offers.$ref";
import { loader as offersLoader } from "./offers._index";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;
let refs: { needs: Record<string, string>; offers: Record<string, string> };
// 23 electrician job needs in Xiangyun (the factory's), a plumber-electrician (水电工) in Xiangyun,
// a training need in Kunming: 26 published needs, 24 of them jobs, 25 in Dali.
const kunming = { ...fakeCase(40, { organisation: "km-union", region: "530102" }), needs: [{ key: "km-training", category: "training" as const, title: "想学习家政服务技能", story: "希望参加家政培训后再就业。", skills: ["家政"], amount: null, publish: true }] };
kunming.head = { ...kunming.head, idNumber: fakeResidentId(40, { region: "530102" }) };
const cases = [
  ...Array.from({ length: 23 }, (_, i) => fakeCase(i + 1)),
  fakeCase(24, { needs: [{ key: "plumber", category: "job", title: "想找水电工的活", story: "做过十年水电安装。", skills: ["水电工"], amount: null, publish: true }] }),
  kunming,
];
const childId = `53292320150301991`;

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations!.push({ key: "km-union", kind: "union", name: "昆明市总工会", region: "5301" });
  document.cases = [
    ...cases,
    fakeCase(30, { needs: [{ key: "draft-need", category: "living", title: "尚未发布的需求", story: "草稿。", skills: [], amount: null, publish: false }] }),
    fakeCase(31, {
      head: { name: "测试童", idNumber: childId + residentIdCheckChar(childId), phone: "19900000031", address: "测试路 31 号", birthYear: 2015, sex: "male" },
      needs: [{ key: "child-need", category: "tuition", title: "孩子的学费", story: "学费缺口。", skills: [], amount: "4500.00", publish: true }],
    }),
  ];
  document.offers = [fakeOffer(1), fakeOffer(2, { status: "paused" }), fakeOffer(3, { status: "draft" }), fakeOffer(4, { amount: "12500.50" })];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  refs = imported.result;
  // 26 published needs and the 2 open offers (a paused offer is not listed, a draft not at all).
  expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toMatchObject({ failed: 0 });
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

function contextFor(db = handle.db): AppLoadContext {
  return createTestLoadContext({ database: handle, db, search: search.client, indexPrefix: search.indexPrefix });
}

const get = (path: string, language = "zh-CN") => new Request(`http://localhost${path}`, { headers: { "Accept-Language": language } });
const ref = (map: Record<string, string>, key: string) => {
  const found = map[key];
  if (!found) throw new Error(`no reference for ${key}`);
  return found;
};

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("needs search page", () => {
  const needs = (path: string, language = "zh-CN") => needsLoader({ request: get(path, language), params: {}, context: contextFor() });
  const refsOf = (data: { needs: { need: { ref: string } }[] }) => data.needs.map(({ need }) => need.ref);

  it("pages twenty at a time, newest first, with a localized title", async () => {
    const first = await needs("/needs", "en");
    expect(first).toMatchObject({ title: "Needs · Xiangyun", page: 1, totalPages: 2, total: 26, sort: "newest", degraded: false, canonical: "" });
    expect(first.needs).toHaveLength(20);
    const second = await needs("/needs?page=2");
    expect(second.needs).toHaveLength(6);
    expect(second.title).toBe("帮扶需求（第 2 页） · 祥云");
  });

  it.each(["abc", "0", "-3", "1.5", ""])("reads ?page=%s as page 1", async (page) => {
    expect((await needs(`/needs?page=${page}`)).page).toBe(1);
  });

  it("answers a page beyond the last with no needs, not an error", async () => {
    expect(await needs("/needs?page=99")).toMatchObject({ page: 99, totalPages: 2, total: 26, needs: [] });
  });

  it("finds a 水电工 need for 电工, by relevance", async () => {
    const data = await needs(`/needs?q=${encodeURIComponent("电工")}&pageSize=50`);
    expect(refsOf(data)).toContain(ref(refs.needs, "plumber"));
    expect(refsOf(data)).not.toContain(ref(refs.needs, "km-training"));
    expect(data).toMatchObject({ sort: "relevance", total: 24, title: "“电工” · 帮扶需求 · 祥云" });
  });

  it("narrows by category and by region, with counts for the drill-down", async () => {
    const tuition = await needs("/needs?category=tuition");
    expect(refsOf(tuition)).toEqual([ref(refs.needs, "child-need")]);
    // A facet's counts leave out its own filter: the other categories still say what they hold.
    expect(tuition.facets.category.find((f) => f.value === "job")?.count).toBe(24);

    const yunnan = await needs("/needs?region=53");
    expect(yunnan.regionTrail.map((r) => r.code)).toEqual(["53"]);
    expect(yunnan.regionChildren.map((r) => [r.code, r.count])).toEqual([["5329", 25], ["5301", 1]]);
    const kunmingOnly = await needs("/needs?region=5301");
    expect(refsOf(kunmingOnly)).toEqual([ref(refs.needs, "km-training")]);
    expect(kunmingOnly.regionTrail.map((r) => r.nameZh)).toEqual(["云南省", "昆明市"]);
  });

  it("keeps the whole query when paging", async () => {
    const first = await needs(`/needs?q=${encodeURIComponent("电工")}&category=job&region=53&sort=newest`);
    expect(first.totalPages).toBe(2);
    expect(first.canonical).toBe(`?q=${encodeURIComponent("电工")}&category=job&region=53&sort=newest`);
    const next = pageHref("/needs", first.canonical, 2);
    const second = await needs(next);
    expect(second).toMatchObject({ page: 2, canonical: first.canonical, query: { q: "电工", category: ["job"], region: "53", sort: "newest" } });
    expect(second.needs).toHaveLength(4);
    expect(new Set([...refsOf(first), ...refsOf(second)]).size).toBe(24);
  });

  it("drops what it cannot read and shows results for the rest", async () => {
    const data = await needs("/needs?category=spaceship&region=5&sort=sideways&urgency=severe,general");
    expect(data.query).toEqual({ q: "", category: [], urgency: ["severe", "general"], page: 1, pageSize: 20 });
    expect(data.total).toBe(26);
  });

  it("returns only the public projection: no identity of any household", async () => {
    const { needs: items } = await needs("/needs?pageSize=100");
    expect(items).toHaveLength(26);
    for (const { need } of items) expect(Object.keys(need).every((key) => (PUBLIC_NEED_FIELDS as readonly string[]).includes(key))).toBe(true);
    const sent = JSON.stringify(items);
    for (const c of cases) for (const value of [c.head.name, c.head.idNumber, c.head.phone, c.head.address]) expect(sent).not.toContain(value);
  });
});

describe("one need", () => {
  it("shows a published need with its amount formatted on the server", async () => {
    const data = await needLoader({ request: get("/", "en"), params: { ref: ref(refs.needs, "child-need") }, context: contextFor() });
    expect(data.need).toMatchObject({ title: "孩子的学费", ageBand: "child", targetAmount: "4500.00" });
    expect(data.amountLabel).toBe("¥4,500");
    expect(data.title).toBe("孩子的学费 · Xiangyun");
  });

  it("lists similar needs: public projections, never the need itself", async () => {
    const subject = ref(refs.needs, "need-1");
    const { similar } = await needLoader({ request: get("/"), params: { ref: subject }, context: contextFor() });
    expect(similar).toHaveLength(4);
    for (const { need } of similar) {
      expect(need.ref).not.toBe(subject);
      expect(need.category).toBe("job");
      expect(Object.keys(need).every((key) => (PUBLIC_NEED_FIELDS as readonly string[]).includes(key))).toBe(true);
    }
  });

  it("is not found while a draft", async () => {
    expect(await status(needLoader({ request: get("/"), params: { ref: ref(refs.needs, "draft-need") }, context: contextFor() }))).toBe(404);
  });

  it.each(["N-0000000", "n-7k3q9mx", "O-7K3Q9MX", "N-7K3Q9MX-extra", "1"])("answers %s with 404 without asking the database", async (bad) => {
    const untouchable = new Proxy(handle.db, {
      get() {
        throw new Error("the database was queried");
      },
    });
    expect(await status(needLoader({ request: get("/"), params: { ref: bad }, context: contextFor(untouchable) }))).toBe(404);
  });
});

describe("offers", () => {
  it("lists open offers only, with their remaining capacity and public fields", async () => {
    const { offers, total, facets } = await offersLoader({ request: get("/offers"), params: {}, context: contextFor() });
    expect(total).toBe(2);
    expect(offers.map(({ offer }) => offer.ref).sort()).toEqual([ref(refs.offers, "offer-1"), ref(refs.offers, "offer-4")].sort());
    for (const { offer } of offers) {
      expect(Object.keys(offer).every((key) => (PUBLIC_OFFER_FIELDS as readonly string[]).includes(key))).toBe(true);
      expect(offer.remainingCapacity).toBe(2);
    }
    expect(offers.find(({ offer }) => offer.ref === ref(refs.offers, "offer-4"))?.amountLabel).toBe("¥12,500.50");
    expect(facets.kind.find((f) => f.value === "employer")?.count).toBe(2);
  });

  it("searches offers by words, kind and region", async () => {
    const search = (path: string) => offersLoader({ request: get(path, "en"), params: {}, context: contextFor() });
    expect((await search(`/offers?q=${encodeURIComponent("电工")}`)).total).toBe(2);
    expect((await search("/offers?kind=government")).total).toBe(0);
    const dali = await search("/offers?region=5329&kind=employer");
    expect(dali).toMatchObject({ total: 2, canonical: "?kind=employer&region=5329", title: "Offers · Xiangyun" });
    expect(dali.regionTrail.map((r) => r.code)).toEqual(["53", "5329"]);
  });

  it("still shows a paused offer on its own page, and hides a draft", async () => {
    const paused = await offerLoader({ request: get("/"), params: { ref: ref(refs.offers, "offer-2") }, context: contextFor() });
    expect(paused.offer.status).toBe("paused");
    expect(await status(offerLoader({ request: get("/"), params: { ref: ref(refs.offers, "offer-3") }, context: contextFor() }))).toBe(404);
    expect(await status(offerLoader({ request: get("/"), params: { ref: ref(refs.needs, "child-need") }, context: contextFor() }))).toBe(404);
  });
});

describe("home", () => {
  it("counts published needs and open offers and shows the latest six needs", async () => {
    const data = await homeLoader({ request: get("/", "en"), params: {}, context: contextFor() });
    expect(data).toMatchObject({ title: "Xiangyun · Unions helping workers in hardship", needCount: 26, offerCount: 2 });
    expect(data.latestNeeds).toHaveLength(6);
  });
});

// Last: these stop the search engine for the rest of the file.
describe("while the search engine is down", () => {
  it("answers the search pages from PostgreSQL and says so", async () => {
    await search.meili.stop();
    const needs = await needsLoader({ request: get(`/needs?q=${encodeURIComponent("水电工")}&region=53`), params: {}, context: contextFor() });
    expect(needs).toMatchObject({ degraded: true, total: 1 });
    expect(needs.needs.map(({ need }) => need.ref)).toContain(ref(refs.needs, "plumber"));
    const offers = await offersLoader({ request: get("/offers"), params: {}, context: contextFor() });
    expect(offers).toMatchObject({ degraded: true, total: 2 });
  });

  it("still shows a need, without similar needs", async () => {
    const data = await needLoader({ request: get("/"), params: { ref: ref(refs.needs, "need-1") }, context: contextFor() });
    expect(data.need.ref).toBe(ref(refs.needs, "need-1"));
    expect(data.similar).toEqual([]);
  });
});
