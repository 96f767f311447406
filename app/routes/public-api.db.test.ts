// The public JSON API, called as Remix calls its resource routes: real Requests against a real,
// imported database and a real Meilisearch. Every body is parsed with the documented schema.
import type { AppLoadContext } from "@remix-run/node";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { drainOutbox } from "../../search/search-sync.server";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeOffer, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { startTestSearch } from "../../tests/search-fixture";
import { openApiDocument } from "../api/openapi";
import { apiErrorSchema, needItemSchema, needListSchema, offerItemSchema, offerListSchema, offerSuggestionListSchema } from "../api/public-schemas";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import * as anyPath from "./api.$";
import * as impact from "./api.v1.impact";
import * as need from "./api.v1.needs.$ref";
import * as needSuggestions from "./api.v1.needs.$ref_.suggestions";
import * as needs from "./api.v1.needs._index";
import * as offer from "./api.v1.offers.$ref";
import * as offers from "./api.v1.offers._index";
import * as openapi from "./api.v1.openapi[.]json";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;
let refs: { needs: Record<string, string>; offers: Record<string, string> };

const kunming = (n: number, overrides: Parameters<typeof fakeCase>[1]) => {
  const c = fakeCase(n, { ...overrides, organisation: "km-union", region: "530102" });
  return { ...c, head: { ...c.head, idNumber: fakeResidentId(n, { region: "530102" }) } };
};
const cases = [
  ...Array.from({ length: 5 }, (_, i) => fakeCase(i + 1)),
  fakeCase(6, { tier: "severe", needs: [{ key: "tuition", category: "tuition", title: "女儿考上大专，学费有缺口", story: "家里交不起学费。", skills: [], amount: "4500.00", publish: true }] }),
  kunming(7, { needs: [{ key: "km-job", category: "job", title: "Looking for electrician work", story: "Ten years wiring houses.", skills: [], amount: null, publish: true }] }),
  fakeCase(8, { needs: [{ key: "draft", category: "living", title: "尚未发布", story: "草稿。", skills: [], amount: null, publish: false }] }),
];

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations!.push(
    { key: "km-union", kind: "union", name: "昆明市总工会", region: "5301" },
    { key: "yn-gov", kind: "government", name: "云南省人力资源和社会保障厅", region: "53" },
  );
  document.cases = cases;
  document.offers = [
    fakeOffer(1, { regions: ["532923"] }),
    fakeOffer(2, { key: "grant", organisation: "yn-gov", category: "living", title: "困难职工生活补助", description: "按月发放。", skills: [], regions: ["53"], amount: "500.00", validUntil: null }),
    fakeOffer(3, { key: "paused", status: "paused" }),
    fakeOffer(4, { key: "draft-offer", status: "draft" }),
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  refs = imported.result;
  expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toMatchObject({ failed: 0 });
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

type Route = { loader: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Response | Promise<Response>; action: Route["loader"] };

/** Remix's matching, for the API's paths. */
function route(pathname: string): { module: Route; params: Record<string, string> } {
  const suggestions = /^\/api\/v1\/needs\/([^/]+)\/suggestions$/.exec(pathname);
  if (suggestions) return { module: needSuggestions, params: { ref: decodeURIComponent(suggestions[1] ?? "") } };
  const item = /^\/api\/v1\/(needs|offers)\/([^/]+)$/.exec(pathname);
  if (item?.[1] === "needs") return { module: need, params: { ref: decodeURIComponent(item[2] ?? "") } };
  if (item?.[1] === "offers") return { module: offer, params: { ref: decodeURIComponent(item[2] ?? "") } };
  if (pathname === "/api/v1/needs") return { module: needs, params: {} };
  if (pathname === "/api/v1/offers") return { module: offers, params: {} };
  if (pathname === "/api/v1/openapi.json") return { module: openapi, params: {} };
  if (pathname === "/api/v1/impact") return { module: impact, params: {} };
  return { module: anyPath, params: { "*": pathname.replace(/^\/api\/?/, "") } };
}

async function call(path: string, init: RequestInit = {}, context = createTestLoadContext({ database: handle, search: search.client, indexPrefix: search.indexPrefix })) {
  const request = new Request(`http://localhost${path}`, init);
  const { module, params } = route(new URL(request.url).pathname);
  const isRead = ["GET", "HEAD", "OPTIONS"].includes(request.method);
  const response = await (isRead ? module.loader : module.action)({ request, params, context });
  const text = await response.text();
  return { response, text, json: (): unknown => JSON.parse(text) };
}

const ref = (map: Record<string, string>, key: string) => map[key] ?? `missing ${key}`;
const publishedNeeds = () => ["need-1", "need-2", "need-3", "need-4", "need-5", "tuition", "km-job"].map((key) => ref(refs.needs, key));

describe("GET /api/v1/needs", () => {
  it("answers every published need as cacheable JSON any origin may read", async () => {
    const { response, json } = await call("/api/v1/needs?pageSize=100");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("ETag")).toMatch(/^W\/".+"$/);
    const body = needListSchema.parse(json());
    expect(body.data.map((n) => n.ref).sort()).toEqual(publishedNeeds().sort());
    expect(body.meta).toEqual({ total: 7, page: 1, pageSize: 100, totalPages: 1, sort: "newest", degraded: false });
  });

  it("filters like the /needs page, with disjunctive facets and the region drill-down", async () => {
    const body = needListSchema.parse((await call("/api/v1/needs?category=tuition&category=living")).json());
    expect(body.data.map((n) => n.ref)).toEqual([ref(refs.needs, "tuition")]);
    expect(body.facets.category.find((f) => f.value === "job")?.count).toBe(6);
    expect(body.facets.region).toEqual([{ value: "53", nameZh: "云南省", nameEn: expect.any(String), count: 1 }]);
    const kunmingNeeds = needListSchema.parse((await call("/api/v1/needs?region=5301&q=electrician")).json());
    expect(kunmingNeeds.data.map((n) => n.ref)).toEqual([ref(refs.needs, "km-job")]);
    const severe = needListSchema.parse((await call("/api/v1/needs?urgency=severe&money=yes&sort=goal")).json());
    expect(severe.data.map((n) => n.ref)).toEqual([ref(refs.needs, "tuition")]);
    expect(severe.meta.sort).toBe("goal");
  });

  it("links to the neighbouring pages with relative URLs", async () => {
    const first = needListSchema.parse((await call("/api/v1/needs?pageSize=3&category=job")).json());
    expect(first.meta).toMatchObject({ total: 6, totalPages: 2 });
    expect(first.links).toEqual({ self: "/api/v1/needs?category=job&pageSize=3", next: "/api/v1/needs?category=job&page=2&pageSize=3", prev: null });
    const last = needListSchema.parse((await call(first.links.next ?? "")).json());
    expect(last.data).toHaveLength(3);
    expect(last.links).toEqual({ self: "/api/v1/needs?category=job&page=2&pageSize=3", next: null, prev: "/api/v1/needs?category=job&pageSize=3" });
    const beyond = needListSchema.parse((await call("/api/v1/needs?pageSize=3&category=job&page=9")).json());
    expect(beyond.data).toEqual([]);
    expect(beyond.links.prev).toBe(last.links.self);
  });

  it("answers 400 naming every bad parameter, never cached", async () => {
    const { response, json } = await call("/api/v1/needs?region=abc&page=0&category=job&category=nope&pageSize=101");
    expect(response.status).toBe(400);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const { error } = apiErrorSchema.parse(json());
    expect(error.code).toBe("invalid_parameter");
    expect(error.problems?.map((p) => p.parameter).sort()).toEqual(["category", "page", "pageSize", "region"]);
    expect(error.message).toContain("region");
  });

  it("answers 304 to a client holding the current ETag, and 200 otherwise", async () => {
    const { response } = await call("/api/v1/needs?category=job");
    const etag = response.headers.get("ETag") ?? "";
    const again = await call("/api/v1/needs?category=job", { headers: { "If-None-Match": `"other", ${etag}` } });
    expect(again.response.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.response.headers.get("ETag")).toBe(etag);
    expect((await call("/api/v1/needs?category=tuition", { headers: { "If-None-Match": etag } })).response.status).toBe(200);
  });

  it("answers from PostgreSQL when the engine is down, says so and logs it", async () => {
    const lines: string[] = [];
    const context = createTestLoadContext({ database: handle });
    const logged = { ...context, runtime: { ...context.runtime, logger: pino({ level: "warn" }, { write: (line: string) => void lines.push(line) }) } };
    const body = needListSchema.parse((await call("/api/v1/needs?pageSize=100", {}, logged)).json());
    expect(body.meta.degraded).toBe(true);
    expect(body.data.map((n) => n.ref).sort()).toEqual(publishedNeeds().sort());
    expect(lines.join("")).toContain("search engine unavailable");
  });
});

