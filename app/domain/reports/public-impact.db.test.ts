// The public impact figures on a small site whose counts are worked out by hand (tests/impact-fixture.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import { seedImpactSite } from "../../../tests/impact-fixture";
import { moneyToString } from "../money/money";
import type { PublicImpact } from "./public-impact.server";
import { readPublicImpact } from "./public-impact.server";
import type { PublicMoney } from "./public-impact-table.server";
import type { PublicCount } from "./suppress-small-cells";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedImpactSite(handle.db);
}, 60_000);
afterAll(() => handle?.close());

async function impact(region?: string): Promise<PublicImpact> {
  const found = await readPublicImpact({ db: handle.db, region });
  if (!found) throw new Error(`no region ${region}`);
  return found;
}

const shown = (count: PublicCount) => (count.hidden ? count.hidden : count.value);
const cash = (amount: PublicMoney) => (amount.hidden ? amount.hidden : moneyToString(amount.amount));

/** Every count a page or the API would show, with where it is. */
function countsOf(report: PublicImpact): [string, PublicCount][] {
  const { households, needs, matches } = report.figures;
  return [
    ["registered", households.registered],
    ["helped", households.helped],
    ...households.byTier.map((t): [string, PublicCount] => [t.tier, t.count]),
    ...households.byCause.map((c): [string, PublicCount] => [c.cause, c.count]),
    ["published", needs.published],
    ["fulfilled", needs.fulfilled],
    ...needs.byCategory.flatMap((c): [string, PublicCount][] => [
      [`published ${c.category}`, c.published],
      [`fulfilled ${c.category}`, c.fulfilled],
    ]),
    ["matches", matches.fulfilled],
    ...matches.byProviderKind.map((k): [string, PublicCount] => [k.kind, k.fulfilled]),
    ...report.children.flatMap((c): [string, PublicCount][] => [
      [`${c.code} registered`, c.registered],
      [`${c.code} helped`, c.helped],
    ]),
  ];
}

describe("public impact figures", () => {
  it("counts the whole site: households, helped, needs and matches", async () => {
    const site = await impact();
    expect(site.region).toBeNull();
    expect(shown(site.figures.households.registered)).toBe(18);
    expect(shown(site.figures.households.helped)).toBe(11);
    expect(shown(site.figures.needs.published)).toBe(18);
    expect(shown(site.figures.needs.fulfilled)).toBe(11);
    expect(shown(site.figures.matches.fulfilled)).toBe(5);
    expect(site.figures.matches.byProviderKind.map((k) => [k.kind, shown(k.fulfilled)])).toContainEqual(["employer", 5]);
    expect(site.figures.households.byCause.find((c) => c.cause === "disability")?.count).toEqual({ value: 15, hidden: null });
    expect(site.children.map((c) => [c.code, shown(c.registered), shown(c.helped)])).toEqual([
      ["44", 7, 6],
      ["53", 11, 5],
    ]);
  });

  it("hides a prefecture of 3 households as <5, and its neighbour, so the province total minus the shown prefectures gives nothing", async () => {
    const yunnan = await impact("53");
    expect(yunnan.region).toMatchObject({ code: "53", level: "province", nameEn: "Yunnan Province" });
    expect(shown(yunnan.figures.households.registered)).toBe(11);
    const children = Object.fromEntries(yunnan.children.map((c) => [c.code, shown(c.registered)]));
    // 11 − Dali would give Kunming's 3 back: Dali (8) is hidden too.
    expect(children).toEqual({ "5301": "small", "5329": "complementary" });
    const kunming = await impact("5301");
    expect(kunming.trail.map((r) => r.code)).toEqual(["53"]);
    expect(shown(kunming.figures.households.registered)).toBe("small");
    expect(shown(kunming.figures.households.helped)).toBe(0);
    expect(shown((await impact("5329")).figures.households.registered)).toBe("complementary");
  });

  it("hides a tier of 2 and the next-smallest tier of the same row", async () => {
    const yunnan = await impact("53");
    // 11 = general 9 + sudden 0 + severe 2: with severe alone hidden, 11 − 9 gives it back.
    expect(Object.fromEntries(yunnan.figures.households.byTier.map((t) => [t.tier, shown(t.count)]))).toEqual({ general: "complementary", sudden: 0, severe: "small" });
  });

  it("never shows a count from 1 to 4 in any region", async () => {
    for (const region of [undefined, "53", "44", "5329", "5301", "4401", "11"]) {
      for (const [where, count] of countsOf(await impact(region))) {
        if (count.value !== null) expect(count.value === 0 || count.value >= 5, `${region ?? "site"} ${where}: ${count.value}`).toBe(true);
      }
    }
  });

  it("shows money only where at least 5 households were helped, protecting it from subtraction too", async () => {
    const site = await impact();
    expect(cash(site.figures.money.received)).toBe("1300.00");
    expect(site.figures.money.bySource.map((s) => [s.source, cash(s.amount)])).toEqual([
      ["government", "300.00"],
      ["union", "0.00"],
      ["donations", "1000.00"],
    ]);
    expect(cash((await impact("53")).figures.money.received)).toBe("1300.00");
    // Kunming helped nobody yet: its ¥300 is not shown, nor Dali's ¥1,000, which 1300 − 1000 would betray.
    expect(cash((await impact("5301")).figures.money.received)).toBe("small");
    expect(cash((await impact("5329")).figures.money.received)).toBe("complementary");
    expect(cash((await impact("44")).figures.money.received)).toBe("0.00");
  });

  it("refuses a county or a malformed code, and finds no unknown region", async () => {
    await expect(readPublicImpact({ db: handle.db, region: "532923" })).rejects.toMatchObject({ kind: "invalid" });
    await expect(readPublicImpact({ db: handle.db, region: "5x" })).rejects.toMatchObject({ kind: "invalid" });
    expect(await readPublicImpact({ db: handle.db, region: "99" })).toBeNull();
  });
});
