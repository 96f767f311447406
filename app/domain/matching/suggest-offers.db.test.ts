// Suggestions for a need against a real Meilisearch and database: the hard rules hold in the
// engine's filter and again on the rows, coverage by region prefix, policy first, reasons, a
// story that shares no word with the offer found through concepts, and the PostgreSQL fallback.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { organisations } from "../../../db/schema/organisations";
import { OFFERS_INDEX } from "../../../search/index-settings";
import { createSearchClient } from "../../../search/client.server";
import { drainOutbox } from "../../../search/search-sync.server";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument, fakeOffer } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { startTestSearch } from "../../../tests/search-fixture";
import { isDomainError } from "../errors/domain-error";
import type { ImportDocumentInput } from "../import/import-document";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { conceptsIn } from "./concepts";
import { engineCandidates } from "./engine-candidates.server";
import { matchingToday } from "./hard-rules";
import { candidateSearches, offerFilterFor } from "./matching-filters";
import { findOfferSuggestions, suggestOffersForNeed } from "./suggest-offers.server";
import { suggestNeedsForOffer } from "./suggest-needs.server";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;
let needRefs: Record<string, string>;
let offerRefs: Record<string, string>;

type NeedInput = NonNullable<NonNullable<ImportDocumentInput["cases"]>[number]["needs"]>[number];
const need = (key: string, category: NeedInput["category"], title: string, story: string, skills: string[] = []): NeedInput => ({ key, category, title, story, skills, amount: null, publish: true });

const CROWD = 40;
const FORBIDDEN = ["expired-job", "future-job", "paused-job", "closed-job", "full-job", "unverified-job", "guizhou-job", "medical-electric"];

function document(): ImportDocumentInput {
  const doc = fakeDocument({ cases: 0, offers: 0 });
  doc.organisations!.push(
    { key: "yn-gov", kind: "government", name: "云南省教育厅", region: "53" },
    { key: "km-charity", kind: "charity", name: "测试慈善基金会", region: "5301" },
    { key: "dali-school", kind: "training", name: "测试职业技能培训学校", region: "5329" },
    { key: "gz-employer", kind: "employer", name: "测试贵州建筑公司", region: "52" },
    { key: "unverified", kind: "employer", name: "测试未审核公司", region: "5329" },
  );
  doc.cases = [
    fakeCase(1, { needs: [need("electric", "job", "需要一份电工工作", "腿脚不便，想找不需要久站的活。", ["电工"])] }),
    fakeCase(2, { needs: [need("weld", "job", "想找份工作", "会电焊，做过几年钢结构，希望在县里找活干。")] }),
    fakeCase(3, { needs: [need("tuition", "tuition", "女儿上大学", "女儿考上大学，学费还差八千。")] }),
  ];
  const far = "2027-06-30";
  doc.offers = [
    fakeOffer(1, { key: "electric-job", title: "招聘水电工", skills: ["水电工"], regions: ["532923"], validUntil: far }),
    fakeOffer(2, { key: "weld-course", organisation: "dali-school", category: "training", title: "焊工职业技能培训班", description: "免费培训，结业可考焊工证。", skills: [], regions: ["5329"], validUntil: far }),
    fakeOffer(3, { key: "charity-tuition", organisation: "km-charity", category: "tuition", title: "困难职工子女助学金", description: "资助考上大学的困难职工子女。", skills: [], regions: ["53"], amount: "3000.00", validUntil: far }),
    fakeOffer(4, { key: "gov-tuition", organisation: "yn-gov", category: "tuition", title: "国家助学贷款", description: "考上大学的学生可申请助学贷款，毕业后还款。", skills: [], regions: ["53"], validUntil: far }),
    fakeOffer(10, { key: "expired-job", title: "招聘水电工（已过期）", validUntil: "2026-01-31" }),
    fakeOffer(11, { key: "future-job", title: "招聘水电工（明年）", validFrom: "2099-01-01", validUntil: "2099-12-31" }),
    fakeOffer(12, { key: "paused-job", status: "paused" }),
    fakeOffer(13, { key: "closed-job", status: "closed" }),
    fakeOffer(14, { key: "full-job", capacity: 0 }),
    fakeOffer(15, { key: "unverified-job", organisation: "unverified" }),
    fakeOffer(16, { key: "guizhou-job", organisation: "gz-employer", regions: ["52"] }),
    fakeOffer(17, { key: "medical-electric", organisation: "km-charity", category: "medical", title: "电工工伤医疗救助", skills: ["电工"], regions: ["53"] }),
    // More offers than the filter-alone search brings, all ahead of the others in its order (policy
    // first): the vacancy and the course must come through their skill and concept.
    ...Array.from({ length: CROWD }, (_, i) =>
      fakeOffer(30 + i, { key: `gov-crowd-${i}`, organisation: "yn-gov", title: `稳岗就业补贴 ${i}`, description: "符合条件的人员可申请。", skills: [], regions: ["53"], validUntil: far }),
    ),
  ];
  return doc;
}

