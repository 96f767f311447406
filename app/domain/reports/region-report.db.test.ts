// The staff report's figures on a small region counted by hand (tests/report-fixture.ts), and its
// scope: a county's report never counts another county, a prefecture's counts both, and no one
// outside the region — or without a case-reading role — gets any figure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import { refusal } from "../../../tests/finance-fixture";
import type { ReportWorld } from "../../../tests/report-fixture";
import { seedReportWorld } from "../../../tests/report-fixture";
import type { Actor } from "../auth/actor";
import type { Money } from "../money/money";
import { moneyToString } from "../money/money";
import { chinaToday, defaultReportPeriod } from "./report-period";
import { readRegionReport } from "./region-report.server";

let handle: DatabaseHandle;
let world: ReportWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await seedReportWorld(handle);
}, 120_000);
afterAll(() => handle?.close());

const yuan = (amount: Money) => moneyToString(amount);
const thisMonth = () => chinaToday(new Date()).slice(0, 7);
const report = (actor: Actor, region: string | null = null) => readRegionReport({ db: handle.db, actor, query: { period: defaultReportPeriod(new Date()), region } });
const pairs = <T extends Record<string, unknown>>(rows: readonly T[], key: keyof T, value: keyof T) => Object.fromEntries(rows.map((r) => [String(r[key]), r[value]]));

describe("a county's report", () => {
  it("counts its households by status, tier and cause, and this month's registrations, exits and relapses", async () => {
    const { households } = await report(world.actors.xyCaseworker);
    expect(households.total).toBe(4);
    expect(pairs(households.byStatus, "status", "count")).toEqual({ registered: 1, verified: 0, assisting: 2, exited: 1 });
    expect(pairs(households.byTier, "tier", "count")).toEqual({ general: 2, sudden: 1, severe: 1 });
    expect(pairs(households.byCause, "cause", "count")).toEqual({ illness: 2, disability: 1, unemployment: 1, education: 0, housing: 1, accident: 0, disaster: 0, other: 0 });
    expect(households.byMonth).toHaveLength(12);
    expect(households.byMonth.at(-1)).toEqual({ month: thisMonth(), registered: 4, exited: 2, relapsed: 1 });
    expect(households.byMonth.slice(0, -1).every((m) => m.registered === 0 && m.exited === 0 && m.relapsed === 0)).toBe(true);
  });

  it("counts its needs by category and status, and the median waits of those published in the period", async () => {
    const { needs } = await report(world.actors.xyCaseworker);
    expect(needs.total).toBe(3);
    expect(pairs(needs.byStatus, "status", "count")).toMatchObject({ draft: 0, published: 2, fulfilled: 1, matched: 0 });
    const job = needs.byCategory.find((c) => c.category === "job");
    expect(job?.total).toBe(1);
    expect(pairs(job?.byStatus ?? [], "status", "count")).toMatchObject({ fulfilled: 1, published: 0 });
    expect(needs.byCategory.find((c) => c.category === "medical")?.total).toBe(1);
    expect(needs.byCategory.find((c) => c.category === "tuition")?.total).toBe(1);
    // Published 10, 4 and 2 days ago; the first two were matched now, the first fulfilled now.
    expect(needs.waits).toEqual({ published: 3, proposed: 2, medianDaysToProposal: 7, fulfilled: 1, medianDaysToFulfilment: 10 });
  });

  it("counts its matches by the kind of provider and outcome", async () => {
    const { matches } = await report(world.actors.xyCaseworker);
    expect(matches.total).toBe(2);
    const kinds = Object.fromEntries(matches.byProviderKind.filter((k) => k.total > 0).map((k) => [k.kind, pairs(k.byStatus.filter((s) => s.count > 0), "status", "count")]));
    expect(kinds).toEqual({ employer: { fulfilled: 1 }, charity: { declined: 1 } });
  });

  it("sums its union's money by source, month and category, net of a reversed receipt", async () => {
    const { money } = await report(world.actors.xyCaseworker);
    expect(yuan(money.received)).toBe("1300.00");
    expect(money.bySource.map((s) => [s.source, yuan(s.amount)])).toEqual([
      ["government", "1000.00"],
      ["union", "0.00"],
      ["donations", "300.00"],
    ]);
    expect(yuan(money.allocated)).toBe("200.00");
    expect(yuan(money.disbursed)).toBe("150.00");
    const month = money.byMonth.at(-1);
    expect([month?.month, yuan(month?.received ?? money.received), yuan(month?.allocated ?? money.received), yuan(month?.disbursed ?? money.received)]).toEqual([thisMonth(), "1300.00", "200.00", "150.00"]);
    const categories = Object.fromEntries(money.byCategory.map((c) => [c.category, [yuan(c.allocated), yuan(c.disbursed)]]));
    expect(categories.tuition).toEqual(["200.00", "0.00"]);
    expect(categories.medical).toEqual(["0.00", "150.00"]);
    expect(categories.general).toEqual(["0.00", "0.00"]);
  });

  it("never counts another county's households, needs, matches or money", async () => {
    const bc = await report(world.actors.bcCaseworker);
    expect(bc.households.total).toBe(1);
    expect(pairs(bc.households.byCause, "cause", "count")).toMatchObject({ accident: 1, illness: 0, disability: 0 });
    expect(bc.needs.total).toBe(1);
    expect(bc.matches.total).toBe(1);
    expect(yuan(bc.money.received)).toBe("500.00");
    expect(yuan(bc.money.disbursed)).toBe("0.00");
    expect(bc.children).toEqual([]);
  });

  it("names no household", async () => {
    const text = JSON.stringify(await report(world.actors.daliAuditor));
    for (const name of world.householdNames) expect(text).not.toContain(name);
  });
});

