// /impact and GET /api/v1/impact on a small site with a prefecture of 3 households
// (tests/impact-fixture.ts): called as Remix calls them, with real Requests against a real database.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../db/client.server";
import { executeRows } from "../../db/client.server";
import { createTestDatabase } from "../../tests/database";
import { seedImpactSite } from "../../tests/impact-fixture";
import { createTestLoadContext } from "../../tests/load-context";
import { impactSchema } from "../api/impact-schemas";
import { apiErrorSchema } from "../api/public-schemas";
import { loader as apiLoader } from "./api.v1.impact";
import { loader as pageLoader } from "./impact";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedImpactSite(handle.db);
}, 60_000);
afterAll(() => handle?.close());

const context = () => createTestLoadContext({ database: handle });
const api = (query: string) => apiLoader({ request: new Request(`http://localhost/api/v1/impact${query}`), params: {}, context: context() });
const page = (query: string, lng = "en") => pageLoader({ request: new Request(`http://localhost/impact${query}`, { headers: { "Accept-Language": lng } }), params: {}, context: context() });

/** Every number a JSON body shows as a count. */
function shownCounts(node: unknown): number[] {
  if (Array.isArray(node)) return node.flatMap(shownCounts);
  if (typeof node !== "object" || node === null) return [];
  const entries = Object.entries(node);
  const value = entries.find(([k]) => k === "value")?.[1];
  return [...(typeof value === "number" ? [value] : []), ...entries.flatMap(([, v]) => shownCounts(v))];
}

describe("GET /api/v1/impact", () => {
  it("answers the province's figures with the 3-household prefecture as fewer-than-5 and its neighbour hidden", async () => {
    const response = await api("?region=53");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    const body = impactSchema.parse(await response.json());
    expect(body.data.households.registered).toEqual({ value: 11, hidden: null });
    expect(body.data.children.map((c) => [c.code, c.registered])).toEqual([
      ["5301", { value: null, hidden: "fewer-than-5" }],
      ["5329", { value: null, hidden: "complementary" }],
    ]);
    expect(body.data.money.received).toEqual({ amount: "1300.00", hidden: null });
  });

  it("never shows a count from 1 to 4", async () => {
    for (const query of ["", "?region=53", "?region=5301", "?region=5329", "?region=44", "?region=4401"]) {
      const counts = shownCounts(await (await api(query)).json());
      expect(counts.length).toBeGreaterThan(10);
      expect(counts.filter((n) => n > 0 && n < 5), query).toEqual([]);
    }
  });

  it("answers 400 JSON for a bad region code or parameter, and 404 for an unknown region", async () => {
    for (const query of ["?region=532923", "?region=abc", "?region=53&x=1"]) {
      const response = await api(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(apiErrorSchema.parse(await response.json()).error.code).toBe("invalid_parameter");
    }
    const unknown = await api("?region=99");
    expect(unknown.status).toBe(404);
    expect(apiErrorSchema.parse(await unknown.json()).error.code).toBe("not_found");
  });
});

describe("/impact", () => {
  it("shows the province's prefectures with <5 and — and explains both, in English and Chinese", async () => {
    const en = await page("?region=53");
    expect(en.title).toBe("Impact in Yunnan Province");
    expect(en.children.map((c) => [c.code, c.registered])).toEqual([
      ["5301", "<5"],
      ["5329", "—"],
    ]);
    expect(en.words.smallMeaning).toContain("fewer than 5 households");
    expect(en.headline.find((h) => h.key === "registered")?.value).toBe("11");
    const zh = await page("?region=53", "zh-CN");
    expect(zh.words.suppressionTitle).toBe("为什么有些数字被隐藏");
  });

  it("never hands the browser a count from 1 to 4, nor any name of the fixture's households", async () => {
    for (const query of ["", "?region=53", "?region=5301", "?region=44"]) {
      const data = await page(query);
      const text = JSON.stringify(data);
      const figures = [...JSON.stringify({ h: data.headline, c: data.children, n: data.needs }).matchAll(/"(?:value|registered|helped|published|fulfilled)":"(\d+)"/g)].map((m) => Number(m[1]));
      expect(figures.filter((n) => n > 0 && n < 5), query).toEqual([]);
      expect(text).not.toContain("测试");
    }
  });

  it("answers 404 for an unknown region and 400 for a county", async () => {
    await expect(page("?region=99")).rejects.toMatchObject({ status: 404 });
    await expect(page("?region=532923")).rejects.toMatchObject({ kind: "invalid" });
  });
});

describe("one reading of the figures, shared by visitors for a minute", () => {
  it("answers the page and the API from one reading, says when it was taken, and reads afresh only in a new minute", async () => {
    const shared = context();
    const load = async (query: string) => pageLoader({ request: new Request(`http://localhost/impact${query}`, { headers: { "Accept-Language": "en" } }), params: {}, context: shared });
    const before = await load("");
    const body = impactSchema.parse(await (await apiLoader({ request: new Request("http://localhost/api/v1/impact?region=53"), params: {}, context: shared })).json());
    expect(before.asOf).toMatch(/^Figures as of \w{3} \d+, \d{4}, \d{2}:\d{2}:\d{2} \(China time\)/);
    expect(Date.now() - Date.parse(body.meta.asOf)).toBeLessThan(60_000);
    const fulfilled = (view: typeof before) => view.headline.find((h) => h.key === "fulfilled")?.value;
    expect(fulfilled(before)).toBe("11");

    const [changed] = await executeRows(
      handle.db,
      z.object({ id: z.string(), status: z.string() }),
      sql`update needs set status = 'fulfilled' from (select id, status from needs where status <> 'fulfilled' and region_code = '532923' limit 1) as was where needs.id = was.id returning needs.id, was.status`,
    );
    if (!changed) throw new Error("no need to fulfil");
    try {
      const again = await load("?region=53");
      expect(again.asOf).toBe(before.asOf);
      expect(fulfilled(await load(""))).toBe("11");
      const fresh = await page("");
      expect(fulfilled(fresh)).toBe("12");
    } finally {
      await handle.db.execute(sql`update needs set status = ${changed.status} where id = ${changed.id}`);
    }
  });
});
