// A union's report on relief in its region for a period (staff: union admins, caseworkers and
// auditors): households, needs, matches and money, each counted or summed in the database within
// the actor's region scope, and the same headline figures for each region one level below, to drill
// down into. Aggregates only: no household, name, ID number or phone is read. Pages, downloads and
// the printable summary all call this one function.
import type { Database } from "../../../db/client.server";
import type { Actor } from "../auth/actor";
import { isWithinRegion } from "../auth/permissions";
import { forbidden, invalid } from "../errors/domain-error";
import type { RegionDirectory, RegionEntry } from "../regions/region-directory.server";
import { getRegionDirectory } from "../regions/region-directory.server";
import { regionScope } from "../regions/region-scope.server";
import type { ChildRegionFigures } from "./child-region-figures.server";
import { readChildRegionFigures } from "./child-region-figures.server";
import type { HouseholdFigures } from "./household-figures.server";
import { readHouseholdFigures } from "./household-figures.server";
import type { MatchFigures } from "./match-figures.server";
import { readMatchFigures } from "./match-figures.server";
import type { MoneyFigures } from "./money-figures.server";
import { moneyFiguresOf, readLedgerMoney } from "./money-figures.server";
import type { NeedFigures } from "./need-figures.server";
import { readNeedFigures } from "./need-figures.server";
import type { ReportQuery } from "./report-period";
import { periodBounds, periodMonths } from "./report-period";

export interface RegionReport {
  /** The report's region, and the regions from the actor's own down to it (for the way back up). */
  region: RegionEntry;
  trail: RegionEntry[];
  period: ReportQuery["period"];
  months: string[];
  households: HouseholdFigures;
  needs: NeedFigures;
  matches: MatchFigures;
  money: MoneyFigures;
  /** One row per region below (and one for the region's own unions' money, if any). */
  children: (ChildRegionFigures & { entry: RegionEntry })[];
}

/**
 * The region a report asks for (`requested`, or the actor's own when null), the regions from the
 * actor's own down to it, and the directory. Forbidden outside the actor's region `scope`.
 */
export async function reportRegionOf(db: Database, scope: string, requested: string | null): Promise<{ directory: RegionDirectory; region: RegionEntry; trail: RegionEntry[] }> {
  const code = requested ?? scope;
  if (!isWithinRegion(scope, code)) throw forbidden("This region is outside your union's region.");
  const directory = await getRegionDirectory(db);
  const region = directory.get(code);
  if (!region) throw invalid("region: there is no such region.");
  return { directory, region, trail: directory.trail(code).filter((entry) => isWithinRegion(scope, entry.code)) };
}

/**
 * The report for `query.region` (the actor's own region when null) and period. Forbidden for
 * anyone who does not read cases, and for a region outside the actor's.
 */
export async function readRegionReport(options: { db: Database; actor: Actor; query: ReportQuery }): Promise<RegionReport> {
  const scope = regionScope(options.actor, "read-cases");
  const { db } = options;
  const { directory, region, trail } = await reportRegionOf(db, scope, options.query.region);
  const { code } = region;
  const { period } = options.query;
  const { start, end } = periodBounds(period);
  const months = periodMonths(period);
  const childEntries = directory.children(code);
  // The ledger is read once, for the report's money and each child's.
  const ledger = readLedgerMoney({ db, region: code, period });
  const [households, needs, matches, money, children] = await Promise.all([
    readHouseholdFigures({ db, region: code, start, end, months }),
    readNeedFigures({ db, region: code, start, end }),
    readMatchFigures({ db, region: code, start, end }),
    ledger.then((rows) => moneyFiguresOf(rows, months)),
    readChildRegionFigures({ db, region: code, children: childEntries.map((c) => c.code), start, end, money: ledger }),
  ]);
  return {
    region,
    trail,
    period,
    months,
    households,
    needs,
    matches,
    money,
    children: children.map((row) => ({ ...row, entry: directory.get(row.code) ?? region })),
  };
}
