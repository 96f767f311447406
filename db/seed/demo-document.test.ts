import { describe, expect, it } from "vitest";
import { residentIdSex } from "../../app/domain/cases/resident-id";
import { parseImportDocument } from "../../app/domain/import/import-document";
import { NEED_CATEGORIES } from "../../app/domain/needs/need-category";
import { findPii } from "../../app/domain/privacy/pii-guard";
import { loadRegions } from "../regions/regions";
import { buildDemoDocument } from "./demo-document";
import { DEMO_PLACES } from "./demo-places";

const demo = buildDemoDocument();
const organisations = demo.organisations ?? [];
const cases = demo.cases ?? [];
const needs = cases.flatMap((c) => c.needs ?? []);
const offers = demo.offers ?? [];

describe("the demo data set", () => {
  it("is a valid import document", () => {
    const parsed = parseImportDocument(demo);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it("is byte-identical for the same seed and differs for another", () => {
    expect(JSON.stringify(buildDemoDocument())).toBe(JSON.stringify(demo));
    expect(JSON.stringify(buildDemoDocument({ seed: 7 }))).toBe(JSON.stringify(buildDemoDocument({ seed: 7 })));
    expect(JSON.stringify(buildDemoDocument({ seed: 7 }))).not.toBe(JSON.stringify(demo));
  });

  it.each([1, 2, 3, 99, 2026])("stays valid with seed %i", (seed) => {
    const parsed = parseImportDocument(buildDemoDocument({ seed }));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it("has enough of everything", () => {
    expect(organisations.filter((o) => o.kind === "union").length).toBeGreaterThanOrEqual(8);
    expect(organisations.filter((o) => o.kind !== "union").length).toBeGreaterThanOrEqual(20);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(needs.length).toBeGreaterThanOrEqual(100);
    expect(offers.length).toBeGreaterThanOrEqual(50);
  });

  it("has needs, published needs and offers in every category", () => {
    const categories = (items: { category: string }[]) => [...new Set(items.map((i) => i.category))].sort();
    const all = [...NEED_CATEGORIES].sort();
    expect(categories(needs)).toEqual(all);
    expect(categories(needs.filter((n) => n.publish))).toEqual(all);
    expect(categories(offers)).toEqual(all);
  });

  it("shows pending organisations and needs that are not published", () => {
    expect(organisations.filter((o) => o.verified === false).length).toBeGreaterThanOrEqual(2);
    expect(cases.filter((c) => !c.consent).length).toBeGreaterThanOrEqual(2);
    expect(needs.filter((n) => !n.publish).length).toBeGreaterThan(0);
  });

  it("lists every parent union before its children, and only unions register cases", () => {
    const seen = new Map<string, string>();
    for (const o of organisations) {
      if (o.parent) {
        expect(seen.get(o.parent), o.key).toBe("union");
        const parent = organisations.find((p) => p.key === o.parent);
        expect(parent && o.region.startsWith(parent.region), o.key).toBe(true);
      }
      seen.set(o.key, o.kind);
    }
    for (const c of cases) {
      const union = organisations.find((o) => o.key === c.organisation);
      expect(union?.kind, c.key).toBe("union");
      expect(union && c.region.startsWith(union.region), c.key).toBe(true);
    }
    const keys = new Set(organisations.map((o) => o.key));
    for (const o of offers) expect(keys.has(o.organisation), o.key).toBe(true);
  });

  it("places every household in a county of the places the project grew from", () => {
    const regions = new Map(loadRegions().map((r) => [r.code, r]));
    for (const c of cases) {
      const region = regions.get(c.region);
      expect(region?.level, c.key).toBe("county");
      expect(region?.path.some((code) => DEMO_PLACES.includes(code)), c.key).toBe(true);
    }
    for (const o of [...organisations.map((org) => org.region), ...offers.flatMap((offer) => offer.regions)]) {
      expect(regions.has(o), o).toBe(true);
    }
  });

  it("gives every head an obviously fake identity that agrees with itself", () => {
    for (const { key, head } of cases) {
      expect(head.phone, key).toMatch(/^19900005\d{3}$/);
      expect(head.idNumber.slice(14, 16), key).toBe("99");
      expect(head.idNumber.slice(6, 10), key).toBe(String(head.birthYear));
      expect(residentIdSex(head.idNumber), key).toBe(head.sex);
      expect(head.address, key).toContain("演示村");
    }
  });

  it("never puts an identity into a need's title or story", () => {
    for (const c of cases) {
      const { name, idNumber, phone, address } = c.head;
      for (const need of c.needs ?? []) {
        for (const text of [need.title, need.story]) {
          for (const value of [name, idNumber, phone, address, "演示村"]) expect(text, need.key).not.toContain(value);
          expect(text, need.key).not.toMatch(/1[3-9]\d{9}/);
          expect(text, need.key).not.toMatch(/\d{17}[\dXx]/);
          expect(text, need.key).not.toMatch(/\d{16,19}/);
          expect(findPii(text, c.head), need.key).toEqual([]);
        }
      }
    }
  });

  it("writes amounts as whole-yuan text, and asks for money only in money categories", () => {
    const moneyCategories = new Set(["tuition", "medical", "living", "housing", "goods", "enterprise"]);
    for (const need of needs) {
      if (moneyCategories.has(need.category)) expect(need.amount, need.key).toMatch(/^[1-9]\d*\.00$/);
      else expect(need.amount ?? null, need.key).toBeNull();
    }
    for (const c of cases) expect(c.monthlyIncomePerHead, c.key).toMatch(/^\d+\.(00|50)$/);
  });

  it("writes about one need in ten in English", () => {
    const english = needs.filter((n) => /^[A-Z]/.test(n.title)).length;
    expect(english).toBeGreaterThan(needs.length * 0.04);
    expect(english).toBeLessThan(needs.length * 0.2);
  });

  it("dates offers from the given day", () => {
    const doc = buildDemoDocument({ today: new Date(Date.UTC(2030, 0, 15)) });
    for (const o of doc.offers ?? []) {
      expect(o.validUntil, o.key).toMatch(/^2031-/);
      expect(o.validFrom && o.validFrom <= "2030-01-15", o.key).toBe(true);
    }
    const heads = (doc.cases ?? []).map((c) => c.head.birthYear);
    expect(Math.max(...heads)).toBeLessThanOrEqual(2030 - 25);
  });
});
