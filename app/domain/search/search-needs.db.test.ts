// searchNeeds against the real engine, and the same searches answered by PostgreSQL once the
// engine is stopped (degraded mode).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { drainOutbox } from "../../../search/search-sync.server";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { startTestSearch } from "../../../tests/search-fixture";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { parseNeedSearch } from "./search-query";
import { searchNeeds } from "./search-needs.server";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;
let refs: Record<string, string>;

function kunmingCase(n: number) {
  const c = fakeCase(n, { organisation: "km-union", region: "530102" });
  return { ...c, head: { ...c.head, idNumber: fakeResidentId(n, { region: "530102" }) } };
}

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  const doc = fakeDocument({ cases: 3, offers: 0 });
  doc.organisations!.push({ key: "km-union", kind: "union", name: "昆明市总工会", region: "5301" });
  doc.cases!.push(
    fakeCase(10, { tier: "severe", needs: [{ key: "tuition", category: "tuition", title: "女儿考上大专，学费有缺口", story: "家里交不起学费，希望得到助学帮助。", skills: [], amount: "4500.00", publish: true }] }),
    { ...kunmingCase(11), needs: [{ key: "km-job", category: "job", title: "Looking for electrician work", story: "Ten years wiring houses.", skills: [], amount: null, publish: true }] },
    fakeCase(12, { needs: [{ key: "draft", category: "job", title: "草稿电工", story: "尚未发布。", skills: ["电工"], amount: null, publish: false }] }),
  );
  const parsed = parseImportDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  refs = imported.result.needs;
  expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toEqual({ processed: 5, failed: 0 });
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

const run = (text: string) => {
  const { query } = parseNeedSearch(new URLSearchParams(text));
  if (!query) throw new Error("bad query");
  return searchNeeds({ db: handle.db, search: search.client, indexPrefix: search.indexPrefix, timeoutMs: 1_000 }, query);
};
const refsOf = (items: { ref: string }[]) => items.map((n) => n.ref).sort();

describe("needs search in the engine", () => {
  it("finds 水电工 needs for 电工, and never a draft", async () => {
    const result = await run("q=电工");
    expect(result.degraded).toBe(false);
    expect(refsOf(result.items)).toEqual([refs["need-1"], refs["need-2"], refs["need-3"], refs["km-job"]].sort());
  });

  it("counts every facet of a search with nothing chosen over the search's results", async () => {
    const result = await run("q=电工");
    const sum = (counts: { count: number }[]) => counts.reduce((total, facet) => total + facet.count, 0);
    expect(result.facets.category.find((f) => f.value === "job")?.count).toBe(4);
    expect(sum(result.facets.category)).toBe(4);
    expect(sum(result.facets.urgency)).toBe(4);
    expect(sum(result.facets.money)).toBe(4);
  });

  it("counts categories without their own filter, and drills down by region", async () => {
    const result = await run("category=tuition");
    expect(refsOf(result.items)).toEqual([refs.tuition]);
    expect(result.facets.category.find((f) => f.value === "job")?.count).toBe(4);
    const top = await run("");
    expect(top.regionChildren.map((r) => [r.code, r.count])).toEqual([["53", 5]]);
    const yunnan = await run("region=53");
    expect(yunnan.regionChildren.map((r) => [r.code, r.count])).toEqual([["5329", 4], ["5301", 1]]);
    const kunming = await run("region=5301");
    expect(kunming.regionTrail.map((r) => r.code)).toEqual(["53", "5301"]);
    expect(refsOf(kunming.items)).toEqual([refs["km-job"]]);
  });

  it("sorts by urgency and by closeness to the goal", async () => {
    expect((await run("sort=urgent")).items[0]?.ref).toBe(refs.tuition);
    // The one need with a target first, then the needs without one: a sort never filters.
    const goal = await run("sort=goal");
    expect(goal.items[0]?.ref).toBe(refs.tuition);
    expect(goal.total).toBe(5);
    expect(refsOf(goal.items)).toEqual(refsOf((await run("sort=newest")).items));
  });
});

describe("needs search while the engine is down", () => {
  it("answers from PostgreSQL with the same filters and says it is degraded", async () => {
    const before = await run("category=job&region=5329");
    await search.meili.stop();
    const after = await run("category=job&region=5329");
    expect(after.degraded).toBe(true);
    expect(refsOf(after.items)).toEqual(refsOf(before.items));
    expect(after.total).toBe(before.total);
    expect(after.facets.category).toEqual(before.facets.category);
    expect((await run("q=electrician")).items.map((n) => n.ref)).toEqual([refs["km-job"]]);
  });
});
