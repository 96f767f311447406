// The drill-down table of a staff report: the headline figures of each region one level below the
// report's (each county of a prefecture, each prefecture of a province), each query grouped by the
// child code in the database. A county has none. Money is kept in a union's books, so a union of
// the report's own region (a prefecture's federation of trade unions) is a row of its own.
import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { cases } from "../../../db/schema/cases";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import type { Money } from "../money/money";
import type { RegionScope } from "../regions/region-scope.server";
import { inRegionScope } from "../regions/region-scope.server";
import { childRegionOf } from "./report-sql.server";
import type { LedgerMoneyRow } from "./money-figures.server";
import { movedOf, receivedOf } from "./money-figures.server";

export interface ChildRegionFigures {
  /** The child region's code, or the report's own region for the money in its own union's books. */
  code: string;
  households: number;
  registered: number;
  exited: number;
  relapsed: number;
  needs: number;
  needsFulfilled: number;
  matches: number;
  matchesFulfilled: number;
  received: Money;
  disbursed: Money;
}

/**
 * Figures per child of `region` (within the actor's scope); `children` are their codes, in order.
 * The money is the report's own read of the ledger (readLedgerMoney), already by child.
 */
export async function readChildRegionFigures(options: {
  db: Database;
  region: RegionScope;
  children: readonly string[];
  start: Date;
  end: Date;
  /** The report's read of the ledger, or the promise of it (the counts here are read meanwhile). */
  money: readonly LedgerMoneyRow[] | Promise<readonly LedgerMoneyRow[]>;
}): Promise<ChildRegionFigures[]> {
  const { db, region, start, end } = options;
  if (!options.children.length) return [];
  const caseChild = childRegionOf(cases.regionCode, region);
  const auditChild = childRegionOf(auditLog.regionCode, region);
  const needChild = childRegionOf(needs.regionCode, region);
  const inPeriod = (column: typeof cases.createdAt | typeof needs.createdAt | typeof matches.createdAt) => and(gte(column, start), lt(column, end));
  const [households, moves, needRows, matchRows] = await Promise.all([
    db
      .select({
        code: caseChild,
        households: count(),
        registered: sql<number>`count(*) filter (where ${cases.createdAt} >= ${start})`.mapWith(Number),
      })
      .from(cases)
      .where(and(inRegionScope(cases.regionCode, region), lt(cases.createdAt, end)))
      .groupBy(caseChild),
    db
      .select({
        code: auditChild,
        exited: sql<number>`count(*) filter (where ${auditLog.summary} -> 'after' ->> 'status' = 'exited')`.mapWith(Number),
        relapsed: sql<number>`count(*) filter (where ${auditLog.summary} -> 'before' ->> 'status' = 'exited' and ${auditLog.summary} -> 'after' ->> 'status' = 'assisting')`.mapWith(Number),
      })
      .from(auditLog)
      .where(and(eq(auditLog.action, "case.status"), inRegionScope(auditLog.regionCode, region), gte(auditLog.occurredAt, start), lt(auditLog.occurredAt, end)))
      .groupBy(auditChild),
    db
      .select({ code: needChild, needs: count(), fulfilled: sql<number>`count(*) filter (where ${needs.status} = 'fulfilled')`.mapWith(Number) })
      .from(needs)
      .where(and(inRegionScope(needs.regionCode, region), inPeriod(needs.createdAt)))
      .groupBy(needChild),
    db
      .select({ code: needChild, matches: count(), fulfilled: sql<number>`count(*) filter (where ${matches.status} = 'fulfilled')`.mapWith(Number) })
      .from(matches)
      .innerJoin(needs, eq(needs.id, matches.needId))
      .where(and(inRegionScope(needs.regionCode, region), inPeriod(matches.createdAt)))
      .groupBy(needChild),
  ]);
  const ledger = await options.money;
  const ownBooks = ledger.some((r) => r.code === region);
  const codes = ownBooks ? [...options.children, region] : options.children;
  return codes.map((code) => {
    const h = households.find((r) => r.code === code);
    const m = moves.find((r) => r.code === code);
    const n = needRows.find((r) => r.code === code);
    const x = matchRows.find((r) => r.code === code);
    const money = ledger.filter((r) => r.code === code);
    return {
      code,
      households: h?.households ?? 0,
      registered: h?.registered ?? 0,
      exited: m?.exited ?? 0,
      relapsed: m?.relapsed ?? 0,
      needs: n?.needs ?? 0,
      needsFulfilled: n?.fulfilled ?? 0,
      matches: x?.matches ?? 0,
      matchesFulfilled: x?.fulfilled ?? 0,
      received: receivedOf(money),
      disbursed: movedOf(money, "disbursement"),
    };
  });
}
