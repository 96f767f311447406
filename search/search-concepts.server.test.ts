// How the concept fields behave in the real engine: a need written as a story and
// an offer written as a programme find each other though they share no word.
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicNeedSource } from "../app/domain/needs/public-need";
import { toPublicNeed } from "../app/domain/needs/public-need";
import type { PublicOfferSource } from "../app/domain/offers/public-offer";
import { toPublicOffer } from "../app/domain/offers/public-offer";
import { toNeedDocument, toOfferDocument } from "./index-documents";
import { NEEDS_INDEX, OFFERS_INDEX, indexName, offersIndexSettings } from "./index-settings";
import type { TestSearch } from "../tests/search-fixture";
import { startTestSearch } from "../tests/search-fixture";

const PREFIX = "concepts";
const WAIT = { timeout: 60_000 };
const today = new Date("2026-11-20T00:00:00Z");
const xiangyun = { code: "532923", path: ["53", "5329", "532923"], nameZh: "云南省大理白族自治州祥云县", nameEn: "Xiangyun County, Dali, Yunnan" };
const dali = { code: "5329", path: ["53", "5329"], nameZh: "云南省大理白族自治州", nameEn: "Dali, Yunnan" };

function need(source: Pick<PublicNeedSource, "ref" | "title" | "story" | "category">) {
  return toPublicNeed(
    {
      version: 1,
      skills: [],
      status: "published",
      targetAmount: null,
      publishedAt: new Date("2026-10-02T00:00:00Z"),
      updatedAt: new Date("2026-11-02T00:00:00Z"),
      caseBirthYear: 1978,
      caseTier: "general",
      region: xiangyun,
      ...source,
    },
    today,
  );
}

function offer(source: Pick<PublicOfferSource, "ref" | "title" | "description" | "category" | "skills">) {
  return toPublicOffer({
    version: 1,
    offerType: "grant",
    details: {},
    status: "open",
    capacity: 30,
    remainingCapacity: 12,
    amount: null,
    validFrom: "2026-09-01",
    validUntil: "2027-06-30",
    updatedAt: new Date("2026-10-15T00:00:00Z"),
    organisation: { name: "大理州慈善总会", kind: "charity" },
    regions: [dali],
    ...source,
  });
}

const needs = [
  need({ ref: "N-FEES", category: "tuition", title: "女儿考上大学，学费还差八千", story: "女儿今年考上昆明的本科，家里凑了一半，还差八千元。" }),
  need({ ref: "N-WELD", category: "job", title: "会电焊，想在县城找活", story: "在工地干了十年电焊，想找离家近的工作。" }),
];
const offers = [
  offer({ ref: "O-GRANT", category: "tuition", title: "国家助学金", description: "资助家庭经济困难的大学新生，一次性发放。", skills: [] }),
  offer({ ref: "O-WELD", category: "training", title: "焊工职业技能培训班", description: "理论加实操，考核合格发证。", skills: [] }),
  offer({ ref: "O-COOK", category: "training", title: "中式烹调师培训", description: "学习刀工、火候和家常菜。", skills: ["厨师"] }),
];

let search: TestSearch;
let client: Meilisearch;
const needsUid = indexName(NEEDS_INDEX, PREFIX);
const offersUid = indexName(OFFERS_INDEX, PREFIX);

beforeAll(async () => {
  // The run's Meilisearch (tests/global-setup.ts), under this file's own index names.
  search = await startTestSearch({ indexPrefix: PREFIX });
  client = search.client;
  expect((await client.index(needsUid).addDocuments(needs.map((need) => toNeedDocument(need, "none"))).waitTask(WAIT)).status).toBe("succeeded");
  expect((await client.index(offersUid).addDocuments(offers.map(toOfferDocument)).waitTask(WAIT)).status).toBe("succeeded");
});

afterAll(async () => {
  await search?.meili.stop();
});

async function refs(uid: string, query: string, filter?: string): Promise<string[]> {
  const result = await client.index(uid).search(query, { filter });
  return result.hits.map((hit) => String(hit.ref));
}

describe("concepts in the index", () => {
  it("finds the 国家助学金 offer by 学费, a word it never uses", async () => {
    expect(await refs(offersUid, "学费")).toEqual(["O-GRANT"]);
  });

  it("does not find it by 学费 without the concept fields and synonyms, so they are what work", async () => {
    const uid = indexName(OFFERS_INDEX, "noconcepts");
    await client.createIndex(uid, { primaryKey: "ref" }).waitTask(WAIT);
    await client.index(uid).updateSettings({ ...offersIndexSettings, synonyms: {} }).waitTask(WAIT);
    await client.index(uid).addDocuments(offers).waitTask(WAIT);
    expect(await refs(uid, "学费")).toEqual([]);
  });

  it("finds the welding course by 电焊 and the welder's need by 焊工", async () => {
    expect(await refs(offersUid, "电焊")).toEqual(["O-WELD"]);
    expect(await refs(needsUid, "焊工")).toEqual(["N-WELD"]);
  });

  it("finds the tuition story by the programme's words, in Chinese and English", async () => {
    expect(await refs(needsUid, "助学金")).toEqual(["N-FEES"]);
    expect(await refs(needsUid, "scholarship")).toEqual(["N-FEES"]);
  });

  it("filters by concept id", async () => {
    expect(await refs(offersUid, "", 'concepts = "welding"')).toEqual(["O-WELD"]);
    expect((await refs(offersUid, "", 'concepts IN ["tuition", "cooking"]')).sort()).toEqual(["O-COOK", "O-GRANT"]);
    expect(await refs(needsUid, "", 'concepts = "university-entry"')).toEqual(["N-FEES"]);
  });

  it("never shows the concept fields in a hit", async () => {
    const result = await client.index(offersUid).search("学费");
    expect(result.hits[0]).toBeDefined();
    expect(Object.keys(result.hits[0] ?? {})).not.toContain("concepts");
    expect(Object.keys(result.hits[0] ?? {})).not.toContain("conceptWords");
  });
});