const context = () => ({ db: handle.db, search: search.client, timeoutMs: 2_000 });
const keyOf = (ref: string) => Object.entries(offerRefs).find(([, r]) => r === ref)?.[0] ?? ref;

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  const parsed = parseImportDocument(document());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRefs = imported.result.needs;
  offerRefs = imported.result.offers;
  expect(await drainOutbox({ db: handle.db, client: search.client })).toMatchObject({ failed: 0 });
  // Its verification withdrawn behind the index's back: only the check on the rows can catch it.
  await handle.db.update(organisations).set({ status: "pending" }).where(eq(organisations.importKey, "unverified"));
}, 90_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

describe("suggestOffersForNeed", () => {
  it("never suggests an expired, future, paused, closed, full, unverified, other-province or incompatible offer", async () => {
    for (const key of ["electric", "weld", "tuition"]) {
      const keys = (await suggestOffersForNeed(context(), needRefs[key] ?? "", { limit: 50 })).map((s) => keyOf(s.offer.ref));
      for (const forbidden of FORBIDDEN) expect(keys, key).not.toContain(forbidden);
    }
  });

  it("keeps expired and not yet valid offers out in the engine's filter already", async () => {
    const filter = offerFilterFor({ category: "job", regionPath: ["53", "5329", "532923"] }, matchingToday());
    const searches = candidateSearches({ skills: ["水电工"], title: "", concepts: [] }, filter, ["policyRank:desc"]);
    const keys = (await engineCandidates(context(), OFFERS_INDEX, searches)).map(keyOf);
    expect(keys).toContain("electric-job");
    for (const forbidden of ["expired-job", "future-job", "guizhou-job", "medical-electric"]) expect(keys).not.toContain(forbidden);
    // Listed when indexed, its organisation unverified since: the filter cannot know, the rows do.
    expect(keys).toContain("unverified-job");
  });

  it("finds candidates by skill (with the vocabulary's equals) and by concept, beyond what the filter alone brings", async () => {
    const filter = offerFilterFor({ category: "job", regionPath: ["53", "5329", "532923"] }, matchingToday());
    const alone = (await engineCandidates(context(), OFFERS_INDEX, [{ q: "", filter, sort: ["policyRank:desc"], limit: 15 }])).map(keyOf);
    expect(alone.every((key) => key.startsWith("gov-crowd-"))).toBe(true);
    // 电工 is listed by no offer: the vocabulary makes it equal to 水电工, which one lists.
    const bySkill = (await engineCandidates(context(), OFFERS_INDEX, candidateSearches({ skills: ["电工"], title: "", concepts: [] }, filter, ["policyRank:desc"]))).map(keyOf);
    expect(bySkill).toContain("electric-job");
    const byConcept = (await engineCandidates(context(), OFFERS_INDEX, candidateSearches({ skills: [], title: "", concepts: conceptsIn("会电焊") }, filter, ["policyRank:desc"]))).map(keyOf);
    expect(byConcept).toContain("weld-course");
  });

  it("suggests the vacancy for the electrician first, with its reasons", async () => {
    const [first] = await suggestOffersForNeed(context(), needRefs.electric ?? "");
    expect(keyOf(first?.offer.ref ?? "")).toBe("electric-job");
    expect(first?.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["skill", "region-county", "capacity"]));
    expect(first?.reasons.find((r) => r.code === "skill")?.params.skills).toBe("电工");
    expect(first?.score).toBeGreaterThan(0);
    expect(first?.score).toBeLessThanOrEqual(1);
    expect(first?.importKey).toBe("electric-job");
  });

  it("finds the welding course for a story that says 电焊 and never 焊工", async () => {
    const suggestions = await suggestOffersForNeed(context(), needRefs.weld ?? "");
    const course = suggestions.find((s) => keyOf(s.offer.ref) === "weld-course");
    expect(course?.reasons.find((r) => r.code === "concept")?.params.ids).toContain("welding");
    expect(keyOf(suggestions[0]?.offer.ref ?? "")).toBe("weld-course");
  });

  it("finds grants for a tuition story (学费 ↔ 助学金), the government's first, saying so", async () => {
    const suggestions = await suggestOffersForNeed(context(), needRefs.tuition ?? "");
    expect(suggestions.map((s) => keyOf(s.offer.ref))).toEqual(["gov-tuition", "charity-tuition"]);
    expect(suggestions[0]?.reasons.map((r) => r.code)).toContain("policy");
    expect(suggestions[1]?.reasons.map((r) => r.code)).not.toContain("policy");
    // An offer for the province (53) covers the county (532923).
    expect(suggestions[0]?.reasons.find((r) => r.code.startsWith("region-"))).toEqual({ code: "region-province", params: { code: "53", zh: "云南省", en: expect.any(String) } });
  });

  it("accepts the need's import key, and names an unknown reference", async () => {
    expect((await suggestOffersForNeed(context(), "electric")).length).toBeGreaterThan(0);
    const error = await suggestOffersForNeed(context(), "N-NOSUCH2").catch((e: unknown) => e);
    expect(isDomainError(error) && error.kind === "not-found" && error.message.includes("N-NOSUCH2")).toBe(true);
  });

  it("answers from PostgreSQL with the same rules when the engine is unreachable, and says so", async () => {
    const down = { db: handle.db, search: createSearchClient({ url: "http://127.0.0.1:9", apiKey: "unreachable" }), timeoutMs: 500 };
    for (const key of ["electric", "weld", "tuition"]) {
      const { suggestions, degraded } = await findOfferSuggestions(down, needRefs[key] ?? "", { limit: 50 });
      expect(degraded).toBe(true);
      const keys = suggestions.map((s) => keyOf(s.offer.ref));
      for (const forbidden of FORBIDDEN) expect(keys, key).not.toContain(forbidden);
      expect(keys.length, key).toBeGreaterThan(0);
    }
    const tuition = await findOfferSuggestions(down, needRefs.tuition ?? "");
    expect(tuition.suggestions.map((s) => keyOf(s.offer.ref))).toEqual(["gov-tuition", "charity-tuition"]);
  });
});

describe("suggestNeedsForOffer", () => {
  it("suggests the needs an offer can serve in its regions, and none for an offer that breaks a rule", async () => {
    const forCourse = await suggestNeedsForOffer(context(), offerRefs["weld-course"] ?? "");
    expect(forCourse.map((s) => s.need.ref)).toContain(needRefs.weld);
    expect(forCourse.map((s) => s.need.ref)).not.toContain(needRefs.tuition);
    expect(forCourse[0]?.need.ref).toBe(needRefs.weld);
    expect(await suggestNeedsForOffer(context(), offerRefs["guizhou-job"] ?? "")).toEqual([]);
    expect(await suggestNeedsForOffer(context(), offerRefs["expired-job"] ?? "")).toEqual([]);
    expect(await suggestNeedsForOffer(context(), offerRefs["full-job"] ?? "")).toEqual([]);
  });
});
