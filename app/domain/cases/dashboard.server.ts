// The caseworker's dashboard: what needs attention in their region — follow-up visits
// due (动态监测), the cases by status and tier, needs published long ago and still unmatched, and
// what colleagues did lately. Every query carries the region scope; no identity column is read.
import { and, asc, count, desc, eq, inArray, isNotNull, lt, lte, ne, notExists, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { cases } from "../../../db/schema/cases";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import type { Actor } from "../auth/actor";
import { OPEN_MATCH_STATUSES } from "../matching/match-status";
import { staffMatchCounts } from "../matching/staff-matches.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import { CASE_STATUSES, CASE_TIERS } from "./case-vocabulary";

/** Follow-ups are listed from a week ahead, so a visit can be planned. */
export const FOLLOW_UP_HORIZON_DAYS = 7;
/** A published need nobody matched within a month needs a look (its story, its category, its offers). */
export const STALE_NEED_DAYS = 30;
const LIST_LIMIT = 20;
const ACTIVITY_LIMIT = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The unions work in China's time: "today" is the calendar day in UTC+8, whatever the server's zone. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const chinaDay = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Everything the dashboard shows, for the actor's region. */
export async function getCaseDashboard(options: { db: Database; actor: Actor; now?: Date }) {
  const scope = regionScope(options.actor, "read-cases");
  const now = options.now ?? new Date();
  const today = chinaDay(now);
  const horizon = chinaDay(new Date(now.getTime() + FOLLOW_UP_HORIZON_DAYS * DAY_MS));
  const staleBefore = new Date(now.getTime() - STALE_NEED_DAYS * DAY_MS);
  const { db } = options;
  const caseScope = inRegionScope(cases.regionCode, scope);
  const dueWhere = and(caseScope, isNotNull(cases.followUpOn), lte(cases.followUpOn, horizon));
  const needScope = inRegionScope(needs.regionCode, scope);
  // A need with a match in play, or one its provider fulfilled, is being helped: not "unmatched".
  const hasMatch = db
    .select({ one: sql`1` })
    .from(matches)
    .where(and(eq(matches.needId, needs.id), inArray(matches.status, [...OPEN_MATCH_STATUSES, "fulfilled"])));
  const staleWhere = and(needScope, eq(needs.status, "published"), lt(needs.publishedAt, staleBefore), notExists(hasMatch));

  const [followUps, [dueTotal], byStatus, byTier, staleNeeds, [staleTotal], activity, matchCounts] = await Promise.all([
    db
      .select({ id: cases.id, caseNumber: cases.caseNumber, regionCode: cases.regionCode, status: cases.status, tier: cases.tier, followUpOn: cases.followUpOn })
      .from(cases)
      .where(dueWhere)
      .orderBy(asc(cases.followUpOn), asc(cases.id))
      .limit(LIST_LIMIT),
    db.select({ n: count() }).from(cases).where(dueWhere),
    db.select({ status: cases.status, n: count() }).from(cases).where(caseScope).groupBy(cases.status),
    db.select({ tier: cases.tier, n: count() }).from(cases).where(caseScope).groupBy(cases.tier),
    db
      .select({ ref: needs.ref, title: needs.title, category: needs.category, regionCode: needs.regionCode, publishedAt: needs.publishedAt })
      .from(needs)
      .where(staleWhere)
      .orderBy(asc(needs.publishedAt), asc(needs.ref))
      .limit(LIST_LIMIT),
    db.select({ n: count() }).from(needs).where(staleWhere),
    db
      .select({
        id: auditLog.id,
        occurredAt: auditLog.occurredAt,
        actorEmail: auditLog.actorEmail,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        // A case is named by its number; the CASE keeps anything but a case's uuid from the cast.
        caseNumber: sql<string | null>`case when ${auditLog.entity} = 'case' and ${auditLog.entityId} ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
          then (select c.case_number from cases c where c.id = ${auditLog.entityId}::uuid) end`,
      })
      .from(auditLog)
      // Account events (sign-ins, password changes) are about people, not the region's records.
      .where(and(inRegionScope(auditLog.regionCode, scope), ne(auditLog.entity, "user")))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(ACTIVITY_LIMIT),
    // The matching module's counts, in the same region (the need's county).
    staffMatchCounts({ db, actor: options.actor, now }),
  ]);

  // Every status and tier, in lifecycle order, zeros included: an empty row says something too.
  const statusCounts = CASE_STATUSES.map((status) => ({ status, count: byStatus.find((r) => r.status === status)?.n ?? 0 }));
  const tierCounts = CASE_TIERS.map((tier) => ({ tier, count: byTier.find((r) => r.tier === tier)?.n ?? 0 }));
  return {
    today,
    followUps: {
      total: dueTotal?.n ?? 0,
      items: followUps.map((c) => ({ ...c, followUpOn: c.followUpOn ?? today, overdue: (c.followUpOn ?? today) < today })),
    },
    cases: { total: byStatus.reduce((sum, r) => sum + r.n, 0), byStatus: statusCounts, byTier: tierCounts },
    staleNeeds: {
      total: staleTotal?.n ?? 0,
      items: staleNeeds.map((n) => ({ ...n, publishedAt: n.publishedAt ?? staleBefore, daysPublished: Math.floor((now.getTime() - (n.publishedAt ?? staleBefore).getTime()) / DAY_MS) })),
    },
    activity,
    /** Providers' requests for the union to review, and matches waiting on anyone for over a week. */
    matches: matchCounts,
  };
}

export type CaseDashboard = Awaited<ReturnType<typeof getCaseDashboard>>;
