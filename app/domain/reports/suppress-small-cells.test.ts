// Small-cell suppression: the cells it hides, the subtraction case across a row and across the
// region hierarchy, and properties over random tables of regions × categories.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Equation, Suppression } from "./suppress-small-cells";
import { SMALL_CELL_THRESHOLD, publicCount, suppressAlong, suppressSmallCells } from "./suppress-small-cells";

const cells = (entries: Record<string, number>) => new Map(Object.entries(entries));
const hiddenKeys = (hidden: ReadonlyMap<string, Suppression>) => [...hidden.keys()].sort();

/** What a reader learns of a hidden member of `equation` by one subtraction, if exactly one is hidden. */
function bySubtraction(equation: Equation, counts: ReadonlyMap<string, number>, hidden: ReadonlyMap<string, Suppression>): string | null {
  const members = [equation.total, ...equation.parts];
  const unknown = members.filter((m) => hidden.has(m));
  return unknown.length === 1 ? (unknown[0] ?? null) : null;
}

describe("suppressSmallCells", () => {
  it("hides 1–4, shows 0 and 5 or more", () => {
    const counts = cells({ a: 0, b: 1, c: 4, d: 5, e: 12 });
    const hidden = suppressSmallCells(counts, []);
    expect(hiddenKeys(hidden)).toEqual(["b", "c"]);
    expect(publicCount(counts, hidden, "a")).toEqual({ value: 0, hidden: null });
    expect(publicCount(counts, hidden, "b")).toEqual({ value: null, hidden: "small" });
    expect(publicCount(counts, hidden, "d")).toEqual({ value: 5, hidden: null });
    expect(SMALL_CELL_THRESHOLD).toBe(5);
  });

  it("hides the next-smallest cell of a row whose total is shown, so the small one cannot be subtracted", () => {
    // total 20 = 3 + 5 + 12: with 3 alone hidden, 20 − 5 − 12 gives it back.
    const counts = cells({ total: 20, a: 3, b: 5, c: 12 });
    const hidden = suppressSmallCells(counts, [{ total: "total", parts: ["a", "b", "c"] }]);
    expect(Object.fromEntries(hidden)).toEqual({ a: "small", b: "complementary" });
  });

  it("never picks a zero as the complement: it protects nothing", () => {
    const counts = cells({ total: 9, a: 2, z: 0, b: 7 });
    const hidden = suppressSmallCells(counts, [{ total: "total", parts: ["a", "z", "b"] }]);
    expect(Object.fromEntries(hidden)).toEqual({ a: "small", b: "complementary" });
  });

  it("hides the total when no other part can protect the small one", () => {
    const counts = cells({ total: 7, a: 3, b: 0, c: 4 });
    // 3 and 4 are both hidden, but the total 7 minus a "<5" gives 3–6 for the other: not pinned down.
    expect(hiddenKeys(suppressSmallCells(counts, [{ total: "total", parts: ["a", "b", "c"] }]))).toEqual(["a", "c"]);
    // 8 = 4 + 4: both "<5" cells must be 4, so the total goes too.
    const fours = cells({ total: 8, a: 4, b: 4 });
    expect(Object.fromEntries(suppressSmallCells(fours, [{ total: "total", parts: ["a", "b"] }]))).toEqual({ a: "small", b: "small", total: "complementary" });
  });

  it("protects a prefecture from its province total minus the other prefectures, and the province from the site", () => {
    // Site 53 (Yunnan) + 44: Yunnan 20 = Dali 3 + Kunming 9 + Qujing 8; Guangdong 30 = one prefecture.
    const counts = cells({ site: 50, "53": 20, "5329": 3, "5301": 9, "5303": 8, "44": 30, "4401": 30 });
    const equations: Equation[] = [
      { total: "site", parts: ["53", "44"] },
      { total: "53", parts: ["5329", "5301", "5303"] },
      { total: "44", parts: ["4401"] },
    ];
    const hidden = suppressSmallCells(counts, equations);
    expect(Object.fromEntries(hidden)).toEqual({ "5329": "small", "5303": "complementary" });
    for (const equation of equations) expect(bySubtraction(equation, counts, hidden)).toBeNull();
  });

  it("carries a complement up the hierarchy when it leaves a province alone in its row", () => {
    // Province 53 is 4 (hidden); the site total 30 minus province 44 would give it back, so 44 is
    // hidden too, and then 44's only prefecture would give 44 away, so it goes as well.
    const counts = cells({ site: 30, "53": 4, "5329": 4, "44": 26, "4401": 26 });
    const equations: Equation[] = [
      { total: "site", parts: ["53", "44"] },
      { total: "53", parts: ["5329"] },
      { total: "44", parts: ["4401"] },
    ];
    const hidden = suppressSmallCells(counts, equations);
    expect(hiddenKeys(hidden)).toEqual(["44", "4401", "53", "5329"]);
    for (const equation of equations) expect(bySubtraction(equation, counts, hidden)).toBeNull();
  });

  it("hides a cell of needs whose households are fewer than 5, whatever the number of needs", () => {
    const counts = cells({ total: 20, job: 7, medical: 13 });
    const households = cells({ total: 9, job: 3, medical: 6 });
    const hidden = suppressSmallCells(counts, [{ total: "total", parts: ["job", "medical"] }], { householdsOf: (k) => households.get(k) });
    expect(Object.fromEntries(hidden)).toEqual({ job: "small", medical: "complementary" });
  });

  it("never hides a fixed cell, and counts it as known", () => {
    const counts = cells({ total: 10, own: 6, a: 4 });
    const hidden = suppressSmallCells(counts, [{ total: "total", parts: ["own", "a"] }], { isFixed: (k) => k === "own" });
    expect(Object.fromEntries(hidden)).toEqual({ a: "small", total: "complementary" });
  });

  it("refuses a count that is not a whole number", () => {
    expect(() => suppressSmallCells(cells({ a: 1.5 }), [])).toThrow(RangeError);
    expect(() => suppressSmallCells(cells({ a: -1 }), [])).toThrow(RangeError);
  });
});

