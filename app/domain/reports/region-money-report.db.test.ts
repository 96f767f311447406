// The money part of a region's report, for a union's finance staff: the same sums as the whole
// report, within the actor's region, and nothing about households, needs or matches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import { refusal } from "../../../tests/finance-fixture";
import type { ReportWorld } from "../../../tests/report-fixture";
import { seedReportWorld } from "../../../tests/report-fixture";
import type { Actor } from "../auth/actor";
import { moneyToString } from "../money/money";
import { readRegionMoneyReport } from "./region-money-report.server";
import { readRegionReport } from "./region-report.server";
import { reportAccessOf } from "./report-access.server";
import { defaultReportPeriod } from "./report-period";

let handle: DatabaseHandle;
let world: ReportWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await seedReportWorld(handle);
}, 120_000);
afterAll(() => handle?.close());

const query = (region: string | null = null) => ({ period: defaultReportPeriod(new Date()), region });
const moneyReport = (actor: Actor, region: string | null = null) => readRegionMoneyReport({ db: handle.db, actor, query: query(region) });

describe("the money report", () => {
  it("gives finance staff their county's money, the same as the whole report's, and nothing else", async () => {
    expect(reportAccessOf(world.actors.xyFinanceOnly)).toBe("money");
    const report = await moneyReport(world.actors.xyFinanceOnly);
    const whole = await readRegionReport({ db: handle.db, actor: world.actors.xyCaseworker, query: query() });
    expect(report.region.code).toBe("532923");
    expect(moneyToString(report.money.received)).toBe("1300.00");
    expect(report.money).toEqual(whole.money);
    expect(Object.keys(report).sort()).toEqual(["children", "money", "months", "period", "region", "trail"]);
  });

  it("gives a prefecture's reader each county's received and disbursed, and no other column", async () => {
    const report = await moneyReport(world.actors.daliAuditor);
    const row = report.children.find((c) => c.code === "532924");
    expect(row && Object.keys(row).sort()).toEqual(["code", "disbursed", "entry", "received"]);
    expect(row && moneyToString(row.received)).toBe("500.00");
  });

  it("refuses another county's region and those who read no report", async () => {
    expect(await refusal(moneyReport(world.actors.bcFinance, "532923"))).toMatchObject({ status: 403 });
    expect(await refusal(moneyReport(world.actors.xyFinanceOnly, "5329"))).toMatchObject({ status: 403 });
    expect(reportAccessOf(world.actors.employer)).toBeNull();
    expect(await refusal(moneyReport(world.actors.employer))).toMatchObject({ status: 403 });
  });
});
