// The money part of a region's report, for a union's finance staff (report-access.server.ts): the
// same money figures and drill-down amounts as readRegionReport, within the actor's region, and
// nothing about households, needs or matches.
import type { Database } from "../../../db/client.server";
import type { Actor } from "../auth/actor";
import { staffRegion } from "../auth/permissions";
import { forbidden } from "../errors/domain-error";
import type { Money } from "../money/money";
import type { RegionEntry } from "../regions/region-directory.server";
import { readChildRegionFigures } from "./child-region-figures.server";
import type { MoneyFigures } from "./money-figures.server";
import { moneyFiguresOf, readLedgerMoney } from "./money-figures.server";
import { reportRegionOf } from "./region-report.server";
import { reportAccessOf } from "./report-access.server";
import type { ReportQuery } from "./report-period";
import { periodBounds, periodMonths } from "./report-period";

export interface RegionMoneyReport {
  region: RegionEntry;
  trail: RegionEntry[];
  period: ReportQuery["period"];
  months: string[];
  money: MoneyFigures;
  /** Received and disbursed by the unions of each region below (and the region's own unions, if any). */
  children: { code: string; entry: RegionEntry; received: Money; disbursed: Money }[];
}

/**
 * The money report for `query.region` (the actor's own region when null) and period. Forbidden for
 * anyone who reads no report, and for a region outside the actor's.
 */
export async function readRegionMoneyReport(options: { db: Database; actor: Actor; query: ReportQuery }): Promise<RegionMoneyReport> {
  const scope = staffRegion(options.actor);
  if (!scope || !reportAccessOf(options.actor)) throw forbidden("Only union staff read their region's reports.");
  const { db } = options;
  const { directory, region, trail } = await reportRegionOf(db, scope, options.query.region);
  const { code } = region;
  const { period } = options.query;
  const { start, end } = periodBounds(period);
  const months = periodMonths(period);
  const ledger = readLedgerMoney({ db, region: code, period });
  // The other columns of the drill-down are counted too, and dropped here: only amounts leave.
  const children = await readChildRegionFigures({ db, region: code, children: directory.children(code).map((c) => c.code), start, end, money: ledger });
  const money = moneyFiguresOf(await ledger, months);
  return {
    region,
    trail,
    period,
    months,
    money,
    children: children.map((row) => ({ code: row.code, entry: directory.get(row.code) ?? region, received: row.received, disbursed: row.disbursed })),
  };
}