describe("a prefecture's report", () => {
  it("counts both counties, and each county in its own drill-down row", async () => {
    const dali = await report(world.actors.daliAuditor);
    expect(dali.region.code).toBe("5329");
    expect(dali.households.total).toBe(5);
    expect(yuan(dali.money.received)).toBe("1800.00");
    expect(dali.children.every((c) => c.code.startsWith("5329") && c.code.length === 6)).toBe(true);
    const row = (code: string) => {
      const found = dali.children.find((c) => c.code === code);
      return found && { ...found, entry: found.entry.code, received: yuan(found.received), disbursed: yuan(found.disbursed) };
    };
    expect(row("532923")).toEqual({ code: "532923", entry: "532923", households: 4, registered: 4, exited: 2, relapsed: 1, needs: 3, needsFulfilled: 1, matches: 2, matchesFulfilled: 1, received: "1300.00", disbursed: "150.00" });
    expect(row("532924")).toMatchObject({ households: 1, registered: 1, exited: 0, needs: 1, matches: 1, received: "500.00", disbursed: "0.00" });
    expect(row("532901")).toMatchObject({ households: 0, needs: 0, received: "0.00" });
  });

  it("drills down to a county with the county's figures only", async () => {
    const county = await report(world.actors.daliAuditor, "532924");
    expect(county.households.total).toBe(1);
    expect(county.trail.map((r) => r.code)).toEqual(["5329", "532924"]);
  });
});

describe("who may read a report", () => {
  it("refuses a county's staff the county next door and the prefecture above", async () => {
    expect(await refusal(report(world.actors.bcCaseworker, "532923"))).toMatchObject({ status: 403 });
    expect(await refusal(report(world.actors.xyCaseworker, "5329"))).toMatchObject({ status: 403 });
  });

  it("refuses finance staff and providers, who do not read cases", async () => {
    expect(await refusal(report(world.actors.xyFinanceOnly))).toMatchObject({ status: 403 });
    expect(await refusal(report(world.actors.employer))).toMatchObject({ status: 403 });
  });
});
