// Needs of a region for a staff report, counted in the database: the needs recorded in the period
// by category and their status now, and how long the needs published in the period waited — in
// days, the median from publication to the first match (a provider's request or a caseworker's
// proposal, the match row's creation) and to the first match its provider reported fulfilled (the
// `match_events` row, written with every move of a match).
import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { matchEvents, matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import type { NeedCategory, NeedStatus } from "../needs/need-category";
import { NEED_CATEGORIES, NEED_STATUSES } from "../needs/need-category";
import type { RegionScope } from "../regions/region-scope.server";
import { inRegionScope } from "../regions/region-scope.server";

export interface NeedWaits {
  /** Needs first published in the period. */
  published: number;
  /** Of those, how many have had a match, and the median days to the first (null when none). */
  proposed: number;
  medianDaysToProposal: number | null;
  /** Of those, how many were fulfilled, and the median days to it. */
  fulfilled: number;
  medianDaysToFulfilment: number | null;
}

export interface NeedFigures {
  /** Needs recorded in the period. */
  total: number;
  /** Every category with every status, zeros included. */
  byCategory: { category: NeedCategory; total: number; byStatus: { status: NeedStatus; count: number }[] }[];
  byStatus: { status: NeedStatus; count: number }[];
  waits: NeedWaits;
}

const days = (from: unknown, to: unknown) => sql`extract(epoch from (${to} - ${from})) / 86400.0`;

/** The need figures of `region` (within the actor's scope) for the period. */
export async function readNeedFigures(options: { db: Database; region: RegionScope; start: Date; end: Date }): Promise<NeedFigures> {
  const { db, region, start, end } = options;
  const inScope = inRegionScope(needs.regionCode, region);
  const firstMatch = db
    .select({ needId: matches.needId, at: sql<Date>`min(${matches.createdAt})`.as("first_match_at") })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .where(and(inScope, gte(needs.publishedAt, start), lt(needs.publishedAt, end)))
    .groupBy(matches.needId)
    .as("first_match");
  const firstFulfilled = db
    .select({ needId: matches.needId, at: sql<Date>`min(${matchEvents.occurredAt})`.as("fulfilled_at") })
    .from(matchEvents)
    .innerJoin(matches, eq(matches.id, matchEvents.matchId))
    .innerJoin(needs, eq(needs.id, matches.needId))
    .where(and(eq(matchEvents.toStatus, "fulfilled"), inScope, gte(needs.publishedAt, start), lt(needs.publishedAt, end)))
    .groupBy(matches.needId)
    .as("first_fulfilled");
  const median = (at: unknown) =>
    // greatest() skips a null, so the needs that never got there are filtered out first.
    sql<string | null>`round((percentile_cont(0.5) within group (order by greatest(${days(needs.publishedAt, at)}, 0)) filter (where ${at} is not null))::numeric, 1)::text`;
  const [byCategoryStatus, [waits]] = await Promise.all([
    db
      .select({ category: needs.category, status: needs.status, n: count() })
      .from(needs)
      .where(and(inScope, gte(needs.createdAt, start), lt(needs.createdAt, end)))
      .groupBy(needs.category, needs.status),
    db
      .select({
        published: count(),
        proposed: count(firstMatch.at),
        medianDaysToProposal: median(firstMatch.at),
        fulfilled: count(firstFulfilled.at),
        medianDaysToFulfilment: median(firstFulfilled.at),
      })
      .from(needs)
      .leftJoin(firstMatch, eq(firstMatch.needId, needs.id))
      .leftJoin(firstFulfilled, eq(firstFulfilled.needId, needs.id))
      .where(and(inScope, gte(needs.publishedAt, start), lt(needs.publishedAt, end))),
  ]);
  const cell = (category: NeedCategory, status: NeedStatus) => byCategoryStatus.find((r) => r.category === category && r.status === status)?.n ?? 0;
  const byCategory = NEED_CATEGORIES.map((category) => {
    const byStatus = NEED_STATUSES.map((status) => ({ status, count: cell(category, status) }));
    return { category, total: byStatus.reduce((sum, r) => sum + r.count, 0), byStatus };
  });
  const byStatus = NEED_STATUSES.map((status) => ({ status, count: byCategoryStatus.filter((r) => r.status === status).reduce((sum, r) => sum + r.n, 0) }));
  const toDays = (text: string | null | undefined) => (text === null || text === undefined ? null : Number(text));
  return {
    total: byStatus.reduce((sum, r) => sum + r.count, 0),
    byCategory,
    byStatus,
    waits: {
      published: waits?.published ?? 0,
      proposed: waits?.proposed ?? 0,
      medianDaysToProposal: toDays(waits?.medianDaysToProposal),
      fulfilled: waits?.fulfilled ?? 0,
      medianDaysToFulfilment: toDays(waits?.medianDaysToFulfilment),
    },
  };
}