describe("GET /api/v1/needs/{ref}", () => {
  it("answers one published need", async () => {
    const { response, json } = await call(`/api/v1/needs/${ref(refs.needs, "tuition")}`);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(needItemSchema.parse(json()).data).toMatchObject({ title: "女儿考上大专，学费有缺口", targetAmount: "4500.00", urgency: "severe" });
  });

  it.each([
    ["a draft", () => ref(refs.needs, "draft")],
    ["an unknown reference", () => "N-2222222"],
    ["a malformed reference", () => "N-0000000"],
    ["an offer's reference", () => ref(refs.offers, "offer-1")],
  ])("answers 404 JSON for %s", async (_, target) => {
    const { response, json } = await call(`/api/v1/needs/${target()}`);
    expect(response.status).toBe(404);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(apiErrorSchema.parse(json()).error.code).toBe("not_found");
  });
});

describe("GET /api/v1/offers and /api/v1/offers/{ref}", () => {
  it("lists open offers available in a region, government entitlements first", async () => {
    const body = offerListSchema.parse((await call("/api/v1/offers?region=532923")).json());
    expect(body.data.map((o) => o.ref)).toEqual([ref(refs.offers, "grant"), ref(refs.offers, "offer-1")]);
    expect(body.facets.kind.find((f) => f.value === "government")?.count).toBe(1);
    const jobs = offerListSchema.parse((await call("/api/v1/offers?kind=employer&sort=closing")).json());
    expect(jobs.data.map((o) => o.ref)).toEqual([ref(refs.offers, "offer-1")]);
    expect(jobs.meta.sort).toBe("closing");
  });

  it("answers a paused offer on its own, and 404 for a draft", async () => {
    expect(offerItemSchema.parse((await call(`/api/v1/offers/${ref(refs.offers, "paused")}`)).json()).data.status).toBe("paused");
    expect((await call(`/api/v1/offers/${ref(refs.offers, "draft-offer")}`)).response.status).toBe(404);
  });

  it("answers 400 for an unknown kind or sort", async () => {
    const { response, json } = await call("/api/v1/offers?kind=bank&sort=cheapest");
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(json()).error.problems?.map((p) => p.parameter).sort()).toEqual(["kind", "sort"]);
  });
});

