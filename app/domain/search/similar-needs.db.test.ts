// similarNeeds against the real engine: the same category in the same province first, never the
// need itself, and an empty list (not an error) once the engine is gone.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { drainOutbox } from "../../../search/search-sync.server";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { startTestSearch } from "../../../tests/search-fixture";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import type { PublicNeed } from "../needs/public-need";
import { getPublicNeed } from "../needs/public-needs.server";
import { similarNeeds, similarityWords } from "./similar-needs.server";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;
let refs: Record<string, string>;

function caseIn(n: number, organisation: string, region: string) {
  const c = fakeCase(n, { organisation, region });
  return { ...c, head: { ...c.head, idNumber: fakeResidentId(n, { region }) } };
}

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  // Three 电工 job needs in Xiangyun (Yunnan), an electrician in Kunming (Yunnan), one in Guiyang
  // (Guizhou), and two tuition needs in Xiangyun.
  const doc = fakeDocument({ cases: 3, offers: 0 });
  doc.organisations!.push(
    { key: "km-union", kind: "union", name: "昆明市总工会", region: "5301" },
    { key: "gy-union", kind: "union", name: "贵阳市总工会", region: "5201" },
  );
  doc.cases!.push(
    { ...caseIn(11, "km-union", "530102"), needs: [{ key: "km-job", category: "job", title: "Looking for electrician work", story: "Ten years wiring houses.", skills: [], amount: null, publish: true }] },
    { ...caseIn(12, "gy-union", "520102"), needs: [{ key: "gy-job", category: "job", title: "想找电工的活", story: "做过多年电工。", skills: ["电工"], amount: null, publish: true }] },
    fakeCase(13, { needs: [{ key: "tuition", category: "tuition", title: "女儿考上大专，学费有缺口", story: "家里交不起学费。", skills: [], amount: "4500.00", publish: true }] }),
    fakeCase(14, { needs: [{ key: "tuition-2", category: "tuition", title: "儿子读高中的学费", story: "希望得到助学帮助。", skills: [], amount: "2000.00", publish: true }] }),
  );
  const parsed = parseImportDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  refs = imported.result.needs;
  expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toEqual({ processed: 7, failed: 0 });
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

async function need(key: string): Promise<PublicNeed> {
  const found = await getPublicNeed(handle.db, refs[key] ?? "");
  if (!found) throw new Error(`no need ${key}`);
  return found;
}
const refOf = (key: string) => refs[key];

describe("similar needs", () => {
  it("looks for the skills first, then the title's words", () => {
    expect(similarityWords({ skills: ["电工"], title: "需要一份适合的电工工作 3" })).toBe("电工 需要一份适合的电工工作");
    expect(similarityWords({ skills: [], title: "Looking for electrician work, 2 days a week" })).toBe("Looking for electrician work days week");
  });

  it("offers the same category in the same province first, and never the need itself", async () => {
    const similar = await similarNeeds({ search: search.client, indexPrefix: search.indexPrefix }, await need("need-1"));
    expect(similar.map((n) => n.ref)).not.toContain(refOf("need-1"));
    expect(similar).toHaveLength(4);
    expect(similar.slice(0, 3).map((n) => n.ref).sort()).toEqual([refOf("need-2"), refOf("need-3"), refOf("km-job")].sort());
    // Guiyang is in another province: it comes only after every match in Yunnan.
    expect(similar[3]?.ref).toBe(refOf("gy-job"));
  });

  it("prefers a need of the same category to one that merely shares a place", async () => {
    const similar = await similarNeeds({ search: search.client, indexPrefix: search.indexPrefix }, await need("tuition"));
    expect(similar[0]?.ref).toBe(refOf("tuition-2"));
  });

  it("honours a smaller limit", async () => {
    expect(await similarNeeds({ search: search.client, indexPrefix: search.indexPrefix }, await need("need-2"), 2)).toHaveLength(2);
  });

  it("answers an empty list and warns when the engine is unreachable", async () => {
    const subject = await need("need-1");
    await search.meili.stop();
    const warn = vi.fn();
    expect(await similarNeeds({ search: search.client, indexPrefix: search.indexPrefix, logger: { warn } }, subject)).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
  });
});
