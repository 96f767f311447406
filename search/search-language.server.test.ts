// How the index settings behave on real Chinese and English text, against the real binary.
import type { Meilisearch } from "meilisearch";
import { MeilisearchApiError } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicNeedSource } from "../app/domain/needs/public-need";
import { toPublicNeed } from "../app/domain/needs/public-need";
import { toPublicOffer } from "../app/domain/offers/public-offer";
import { ensureIndexes, settingsHeld } from "./ensure-indexes.server";
import { toNeedDocument, toOfferDocument } from "./index-documents";
import { NEEDS_INDEX, OFFERS_INDEX, indexName, needsIndexSettings, offersIndexSettings } from "./index-settings";
import type { TestSearch } from "../tests/search-fixture";
import { startTestSearch } from "../tests/search-fixture";

const PREFIX = "lang";
const WAIT = { timeout: 60_000 };
const today = new Date("2026-11-20T00:00:00Z");

const xiangyun = { code: "532923", path: ["53", "5329", "532923"], nameZh: "云南省大理白族自治州祥云县", nameEn: "Xiangyun County, Dali, Yunnan" };
const nanming = { code: "520102", path: ["52", "5201", "520102"], nameZh: "贵州省贵阳市南明区", nameEn: "Nanming District, Guiyang, Guizhou" };
const chengguan = { code: "620102", path: ["62", "6201", "620102"], nameZh: "甘肃省兰州市城关区", nameEn: "Chengguan District, Lanzhou, Gansu" };

function need(source: Partial<PublicNeedSource> & Pick<PublicNeedSource, "ref" | "title">) {
  return toPublicNeed(
    {
      version: 1,
      category: "job",
      story: "",
      skills: [],
      status: "published",
      targetAmount: null,
      publishedAt: new Date("2026-10-02T00:00:00Z"),
      updatedAt: new Date("2026-11-02T00:00:00Z"),
      caseBirthYear: 1981,
      caseTier: "general",
      region: xiangyun,
      ...source,
    },
    today,
  );
}

const needs = [
  need({ ref: "N-WATER", title: "寻找水电维修工作", story: "在工地做了十年水电，想找稳定的活。", skills: ["水电工"] }),
  need({ ref: "N-ENGLISH", title: "Looking for electrician work", story: "Ten years wiring houses.", skills: [], region: nanming }),
  need({ ref: "N-SCHOOL", category: "tuition", title: "女儿上大学", story: "家里交不起学费。", targetAmount: "5000.00", region: chengguan, caseTier: "severe" }),
  // A Japanese loanword in katakana: left to language detection, the whole title is tokenized as
  // Japanese and its Chinese words (厨师) can no longer be found.
  need({ ref: "N-KANA", title: "会做ラーメン的厨师找工作", story: "以前在餐馆打工。", targetAmount: "800.00" }),
];

const offer = toPublicOffer({
  ref: "O-TRAIN",
  version: 1,
  category: "training",
  offerType: "course",
  details: { certificate: "电工上岗证" },
  title: "电工上岗证免费培训",
  description: "人社局组织的职业技能培训，考试合格发证。",
  skills: ["电工"],
  status: "open",
  capacity: 30,
  remainingCapacity: 12,
  amount: null,
  validFrom: "2026-09-01",
  validUntil: "2026-12-31",
  updatedAt: new Date("2026-10-15T00:00:00Z"),
  organisation: { name: "祥云县人力资源和社会保障局", kind: "government" },
  regions: [{ code: "53", path: ["53"], nameZh: "云南省", nameEn: "Yunnan" }],
});

let search: TestSearch;
let client: Meilisearch;

beforeAll(async () => {
  // The run's Meilisearch (tests/global-setup.ts), under this file's own index names.
  search = await startTestSearch({ indexPrefix: PREFIX });
  client = search.client;
  // Indexed as the outbox indexes them: the public projection and the index's own fields.
  const added = await client.index(indexName(NEEDS_INDEX, PREFIX)).addDocuments(needs.map((n) => toNeedDocument(n, "none"))).waitTask(WAIT);
  expect(added.status).toBe("succeeded");
  const offered = await client.index(indexName(OFFERS_INDEX, PREFIX)).addDocuments([toOfferDocument(offer)]).waitTask(WAIT);
  expect(offered.status).toBe("succeeded");
});

afterAll(async () => {
  await search?.meili.stop();
});