describe("suppressAlong", () => {
  it("hides the primary cells and a complement where one would be alone in a sum", () => {
    const amounts = new Map([
      ["site", 100],
      ["a", 30],
      ["b", 20],
      ["c", 50],
    ]);
    const hidden = suppressAlong([{ total: "site", parts: ["a", "b", "c"] }], ["a"], { isFixed: (k) => k === "site", smallerFirst: (x, y) => (amounts.get(x) ?? 0) - (amounts.get(y) ?? 0) });
    expect(Object.fromEntries(hidden)).toEqual({ a: "small", b: "complementary" });
  });

  it("hides a zero to protect an amount when the other parts are all zero and the total is public", () => {
    // The site's totals are public elsewhere: 300 − 0 would give the hidden region's 300 back.
    const amounts = new Map([
      ["site", 300],
      ["a", 300],
      ["b", 0],
    ]);
    const hidden = suppressAlong([{ total: "site", parts: ["a", "b"] }], ["a"], { isFixed: (k) => k === "site", smallerFirst: (x, y) => (amounts.get(x) ?? 0) - (amounts.get(y) ?? 0) });
    expect(Object.fromEntries(hidden)).toEqual({ a: "small", b: "complementary" });
  });
});

// A random table: a site of 1–4 provinces of 1–4 prefectures each, counts by category in every
// prefecture (0–12, so small cells are common), rolled up into provinces and the site, with totals.
const tableArbitrary = fc
  .record({
    categories: fc.integer({ min: 1, max: 4 }),
    provinces: fc.array(fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ categories, provinces }) => {
    const counts = new Map<string, number>();
    const equations: Equation[] = [];
    const add = (key: string, value: number) => counts.set(key, (counts.get(key) ?? 0) + value);
    const cats = Array.from({ length: categories }, (_, c) => `c${c}`);
    const key = (region: string, cat: string) => `${region}|${cat}`;
    provinces.forEach((prefectures, p) => {
      const province = `p${p}`;
      prefectures.forEach((values, q) => {
        const prefecture = `${province}-${q}`;
        cats.forEach((cat, c) => {
          const value = values[c] ?? 0;
          for (const region of [prefecture, province, "site"]) {
            add(key(region, cat), value);
            add(key(region, "total"), value);
          }
        });
      });
      for (const cat of [...cats, "total"]) equations.push({ total: key(province, cat), parts: prefectures.map((_, q) => key(`${province}-${q}`, cat)) });
    });
    for (const cat of [...cats, "total"]) equations.push({ total: key("site", cat), parts: provinces.map((_, p) => key(`p${p}`, cat)) });
    for (const region of new Set([...counts.keys()].map((k) => k.split("|")[0] ?? ""))) equations.push({ total: key(region, "total"), parts: cats.map((cat) => key(region, cat)) });
    return { counts, equations };
  });

