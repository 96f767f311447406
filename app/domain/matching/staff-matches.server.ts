// What union staff read of matches: every match of the needs in their region (the need's county in
// SQL, so another county's reference is a 404), by status, with how long each has waited; one
// match with its history; the matches of one need; the counts for the dashboard.
import { and, asc, count, desc, eq, inArray, lt } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import { notFound } from "../errors/domain-error";
import type { NeedCategory, NeedStatus } from "../needs/need-category";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import type { MatchEventRow } from "./match-events.server";
import { eventsOfMatches } from "./match-events.server";
import { MATCH_REFERENCE_PATTERN } from "./match-in-scope.server";
import type { MatchOrigin, MatchStatus } from "./match-status";
import { WAITING_MATCH_STATUSES } from "./match-status";
import { matchWaiting, overdueBefore } from "./match-waiting";

export interface StaffMatch {
  id: string;
  ref: string;
  status: MatchStatus;
  origin: MatchOrigin;
  message: string | null;
  score: string | null;
  reasons: string[];
  declineReason: string | null;
  outcomeNote: string | null;
  statusChangedAt: string;
  createdAt: string;
  waitingDays: number;
  isOverdue: boolean;
  need: { ref: string; title: string; category: NeedCategory; status: NeedStatus; regionCode: string };
  offer: { ref: string; title: string; category: NeedCategory; remainingCapacity: number; capacity: number; organisationName: string };
  caseworkerName: string | null;
}

export const STAFF_MATCHES_PAGE_SIZE = 50;

function staffMatchQuery(db: Database) {
  return db
    .select({
      id: matches.id,
      ref: matches.ref,
      status: matches.status,
      origin: matches.origin,
      message: matches.message,
      score: matches.score,
      reasons: matches.reasons,
      declineReason: matches.declineReason,
      outcomeNote: matches.outcomeNote,
      statusChangedAt: matches.statusChangedAt,
      createdAt: matches.createdAt,
      needRef: needs.ref,
      needTitle: needs.title,
      needCategory: needs.category,
      needStatus: needs.status,
      needRegionCode: needs.regionCode,
      offerRef: offers.ref,
      offerTitle: offers.title,
      offerCategory: offers.category,
      remainingCapacity: offers.remainingCapacity,
      capacity: offers.capacity,
      organisationName: organisations.name,
      caseworkerName: users.displayName,
    })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(users, eq(users.id, matches.caseworkerId));
}

type Row = Awaited<ReturnType<ReturnType<typeof staffMatchQuery>["execute"]>>[number];

function toStaffMatch(row: Row, now: Date): StaffMatch {
  return {
    id: row.id,
    ref: row.ref,
    status: row.status,
    origin: row.origin,
    message: row.message,
    score: row.score,
    reasons: row.reasons,
    declineReason: row.declineReason,
    outcomeNote: row.outcomeNote,
    statusChangedAt: row.statusChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    ...matchWaiting(row.status, row.statusChangedAt, now),
    need: { ref: row.needRef, title: row.needTitle, category: row.needCategory, status: row.needStatus, regionCode: row.needRegionCode },
    offer: { ref: row.offerRef, title: row.offerTitle, category: row.offerCategory, remainingCapacity: row.remainingCapacity, capacity: row.capacity, organisationName: row.organisationName },
    caseworkerName: row.caseworkerName,
  };
}

const statusesOf = (status: MatchStatus | readonly MatchStatus[] | undefined): MatchStatus[] | null => (status === undefined ? null : typeof status === "string" ? [status] : [...status]);

/**
 * Matches of the needs in the actor's region (union staff who read cases), by status. Waiting ones
 * come oldest first — the most overdue on top — the others newest first.
 */
export async function listStaffMatches(options: {
  db: Database;
  actor: Actor;
  status?: MatchStatus | readonly MatchStatus[];
  page?: number;
  now?: Date;
}): Promise<{ items: StaffMatch[]; total: number; page: number; pageSize: number }> {
  const scope = regionScope(options.actor, "read-cases");
  const statuses = statusesOf(options.status);
  const where = and(inRegionScope(needs.regionCode, scope), statuses ? inArray(matches.status, statuses) : undefined);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const waitingOnly = statuses !== null && statuses.length > 0 && statuses.every((s) => (WAITING_MATCH_STATUSES as readonly MatchStatus[]).includes(s));
  const [rows, [totals]] = await Promise.all([
    staffMatchQuery(options.db)
      .where(where)
      .orderBy(waitingOnly ? asc(matches.statusChangedAt) : desc(matches.statusChangedAt), asc(matches.id))
      .limit(STAFF_MATCHES_PAGE_SIZE)
      .offset((page - 1) * STAFF_MATCHES_PAGE_SIZE),
    options.db.select({ total: count() }).from(matches).innerJoin(needs, eq(needs.id, matches.needId)).where(where),
  ]);
  const now = options.now ?? new Date();
  return { items: rows.map((r) => toStaffMatch(r, now)), total: totals?.total ?? 0, page, pageSize: STAFF_MATCHES_PAGE_SIZE };
}

/**
 * For the staff dashboard (getCaseDashboard): providers' requests waiting on the union, and matches
 * waiting on anyone for more than MATCH_WAITING_FLAG_DAYS, in the actor's region (the need's county).
 */
export async function staffMatchCounts(options: { db: Database; actor: Actor; now?: Date }): Promise<{ requested: number; overdue: number }> {
  const scope = regionScope(options.actor, "read-cases");
  const inScope = inRegionScope(needs.regionCode, scope);
  const countWhere = async (where: SQL | undefined) => {
    const [row] = await options.db.select({ n: count() }).from(matches).innerJoin(needs, eq(needs.id, matches.needId)).where(and(inScope, where));
    return row?.n ?? 0;
  };
  const [requested, overdue] = await Promise.all([
    countWhere(eq(matches.status, "requested")),
    countWhere(and(inArray(matches.status, [...WAITING_MATCH_STATUSES]), lt(matches.statusChangedAt, overdueBefore(options.now)))),
  ]);
  return { requested, overdue };
}

/** One match of the actor's region with its history; 404 outside it. */
export async function getStaffMatch(options: { db: Database; actor: Actor; ref: string; now?: Date }): Promise<StaffMatch & { events: MatchEventRow[] }> {
  const scope = regionScope(options.actor, "read-cases");
  const [row] = MATCH_REFERENCE_PATTERN.test(options.ref) ? await staffMatchQuery(options.db).where(and(eq(matches.ref, options.ref), inRegionScope(needs.regionCode, scope))) : [];
  if (!row) throw notFound("matchNotFound", "No such match in your region.");
  return { ...toStaffMatch(row, options.now ?? new Date()), events: await eventsOfMatches(options.db, [row.id]) };
}

/**
 * Every match of one need, newest first, each with its history. The caller has found the need in
 * the actor's scope (getNeedInScope); this reads by its id.
 */
export async function matchesOfNeed(db: Database, needId: string, now: Date = new Date()): Promise<(StaffMatch & { events: MatchEventRow[] })[]> {
  const rows = await staffMatchQuery(db).where(eq(matches.needId, needId)).orderBy(desc(matches.createdAt), asc(matches.id));
  const events = await eventsOfMatches(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...toStaffMatch(r, now), events: events.filter((e) => e.matchId === r.id) }));
}
