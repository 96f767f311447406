import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { allResources } from "../../i18n/resources.server";
import { CONCEPTS } from "./concepts";
import type { Concept } from "./concepts";
import { describeReason } from "./reasons";
import type { ScoringFacts } from "./score-suggestion";
import { matchingSkills, relevanceOf, scoreSuggestion } from "./score-suggestion";

const concept = (id: string): Concept => {
  const found = CONCEPTS.find((c) => c.id === id);
  if (!found) throw new Error(`no concept ${id}`);
  return found;
};

const facts: ScoringFacts = {
  text: 0.8,
  needSkills: ["电工"],
  offerSkills: ["水电工"],
  offerText: "招聘水电工 负责厂区水电维修",
  needConcepts: [concept("electrician")],
  offerConcepts: [concept("electrician")],
  conceptBasis: "need",
  coveringRegion: { code: "532923", zh: "祥云县", en: "Xiangyun" },
  urgency: "general",
  isPolicy: false,
  remainingCapacity: 3,
  ageDays: 10,
};

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({ lng: "zh-CN", fallbackLng: "zh-CN", resources: allResources, interpolation: { escapeValue: false } });
});

describe("scoreSuggestion", () => {
  it("scores between 0 and 1, with two decimals", () => {
    for (const text of [0, 0.5, 1]) {
      const { score } = scoreSuggestion({ ...facts, text });
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(Math.round(score * 100) / 100).toBe(score);
    }
  });

  it("ranks the same offer higher the closer its region: county > prefecture > province", () => {
    const county = scoreSuggestion(facts).exact;
    const prefecture = scoreSuggestion({ ...facts, coveringRegion: { code: "5329", zh: "大理白族自治州", en: "Dali" } }).exact;
    const province = scoreSuggestion({ ...facts, coveringRegion: { code: "53", zh: "云南省", en: "Yunnan" } }).exact;
    expect(county).toBeGreaterThan(prefecture);
    expect(prefecture).toBeGreaterThan(province);
  });

  it("puts a government entitlement first at comparable relevance, and says so", () => {
    const charity = scoreSuggestion(facts);
    const policy = scoreSuggestion({ ...facts, text: 0.7, isPolicy: true });
    expect(policy.exact).toBeGreaterThan(charity.exact);
    expect(policy.reasons.map((r) => r.code)).toContain("policy");
    expect(charity.reasons.map((r) => r.code)).not.toContain("policy");
  });

  it("does not let policy beat a clearly better match", () => {
    const relevant = scoreSuggestion(facts);
    const unrelated = scoreSuggestion({ ...facts, text: 0.1, offerSkills: [], offerText: "低保", offerConcepts: [], isPolicy: true });
    expect(relevant.exact).toBeGreaterThan(unrelated.exact);
  });

  it("ranks more urgent, fresher needs and offers with places higher, all else equal", () => {
    expect(scoreSuggestion({ ...facts, urgency: "severe" }).exact).toBeGreaterThan(scoreSuggestion(facts).exact);
    expect(scoreSuggestion({ ...facts, ageDays: 300 }).exact).toBeLessThan(scoreSuggestion(facts).exact);
    expect(scoreSuggestion({ ...facts, remainingCapacity: 50 }).exact).toBeGreaterThan(scoreSuggestion({ ...facts, remainingCapacity: 1 }).exact);
  });

  it("gives its reasons in order, read as 技能相符：电工 · 覆盖祥云县 · 政府政策优先 · 名额剩余 3", () => {
    const { reasons } = scoreSuggestion({ ...facts, isPolicy: true });
    expect(reasons.map((r) => describeReason(r, t.t)).slice(0, 4)).toEqual(["技能相符：电工", "覆盖祥云县", "政府政策优先", "名额剩余 3"]);
    expect(reasons.map((r) => describeReason(r, t.getFixedT("en"))).slice(0, 4)).toEqual(["Skills match: 电工", "Covers Xiangyun", "Government policy first", "3 places left"]);
  });

  it("names a shared concept the skills did not already say, and the urgency of a hard case", () => {
    const { reasons } = scoreSuggestion({ ...facts, needSkills: [], offerSkills: [], needConcepts: [concept("tuition")], offerConcepts: [concept("tuition")], urgency: "severe" });
    expect(reasons.map((r) => describeReason(r, t.t))).toEqual(["内容相关：学费", "覆盖祥云县", "名额剩余 3", "深度困难，优先帮扶", "新近发布"]);
  });

  it("counts a skill by its synonyms and by the offer's own words", () => {
    expect(matchingSkills(["电工"], ["水电工"], "")).toEqual(["电工"]);
    expect(matchingSkills(["焊工"], [], "电焊工培训班")).toEqual(["焊工"]);
    expect(matchingSkills(["厨师"], ["电工"], "招聘电工")).toEqual([]);
  });

  it("leaves out of relevance what the need does not speak of", () => {
    expect(relevanceOf(0.5, null, null)).toBeCloseTo(0.5);
    expect(relevanceOf(0, 1, null)).toBeGreaterThan(0.5);
  });
});
