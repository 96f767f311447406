// The public pages' loaders, called as Remix calls them: a real Request against a real, imported
// database. What they return is exactly what reaches the browser, so it is checked for leaks too.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeOffer } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { residentIdCheckChar } from "../domain/cases/resident-id";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { PUBLIC_NEED_FIELDS } from "../domain/needs/public-need";
import { PUBLIC_OFFER_FIELDS } from "../domain/offers/public-offer";
import { loader as homeLoader } from "./_index";
import { loader as needLoader } from "./needs.$ref";
import { loader as needsLoader } from "./needs._index";
import { loader as offerLoader } from "./offers.$ref";
import { loader as offersLoader } from "./offers._index";

let handle: DatabaseHandle;
let refs: { needs: Record<string, string>; offers: Record<string, string> };
const cases = Array.from({ length: 23 }, (_, i) => fakeCase(i + 1));
const childId = `53292320150301991`;

beforeAll(async () => {
  handle = await createTestDatabase();
  const document = fakeDocument({ cases: 0, offers: 0 });
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
});
afterAll(() => handle.close());

function contextFor(db = handle.db): AppLoadContext {
  return createTestLoadContext({ database: handle, db });
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

describe("needs listing", () => {
  it("pages twenty at a time, newest first, with a localized title", async () => {
    const first = await needsLoader({ request: get("/needs", "en"), params: {}, context: contextFor() });
    expect(first).toMatchObject({ title: "Needs · Xiangyun", page: 1, pageCount: 2, total: 24 });
    expect(first.needs).toHaveLength(20);
    const second = await needsLoader({ request: get("/needs?page=2"), params: {}, context: contextFor() });
    expect(second.needs).toHaveLength(4);
    expect(second.title).toBe("帮扶需求（第 2 页） · 祥云");
  });

  it.each(["abc", "0", "-3", "1.5", ""])("reads ?page=%s as page 1", async (page) => {
    expect((await needsLoader({ request: get(`/needs?page=${page}`), params: {}, context: contextFor() })).page).toBe(1);
  });

  it("answers a page beyond the last with no needs, not an error", async () => {
    const beyond = await needsLoader({ request: get("/needs?page=99"), params: {}, context: contextFor() });
    expect(beyond).toMatchObject({ page: 99, pageCount: 2, total: 24, needs: [] });
  });

  it("returns only the public projection: no identity of any household", async () => {
    const { needs } = await needsLoader({ request: get("/needs"), params: {}, context: contextFor() });
    for (const { need } of needs) expect(Object.keys(need).every((key) => (PUBLIC_NEED_FIELDS as readonly string[]).includes(key))).toBe(true);
    const sent = JSON.stringify(needs);
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
  it("lists open offers only", async () => {
    const { offers, total } = await offersLoader({ request: get("/offers"), params: {}, context: contextFor() });
    expect(total).toBe(2);
    expect(offers.map(({ offer }) => offer.ref).sort()).toEqual([ref(refs.offers, "offer-1"), ref(refs.offers, "offer-4")].sort());
    for (const { offer } of offers) expect(Object.keys(offer).every((key) => (PUBLIC_OFFER_FIELDS as readonly string[]).includes(key))).toBe(true);
    expect(offers.find(({ offer }) => offer.ref === ref(refs.offers, "offer-4"))?.amountLabel).toBe("¥12,500.50");
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
    expect(data).toMatchObject({ title: "Xiangyun · Unions helping workers in hardship", needCount: 24, offerCount: 2 });
    expect(data.latestNeeds).toHaveLength(6);
  });
});
