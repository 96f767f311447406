// Households of a region for a staff report, counted in the database: by status, tier and hardship
// cause (the households registered by the end of the period, in their current status), and the
// registrations, exits and relapses of each month of the period.
//
// Where the moves come from: a registration is the case row's creation (every path — form,
// application, sheet and JSON import — inserts it); an exit or a relapse is a `case.status` row of
// the audit log, which `moveCase` writes in the transaction of every move with the status before
// and after. An import that changes a household's status writes one `case.import` row for the
// whole sheet, so such moves are not counted as exits or relapses.
import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { cases } from "../../../db/schema/cases";
import type { CaseStatus, CaseTier, HardshipCause } from "../cases/case-vocabulary";
import { CASE_STATUSES, CASE_TIERS, HARDSHIP_CAUSES } from "../cases/case-vocabulary";
import type { RegionScope } from "../regions/region-scope.server";
import { inRegionScope } from "../regions/region-scope.server";
import { chinaMonth } from "./report-sql.server";

export interface HouseholdFigures {
  /** Households registered by the end of the period. */
  total: number;
  byStatus: { status: CaseStatus; count: number }[];
  byTier: { tier: CaseTier; count: number }[];
  /** A household may have several causes, so these add up to more than the total. */
  byCause: { cause: HardshipCause; count: number }[];
  /** Every month of the period, oldest first. */
  byMonth: { month: string; registered: number; exited: number; relapsed: number }[];
}

/** The household figures of `region` (already within the actor's scope) for the period. */
export async function readHouseholdFigures(options: { db: Database; region: RegionScope; start: Date; end: Date; months: readonly string[] }): Promise<HouseholdFigures> {
  const { db, region, start, end } = options;
  const registeredByEnd = and(inRegionScope(cases.regionCode, region), lt(cases.createdAt, end));
  const cause = sql<string>`cause`;
  const registeredMonth = chinaMonth(cases.createdAt);
  const movedMonth = chinaMonth(auditLog.occurredAt);
  const after = sql`${auditLog.summary} -> 'after' ->> 'status'`;
  const before = sql`${auditLog.summary} -> 'before' ->> 'status'`;
  const [byStatus, byTier, byCause, registered, moves] = await Promise.all([
    db.select({ status: cases.status, n: count() }).from(cases).where(registeredByEnd).groupBy(cases.status),
    db.select({ tier: cases.tier, n: count() }).from(cases).where(registeredByEnd).groupBy(cases.tier),
    db
      .select({ cause, n: count() })
      .from(sql`${cases} cross join lateral unnest(${cases.causes}) as cause`)
      .where(registeredByEnd)
      .groupBy(cause),
    db
      .select({ month: registeredMonth, n: count() })
      .from(cases)
      .where(and(inRegionScope(cases.regionCode, region), gte(cases.createdAt, start), lt(cases.createdAt, end)))
      .groupBy(registeredMonth),
    db
      .select({
        month: movedMonth,
        exited: sql<number>`count(*) filter (where ${after} = 'exited')`.mapWith(Number),
        relapsed: sql<number>`count(*) filter (where ${before} = 'exited' and ${after} = 'assisting')`.mapWith(Number),
      })
      .from(auditLog)
      .where(and(eq(auditLog.action, "case.status"), inRegionScope(auditLog.regionCode, region), gte(auditLog.occurredAt, start), lt(auditLog.occurredAt, end)))
      .groupBy(movedMonth),
  ]);
  const statusCounts = CASE_STATUSES.map((status) => ({ status, count: byStatus.find((r) => r.status === status)?.n ?? 0 }));
  return {
    total: statusCounts.reduce((sum, r) => sum + r.count, 0),
    byStatus: statusCounts,
    byTier: CASE_TIERS.map((tier) => ({ tier, count: byTier.find((r) => r.tier === tier)?.n ?? 0 })),
    byCause: HARDSHIP_CAUSES.map((c) => ({ cause: c, count: byCause.find((r) => r.cause === c)?.n ?? 0 })),
    byMonth: options.months.map((month) => {
      const moved = moves.find((r) => r.month === month);
      return { month, registered: registered.find((r) => r.month === month)?.n ?? 0, exited: moved?.exited ?? 0, relapsed: moved?.relapsed ?? 0 };
    }),
  };
}