describe("the API's edges", () => {
  it.each(["/api/v1/needs", "/api/v1/needs/N-2222222", "/api/v1/offers", `/api/v1/offers/O-2222222`, "/api/v1/openapi.json"])("answers 405 JSON to a POST to %s", async (path) => {
    const { response, json } = await call(path, { method: "POST", body: "{}" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    expect(apiErrorSchema.parse(json()).error.code).toBe("method_not_allowed");
  });

  it.each(["/api/v2/needs", "/api/v1/needs/N-2222222/extra", "/api"])("answers 404 JSON for the unknown path %s", async (path) => {
    const { response, json } = await call(path);
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(apiErrorSchema.parse(json()).error.code).toBe("not_found");
  });

  it("answers a CORS preflight", async () => {
    const { response } = await call("/api/v1/needs", { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe("If-None-Match");
  });

  it("answers an unexpected failure with a logged JSON 500, and a malformed reference without the database", async () => {
    const broken = new Proxy(handle.db, {
      get() {
        throw new Error("the database is gone");
      },
    });
    const context = createTestLoadContext({ database: handle, db: broken });
    const failed = await call(`/api/v1/needs/${ref(refs.needs, "tuition")}`, {}, context);
    expect(failed.response.status).toBe(500);
    expect(failed.response.headers.get("Cache-Control")).toBe("no-store");
    expect(apiErrorSchema.parse(failed.json()).error).toEqual({ code: "internal_error", message: expect.not.stringContaining("gone") });
    expect((await call("/api/v1/needs/not-a-ref", {}, context)).response.status).toBe(404);
  });

  it("serves the OpenAPI document, whose endpoints all answer", async () => {
    const served = await call("/api/v1/openapi.json");
    expect(served.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    for (const path of Object.keys(openApiDocument.paths)) {
      const example = path.replace("{ref}", path.startsWith("/api/v1/needs") ? ref(refs.needs, "need-1") : ref(refs.offers, "offer-1"));
      expect((await call(example)).response.status, example).toBe(200);
    }
  });
});

describe("privacy", () => {
  it("never sends an identity value of any household, in any answer", async () => {
    const paths = [
      "/api/v1/needs?pageSize=100",
      "/api/v1/needs?q=测试",
      "/api/v1/offers?pageSize=100",
      ...publishedNeeds().map((r) => `/api/v1/needs/${r}`),
      ...publishedNeeds().map((r) => `/api/v1/needs/${r}/suggestions`),
      `/api/v1/needs/${ref(refs.needs, "draft")}`,
      "/api/v1/needs?region=nope",
      "/api/v1/openapi.json",
    ];
    const sent = (await Promise.all(paths.map(async (path) => (await call(path)).text))).join("\n");
    expect(sent).toContain(ref(refs.needs, "tuition"));
    for (const c of cases) for (const value of [c.head.name, c.head.idNumber, c.head.phone, c.head.address]) expect(sent).not.toContain(value);
  });
});

describe("GET /api/v1/needs/{ref}/suggestions", () => {
  it("answers the offers that could help a published need, ranked, with reasons in both languages", async () => {
    const lines: string[] = [];
    const context = createTestLoadContext({ database: handle, search: search.client, indexPrefix: search.indexPrefix });
    const logged = { ...context, runtime: { ...context.runtime, logger: pino({ level: "warn" }, { write: (line: string) => void lines.push(line) }) } };
    const { response, json } = await call(`/api/v1/needs/${ref(refs.needs, "need-1")}/suggestions`, {}, logged);
    expect(lines.join("")).toBe("");
    expect(response.status).toBe(200);
    const body = offerSuggestionListSchema.parse(json());
    expect(body.meta).toEqual({ need: ref(refs.needs, "need-1"), limit: 10, degraded: false });
    // The vacancy in the county; the living grant is for another category, the paused offer never listed.
    expect(body.data.map((s) => s.offer.ref)).toEqual([ref(refs.offers, "offer-1")]);
    expect(body.data[0]?.reasons).toContainEqual({ code: "skill", params: expect.objectContaining({ skills: "电工" }), text: { zh: "技能相符：电工", en: "Skills match: 电工" } });
    expect(body.data[0]?.reasons.map((r) => r.text.zh)).toContain("覆盖祥云县");
  });

  it("answers 404 for a draft or unknown need and 400 for a bad limit", async () => {
    expect((await call(`/api/v1/needs/${ref(refs.needs, "draft")}/suggestions`)).response.status).toBe(404);
    expect((await call("/api/v1/needs/N-2222222/suggestions")).response.status).toBe(404);
    const bad = await call(`/api/v1/needs/${ref(refs.needs, "need-1")}/suggestions?limit=500`);
    expect(bad.response.status).toBe(400);
    expect(apiErrorSchema.parse(bad.json()).error.code).toBe("invalid_parameter");
    expect((await call(`/api/v1/needs/${ref(refs.needs, "need-1")}/suggestions`, { method: "POST" })).response.status).toBe(405);
  });
});
