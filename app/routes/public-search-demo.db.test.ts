// The public search over the demo data set, as `npm start` seeds it: the page, the JSON API and the
// index against each other, on Meilisearch and on the PostgreSQL fallback. What leaves is the
// public projection only (the index's sort and rank fields stay in the index), and the goal sort
// orders needs rather than dropping those without a target amount.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { buildDemoDocument } from "../../db/seed/demo-document";
import { NEEDS_INDEX, OFFERS_INDEX, indexName } from "../../search/index-settings";
import { drainOutbox } from "../../search/search-sync.server";
import { createTestDatabase } from "../../tests/database";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { startTestSearch } from "../../tests/search-fixture";
import { openApiDocument } from "../api/openapi";
import { needItemSchema, needListSchema, offerItemSchema, offerListSchema } from "../api/public-schemas";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { parseMoney } from "../domain/money/money";
import * as needItem from "./api.v1.needs.$ref";
import * as needList from "./api.v1.needs._index";
import * as offerItem from "./api.v1.offers.$ref";
import * as offerList from "./api.v1.offers._index";
import * as needsPage from "./needs._index";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;
let context: AppLoadContext;

const demo = buildDemoDocument();
const demoNeeds = (demo.cases ?? []).flatMap((c) => (c.needs ?? []).map((need) => ({ need, region: c.region })));
const published = demoNeeds.filter(({ need }) => need.publish);
const INDEX_ONLY = ["urgencyRank", "goalSortKey", "policyRank"];

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  context = createTestLoadContext({ database: handle, search: search.client, indexPrefix: search.indexPrefix });
  const parsed = parseImportDocument(demo);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toMatchObject({ failed: 0 });
}, 120_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

type Loader = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Response | Promise<Response>;

async function api(loader: Loader, path: string, params: Record<string, string> = {}): Promise<unknown> {
  const response = await loader({ request: new Request(`http://localhost${path}`), params, context });
  expect(response.status, path).toBe(200);
  return JSON.parse(await response.text());
}

const page = (query: string) => needsPage.loader({ request: new Request(`http://localhost/needs${query}`), params: {}, context });

/** Target amounts in list order: every need with one before every need without, smallest first. */
function expectGoalOrder(items: { targetAmount: string | null }[]) {
  const amounts = items.map((n) => n.targetAmount);
  const firstWithout = amounts.indexOf(null);
  const withTarget = firstWithout === -1 ? amounts : amounts.slice(0, firstWithout);
  expect(amounts.slice(withTarget.length).every((a) => a === null)).toBe(true);
  for (let i = 1; i < withTarget.length; i++) expect(parseMoney(withTarget[i - 1] ?? "0").lte(parseMoney(withTarget[i] ?? "0"))).toBe(true);
}

function describeGoalSort(engine: "Meilisearch" | "PostgreSQL") {
  const degraded = engine === "PostgreSQL";

  it(`keeps every published need under "closest to target", those without a target last (${engine})`, async () => {
    // The demo publishes 95 needs, 56 of them with a target; the goal sort used to show the 56 only.
    expect(published).toHaveLength(95);
    expect(published.filter(({ need }) => need.amount !== null)).toHaveLength(56);
    const body = needListSchema.parse(await api(needList.loader, "/api/v1/needs?sort=goal&pageSize=100"));
    expect(body.meta).toMatchObject({ total: 95, sort: "goal", degraded });
    expect(body.data).toHaveLength(95);
    expect(body.data.filter((n) => n.targetAmount !== null)).toHaveLength(56);
    expectGoalOrder(body.data);
    expect(body.facets.money).toEqual([
      { value: "yes", count: 56 },
      { value: "no", count: 39 },
    ]);
    const onPage = await page("?sort=goal");
    expect(onPage.total).toBe(95);
    expect(onPage.degraded).toBe(degraded);
  });

  it(`agrees with its facets: 技能培训 in 祥云 is 4 needs in the list, the total and the facet (${engine})`, async () => {
    const training = published.filter(({ need, region }) => need.category === "training" && region === "532923");
    expect(training).toHaveLength(4);
    for (const sort of ["goal", "newest", "urgent"]) {
      const body = needListSchema.parse(await api(needList.loader, `/api/v1/needs?category=training&region=532923&sort=${sort}`));
      expect(body.meta.total, sort).toBe(4);
      expect(body.data, sort).toHaveLength(4);
      expect(body.facets.category.find((f) => f.value === "training")?.count, sort).toBe(4);
      const onPage = await page(`?category=training&region=532923&sort=${sort}`);
      expect(onPage.total, sort).toBe(4);
      expect(onPage.needs, sort).toHaveLength(4);
      expect(onPage.facets.category.find((f) => f.value === "training")?.count, sort).toBe(4);
    }
  });

  it(`sends the public projection only, never the index's sort and rank fields (${engine})`, async () => {
    const needs = needListSchema.parse(await api(needList.loader, "/api/v1/needs?sort=goal&pageSize=100"));
    const offers = offerListSchema.parse(await api(offerList.loader, "/api/v1/offers?pageSize=100"));
    const first = needs.data[0];
    const offer = offers.data[0];
    if (!first || !offer) throw new Error("expected needs and offers");
    const item = needItemSchema.parse(await api(needItem.loader, `/api/v1/needs/${first.ref}`, { ref: first.ref }));
    const offerBody = offerItemSchema.parse(await api(offerItem.loader, `/api/v1/offers/${offer.ref}`, { ref: offer.ref }));
    const onPage = await page("?sort=goal");
    const keys = [...needs.data, ...offers.data, item.data, offerBody.data, ...onPage.needs].flatMap((d) => Object.keys(d));
    for (const field of INDEX_ONLY) expect(keys, field).not.toContain(field);
  });
}

describe("the public projection and the index document", () => {
  it("documents the projection in OpenAPI without the index's fields, which only the index holds", async () => {
    const { schemas } = openApiDocument.components;
    const documented = [...Object.keys(schemas.PublicNeed?.properties ?? {}), ...Object.keys(schemas.PublicOffer?.properties ?? {})];
    for (const field of INDEX_ONLY) expect(documented, field).not.toContain(field);
    const [need] = (await search.client.index(indexName(NEEDS_INDEX, search.indexPrefix)).getDocuments({ limit: 1 })).results;
    const [offer] = (await search.client.index(indexName(OFFERS_INDEX, search.indexPrefix)).getDocuments({ limit: 1 })).results;
    expect(Object.keys(need ?? {})).toEqual(expect.arrayContaining(["urgencyRank", "goalSortKey"]));
    expect(Object.keys(offer ?? {})).toContain("policyRank");
  });
});

describe("searching the demo needs on Meilisearch", () => describeGoalSort("Meilisearch"));

describe("searching the demo needs on PostgreSQL while Meilisearch is down", () => {
  beforeAll(async () => {
    await search.meili.stop();
    context = createTestLoadContext({ database: handle, search: search.client, indexPrefix: search.indexPrefix });
  });
  describeGoalSort("PostgreSQL");
});
