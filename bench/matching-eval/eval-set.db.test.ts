// The labelled evaluation set of matching (bench/matching-eval.ts reads it): it imports with the
// real importer, its labels and forbidden pairs name needs and offers that exist, and no labelled
// offer breaks a hard rule (so the labels ask only for what the engine may suggest).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { parseImportDocument } from "../../app/domain/import/import-document";
import type { ImportDocument } from "../../app/domain/import/import-document";
import { importDocument } from "../../app/domain/import/import-document.server";
import { offerCategoriesFor } from "../../app/domain/matching/category-compatibility";
import { conceptsIn } from "../../app/domain/matching/concepts";
import { createTestDatabase } from "../../tests/database";
import { createTestCipher } from "../../tests/identity";

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8"));
const labels = read("./labels.json") as Record<string, Record<string, number>>;
const forbidden = read("./forbidden.json") as [string, string][];
const TODAY = "2026-12-04";

let handle: DatabaseHandle;
let document: ImportDocument;

beforeAll(async () => {
  handle = await createTestDatabase();
  const parsed = parseImportDocument(read("./eval-set.json"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  document = parsed.document;
});
afterAll(() => handle.close());

const needsOf = () => document.cases.flatMap((c) => c.needs.map((need) => ({ ...need, region: c.region })));

describe("the matching evaluation set", () => {
  it("imports with the real importer", async () => {
    const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    expect(Object.keys(imported.result.needs).length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(imported.result.offers).length).toBeGreaterThanOrEqual(50);
  });

  it("has obviously fake heads of household", () => {
    for (const c of document.cases) {
      expect(c.head.name).toMatch(/^评测户\d+$/);
      expect(c.head.address).toMatch(/评测村.*（Eval）$/);
      expect(c.head.phone).toMatch(/^19900009\d{3}$/);
    }
  });

  it("labels every need, with at least one ideal offer, naming only existing keys", () => {
    const needKeys = new Set(needsOf().map((need) => need.key));
    const offerKeys = new Set(document.offers.map((offer) => offer.key));
    expect(Object.keys(labels).sort()).toEqual([...needKeys].sort());
    for (const [need, graded] of Object.entries(labels)) {
      expect(Object.values(graded), need).toContain(2);
      for (const [offer, grade] of Object.entries(graded)) {
        expect(offerKeys.has(offer), offer).toBe(true);
        expect([1, 2]).toContain(grade);
      }
    }
    for (const [need, offer] of forbidden) {
      expect(needKeys.has(need), need).toBe(true);
      expect(offerKeys.has(offer), offer).toBe(true);
      expect(labels[need]?.[offer], `${need} ${offer}`).toBeUndefined();
    }
  });

  it("labels only offers the hard rules allow: open, valid, with room, covering the need's county, in a compatible category", () => {
    const offers = new Map(document.offers.map((offer) => [offer.key, offer]));
    for (const need of needsOf()) {
      for (const key of Object.keys(labels[need.key] ?? {})) {
        const offer = offers.get(key);
        const where = `${need.key} → ${key}`;
        expect(offer?.status, where).toBe("open");
        expect(offer && offer.capacity > 0, where).toBe(true);
        expect(offer && (offer.validUntil === null || offer.validUntil >= TODAY), where).toBe(true);
        expect(offer?.regions.some((region) => need.region.startsWith(region)), where).toBe(true);
        expect(offer && offerCategoriesFor(need.category).includes(offer.category), where).toBe(true);
      }
    }
  });

  it("forbids, for every need, each offer that is expired, paused, closed, draft or full, and some out of region", () => {
    const unusable = document.offers.filter((o) => o.status !== "open" || o.capacity === 0 || (o.validUntil !== null && o.validUntil < TODAY)).map((o) => o.key);
    expect(unusable.length).toBeGreaterThanOrEqual(7);
    for (const need of needsOf()) {
      const theirs = new Set(forbidden.filter(([n]) => n === need.key).map(([, o]) => o));
      for (const key of unusable) expect(theirs.has(key), `${need.key} ${key}`).toBe(true);
    }
    const offers = new Map(document.offers.map((offer) => [offer.key, offer]));
    const outOfRegion = forbidden.filter(([n, o]) => {
      const need = needsOf().find((x) => x.key === n);
      return need && !offers.get(o)?.regions.some((region) => need.region.startsWith(region));
    });
    expect(outOfRegion.length).toBeGreaterThanOrEqual(15);
  });

  it("gives every need and offer a concept of its own category", () => {
    const texts = [
      ...needsOf().map((need) => ({ key: need.key, category: need.category, text: [need.title, need.story, ...need.skills].join("\n") })),
      ...document.offers.map((offer) => ({ key: offer.key, category: offer.category, text: [offer.title, offer.description, ...offer.skills].join("\n") })),
    ];
    const without = texts.filter(({ category, text }) => !conceptsIn(text).some((concept) => concept.categories.includes(category))).map(({ key }) => key);
    expect(without).toEqual([]);
  });
});