describe("suppression properties", () => {
  it("hides every cell of 1–4 households and shows every zero", () => {
    fc.assert(
      fc.property(tableArbitrary, ({ counts, equations }) => {
        const hidden = suppressSmallCells(counts, equations);
        for (const [k, v] of counts) {
          if (v > 0 && v < SMALL_CELL_THRESHOLD) expect(hidden.get(k)).toBe("small");
          if (v === 0) expect(hidden.has(k)).toBe(false);
        }
      }),
    );
  });

  it("leaves no hidden value that a single subtraction of shown figures gives back", () => {
    fc.assert(
      fc.property(tableArbitrary, ({ counts, equations }) => {
        const hidden = suppressSmallCells(counts, equations);
        for (const equation of equations) expect(bySubtraction(equation, counts, hidden)).toBeNull();
      }),
    );
  });

  it("leaves no hidden value pinned down by a sum and the bounds the page shows (<5, or 5 and more)", () => {
    fc.assert(
      fc.property(tableArbitrary, ({ counts, equations }) => {
        const hidden = suppressSmallCells(counts, equations);
        const bounds = (k: string): [number, number] => {
          const why = hidden.get(k);
          const v = counts.get(k) ?? 0;
          return why === undefined ? [v, v] : why === "small" ? [1, 4] : [5, Number.POSITIVE_INFINITY];
        };
        for (const { total, parts } of equations) {
          for (const member of [total, ...parts].filter((m) => hidden.has(m))) {
            // The member's range from the others: total − Σ other parts, or Σ parts for the total.
            const others = parts.filter((p) => p !== member);
            const sumLow = others.reduce((s, p) => s + bounds(p)[0], 0);
            const sumHigh = others.reduce((s, p) => s + bounds(p)[1], 0);
            const [low, high] = member === total ? [sumLow, sumHigh] : [bounds(total)[0] - sumHigh, bounds(total)[1] - sumLow];
            const [ownLow, ownHigh] = bounds(member);
            expect(Math.max(low, ownLow) === Math.min(high, ownHigh), `${member} pinned down in ${total}`).toBe(false);
          }
        }
      }),
    );
  });

  it("hides a cell only when it is small or protects one", () => {
    fc.assert(
      fc.property(tableArbitrary, ({ counts, equations }) => {
        const hidden = suppressSmallCells(counts, equations);
        for (const [k, why] of hidden) if (why === "complementary") expect(counts.get(k) ?? 0).toBeGreaterThanOrEqual(SMALL_CELL_THRESHOLD);
        if (![...counts.values()].some((v) => v > 0 && v < SMALL_CELL_THRESHOLD)) expect(hidden.size).toBe(0);
      }),
    );
  });
});
