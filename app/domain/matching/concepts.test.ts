import { describe, expect, it } from "vitest";
import { buildDemoDocument } from "../../../db/seed/demo-document";
import { skillsVocabulary } from "../../../search/index-documents";
import { NEED_CATEGORIES } from "../needs/need-category";
import type { NeedCategory } from "../needs/need-category";
import { CONCEPTS, conceptLabel, conceptsIn } from "./concepts";

const HAN = /\p{Script=Han}/u;
const ids = (text: string) => conceptsIn(text).map((concept) => concept.id);

describe("the concept vocabulary", () => {
  it("has at least 150 concepts with unique kebab-case ids", () => {
    expect(CONCEPTS.length).toBeGreaterThanOrEqual(150);
    const seen = new Set<string>();
    for (const concept of CONCEPTS) {
      expect(concept.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(seen.has(concept.id), concept.id).toBe(false);
      seen.add(concept.id);
    }
  });

  it("covers every category with several concepts, and names only real categories", () => {
    const perCategory = new Map<string, number>();
    for (const concept of CONCEPTS) {
      expect(concept.categories.length, concept.id).toBeGreaterThan(0);
      for (const category of concept.categories) {
        expect(NEED_CATEGORIES, concept.id).toContain(category);
        perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
      }
    }
    for (const category of NEED_CATEGORIES) expect(perCategory.get(category) ?? 0, category).toBeGreaterThanOrEqual(8);
  });

  it("has Chinese and English triggers, none of a single Han character, none twice in a concept", () => {
    for (const concept of CONCEPTS) {
      expect(concept.zh.length, concept.id).toBeGreaterThan(0);
      expect(concept.en.length, concept.id).toBeGreaterThan(0);
      for (const word of concept.zh) {
        // One character (学, 工, 病) is inside far too many words to mean anything.
        expect([...word].length, `${concept.id}: ${word}`).toBeGreaterThanOrEqual(2);
        expect(word, concept.id).toMatch(HAN);
      }
      for (const word of concept.en) {
        expect(word, concept.id).not.toMatch(HAN);
        expect(word.length, `${concept.id}: ${word}`).toBeGreaterThanOrEqual(2);
        expect(word, concept.id).toBe(word.toLowerCase());
      }
      const words = [...concept.zh, ...concept.en];
      for (const word of words) expect(word, concept.id).toBe(word.trim());
      expect(new Set(words).size, concept.id).toBe(words.length);
    }
  });

  it("lists as `not` only longer words that hold one of the concept's own triggers", () => {
    for (const concept of CONCEPTS) {
      for (const not of concept.not ?? []) {
        const lower = not.toLowerCase();
        expect([...concept.zh, ...concept.en].some((word) => lower.includes(word.toLowerCase()) && lower !== word.toLowerCase()), `${concept.id}: ${not}`).toBe(true);
      }
    }
  });

  it("holds every term of the skills vocabulary, so a document naming a skill carries its concept too", () => {
    const triggers = new Set(CONCEPTS.flatMap((concept) => [...concept.zh, ...concept.en].map((word) => word.toLowerCase())));
    const missing = skillsVocabulary.flatMap((group) => [...group.zh, ...group.en]).filter((term) => !triggers.has(term.toLowerCase()));
    expect(missing).toEqual([]);
  });

  it("labels a concept by its first trigger in each language", () => {
    const tuition = CONCEPTS.find((concept) => concept.id === "tuition");
    expect(tuition && conceptLabel(tuition, "zh")).toBe("学费");
    expect(tuition && conceptLabel(tuition, "en")).toBe("tuition");
  });
});

// Needs are written as stories and offers as programmes; each row is a sentence a caseworker or a
// programme would write, with the concepts it must carry (and some it must not).
const EXPECTED: { text: string; has: string[]; not?: string[] }[] = [
  { text: "女儿考上大学，学费还差八千", has: ["tuition", "university-entry"] },
  { text: "国家助学金", has: ["tuition", "student-grant"] },
  { text: "生源地信用助学贷款", has: ["tuition", "student-loan"], not: ["microloan"] },
  { text: "金秋助学：资助困难职工家庭考入大学的子女", has: ["tuition", "student-grant", "university-entry"] },
  { text: "First in the family at university, 5000 yuan short of the school fees", has: ["tuition", "university-entry"] },
  { text: "焊工职业技能培训班", has: ["welding", "vocational-training"] },
  { text: "会电焊，想找工作", has: ["welding", "job-seeking"] },
  { text: "Certified welders wanted for car body parts", has: ["welding", "certificate"] },
  { text: "在工地做了十年水电，寻找水电维修工作", has: ["electrician", "construction"] },
  { text: "低压电工作业证培训，培训费由就业补贴支付", has: ["electrician", "vocational-training", "certificate", "training-subsidy"] },
  { text: "招聘叉车司机 2 名，持证上岗", has: ["forklift", "certificate", "job-seeking"], not: ["driving"] },
  { text: "货车驾驶员（B2 及以上），缴纳五险一金", has: ["driving", "social-insurance"] },
  { text: "父亲尿毒症，每周透析三次，医药费负担重", has: ["dialysis", "medical-expenses"] },
  { text: "孩子确诊白血病，在昆明住院化疗", has: ["leukaemia", "sick-child", "hospitalisation", "cancer"] },
  { text: "医疗救助（门诊慢特病和住院）", has: ["medical-assistance", "chronic-illness", "hospitalisation"] },
  { text: "Chronic illness: my mother needs diabetes medication every month", has: ["chronic-illness", "medicine"] },
  { text: "申请纳入低保，按月发放低保金", has: ["dibao"] },
  { text: "因火灾导致基本生活困难，申请临时救助", has: ["temporary-relief", "disaster", "living-costs"] },
  { text: "特困供养人员春节走访慰问，送温暖", has: ["extreme-poverty-support", "send-warmth"] },
  { text: "农村危房改造补助：C 级、D 级危房加固", has: ["dilapidated-housing"] },
  { text: "暴雨后房屋倒塌，一家人借住在亲戚家", has: ["house-collapse", "disaster", "temporary-shelter"] },
  { text: "在城里租房，三个月房租交不起", has: ["rent"] },
  { text: "包工头拖欠工资八个月，想申请劳动仲裁", has: ["unpaid-wages", "labour-dispute"] },
  { text: "Injured at work; the employer denies it was a work injury", has: ["work-injury"] },
  { text: "丈夫去世后一直失眠，想找心理咨询师聊聊", has: ["bereavement", "depression-anxiety", "counselling"] },
  { text: "失能老人长期卧床，需要上门护理和康复训练", has: ["disabled-elderly", "home-care", "rehabilitation"] },
  { text: "为行动不便的残疾人适配轮椅、助行器等辅具", has: ["wheelchair", "assistive-devices", "physical-disability", "disability"] },
  { text: "想开一家早餐店，申请创业担保贷款", has: ["small-shop", "microloan", "startup"] },
  { text: "为困难家庭送去棉被、冬衣和书桌", has: ["bedding", "winter-clothes", "desk"] },
  { text: "Warm quilts and a heater for the winter", has: ["bedding", "heating"] },
  { text: "肢体残疾，希望找不用久站的仓库管理工作", has: ["physical-disability", "light-work", "warehouse"] },
  { text: "想学电商直播，把核桃卖出去", has: ["ecommerce", "livestreaming", "farm-produce-sales"] },
  { text: "孩子放学后无人看护，希望有课后托管", has: ["after-school-care"] },
  // Words that hold a trigger without meaning it.
  { text: "施工中确保安全，做好设备维护工作", has: [], not: ["security-guard", "nursing-aide"] },
  { text: "按当年国家政策执行", has: [], not: ["housekeeping"] },
  { text: "He is looking for a career, of course, not charity", has: [], not: ["elderly-care-work", "vocational-training"] },
  { text: "父母轮流陪护，只有一个人能出去打工", has: [], not: ["nursing-aide"] },
  { text: "孤寡老人被子女遗弃，独自生活", has: ["elderly-alone"], not: ["bedding"] },
];

describe("conceptsIn", () => {
  it.each(EXPECTED)("tags $text", ({ text, has, not = [] }) => {
    const found = ids(text);
    expect(found).toEqual(expect.arrayContaining(has));
    for (const id of not) expect(found).not.toContain(id);
  });

  it("returns each concept once, in vocabulary order", () => {
    const found = conceptsIn("学费 学费 tuition 电工 电工");
    expect(found.map((concept) => concept.id)).toEqual(["electrician", "tuition"]);
  });

  it("matches English triggers as whole words, with a plural", () => {
    expect(ids("welders")).toContain("welding");
    expect(ids("Tea picking")).toContain("tea");
    expect(ids("steady")).not.toContain("tea");
    expect(ids("rent")).toContain("rent");
    expect(ids("current")).not.toContain("rent");
  });
});

describe("the demo data set", () => {
  const demo = buildDemoDocument();
  const texts: { category: NeedCategory; text: string }[] = [
    ...(demo.cases ?? []).flatMap((c) => (c.needs ?? []).map((need) => ({ category: need.category, text: [need.title, need.story, ...(need.skills ?? [])].join(" ") }))),
    ...(demo.offers ?? []).map((offer) => ({ category: offer.category, text: [offer.title, offer.description, ...(offer.skills ?? [])].join(" ") })),
  ];

  it("has a concept of its own category in every need and offer", () => {
    expect(texts.length).toBeGreaterThan(100);
    const without = texts.filter(({ category, text }) => !conceptsIn(text).some((concept) => concept.categories.includes(category)));
    expect(without).toEqual([]);
  });
});