async function refsFor(query: string, options: { filter?: string; index?: string } = {}): Promise<string[]> {
  const result = await client.index(options.index ?? indexName(NEEDS_INDEX, PREFIX)).search(query, { filter: options.filter });
  return result.hits.map((hit) => String(hit.ref));
}

describe("needs index language behaviour", () => {
  it("finds a 水电工 need by 电工 (a term of its vocabulary group: segmentation alone splits it 水电 + 工)", async () => {
    expect(await refsFor("电工")).toContain("N-WATER");
  });

  it("does not find it by 电工 without the documents' skill and concept words, so they are what work", async () => {
    const uid = indexName(NEEDS_INDEX, "nowords");
    await client.createIndex(uid, { primaryKey: "ref" }).waitTask(WAIT);
    await client.index(uid).updateSettings(needsIndexSettings).waitTask(WAIT);
    await client.index(uid).addDocuments(needs).waitTask(WAIT);

    expect(await refsFor("电工", { index: uid })).not.toContain("N-WATER");
    expect(await refsFor("水电工", { index: uid })).toContain("N-WATER");
  });

  it("finds the Chinese-only need by the English electrician", async () => {
    expect(await refsFor("electrician")).toEqual(expect.arrayContaining(["N-WATER", "N-ENGLISH"]));
  });

  it("finds the English-titled need despite a typo (electrican)", async () => {
    expect(await refsFor("electrican")).toContain("N-ENGLISH");
  });

  it("finds a tuition need by 助学 when its story says 学费", async () => {
    expect(await refsFor("助学")).toEqual(["N-SCHOOL"]);
  });

  it("finds the Chinese words of a title that holds a katakana word", async () => {
    expect(await refsFor("厨师")).toEqual(["N-KANA"]);
  });

  it("matches region names in Chinese and in English", async () => {
    expect(await refsFor("甘肃")).toEqual(["N-SCHOOL"]);
    expect(await refsFor("Guizhou")).toEqual(["N-ENGLISH"]);
  });
});

describe("needs index filters", () => {
  it("filters by a region and every region below it", async () => {
    expect((await refsFor("", { filter: 'regionPath = "53"' })).sort()).toEqual(["N-KANA", "N-WATER"]);
  });

  it("ranks the more urgent need first when relevance is equal", async () => {
    expect(await refsFor("", { filter: "targetAmount IS NOT NULL" })).toEqual(["N-SCHOOL", "N-KANA"]);
  });

  it("refuses a range filter on a money amount, which would compare it as text", async () => {
    await expect(refsFor("", { filter: "targetAmount > 1000" })).rejects.toThrow(MeilisearchApiError);
  });
});

describe("offers index", () => {
  const offers = indexName(OFFERS_INDEX, PREFIX);

  it("finds an offer by its organisation's name and by another term of a skill's group", async () => {
    expect(await refsFor("人力资源", { index: offers })).toEqual(["O-TRAIN"]);
    expect(await refsFor("electrician", { index: offers })).toEqual(["O-TRAIN"]);
  });

  it("filters by organisation kind and remaining capacity", async () => {
    const filter = 'organisationKind = "government" AND remainingCapacity > 0 AND validUntil >= "2026-11-20"';
    expect(await refsFor("", { index: offers, filter })).toEqual(["O-TRAIN"]);
  });
});

describe("ensureIndexes", () => {
  it("runs again on existing indexes without touching their documents", async () => {
    await ensureIndexes(client, { indexPrefix: PREFIX });
    const stats = await client.index(indexName(NEEDS_INDEX, PREFIX)).getStats();
    expect(stats.numberOfDocuments).toBe(needs.length);
  });

  it("finds the settings in code held by the indexes it set up, and so sends no settings task again", async () => {
    const uids = [indexName(NEEDS_INDEX, PREFIX), indexName(OFFERS_INDEX, PREFIX)];
    expect(settingsHeld(needsIndexSettings, await client.index(uids[0] ?? "").getSettings())).toBe(true);
    expect(settingsHeld(offersIndexSettings, await client.index(uids[1] ?? "").getSettings())).toBe(true);
    const settingsTasks = async () => (await client.tasks.getTasks({ indexUids: uids, types: ["settingsUpdate"], limit: 1000 })).results.length;
    const before = await settingsTasks();
    await ensureIndexes(client, { indexPrefix: PREFIX });
    expect(await settingsTasks()).toBe(before);
    // A setting that differs is applied.
    expect(settingsHeld({ ...needsIndexSettings, stopWords: ["的"] }, await client.index(uids[0] ?? "").getSettings())).toBe(false);
  });
});
