// What a provider reads of the matches of its own organisation's offers (another organisation's
// reference is a 404). The need is shown only as its public projection (toPublicNeed), and only
// while it is public; the household is never named. Once the provider has accepted, it gets the
// union's contact for the match: the caseworker's name and email, the union's name and phone.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { cases } from "../../../db/schema/cases";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import { notFound } from "../errors/domain-error";
import type { PublicNeed } from "../needs/public-need";
import { getPublicNeedsByRefs } from "../needs/public-needs.server";
import { eventsOfMatches } from "./match-events.server";
import { MATCH_REFERENCE_PATTERN, providerOrganisationOf } from "./match-in-scope.server";
import type { MatchOrigin, MatchStatus } from "./match-status";
import { matchWaiting } from "./match-waiting";

/** Statuses in which the provider has the union's contact for the match. */
export const CONTACT_MATCH_STATUSES = ["accepted", "fulfilled", "failed"] as const satisfies readonly MatchStatus[];

export interface ProviderMatch {
  ref: string;
  status: MatchStatus;
  origin: MatchOrigin;
  message: string | null;
  declineReason: string | null;
  outcomeNote: string | null;
  statusChangedAt: string;
  createdAt: string;
  waitingDays: number;
  isOverdue: boolean;
  needRef: string;
  /** The need's public projection, or null when it is not public (any more). */
  need: PublicNeed | null;
  offer: { ref: string; title: string; remainingCapacity: number; capacity: number };
}

export interface ProviderMatchEvent {
  from: MatchStatus | null;
  to: MatchStatus;
  note: string | null;
  occurredAt: string;
  side: "union" | "provider" | "system";
  /** The name of the provider's own member who made the step; union staff are "the union". */
  actorName: string | null;
}

export interface UnionContact {
  unionName: string;
  unionPhone: string | null;
  caseworkerName: string | null;
  caseworkerEmail: string | null;
}

function providerMatchQuery(db: Database) {
  return db
    .select({
      id: matches.id,
      ref: matches.ref,
      status: matches.status,
      origin: matches.origin,
      message: matches.message,
      declineReason: matches.declineReason,
      outcomeNote: matches.outcomeNote,
      statusChangedAt: matches.statusChangedAt,
      createdAt: matches.createdAt,
      caseworkerId: matches.caseworkerId,
      needRef: needs.ref,
      caseOrganisationId: cases.organisationId,
      offerRef: offers.ref,
      offerTitle: offers.title,
      remainingCapacity: offers.remainingCapacity,
      capacity: offers.capacity,
    })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .innerJoin(offers, eq(offers.id, matches.offerId));
}

type Row = Awaited<ReturnType<ReturnType<typeof providerMatchQuery>["execute"]>>[number];

async function toProviderMatches(db: Database, rows: Row[], now: Date): Promise<ProviderMatch[]> {
  const publicNeeds = await getPublicNeedsByRefs(db, [...new Set(rows.map((r) => r.needRef))]);
  const byRef = new Map(publicNeeds.map((n) => [n.ref, n]));
  return rows.map((r) => ({
    ref: r.ref,
    status: r.status,
    origin: r.origin,
    message: r.message,
    declineReason: r.declineReason,
    outcomeNote: r.outcomeNote,
    statusChangedAt: r.statusChangedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    ...matchWaiting(r.status, r.statusChangedAt, now),
    needRef: r.needRef,
    need: byRef.get(r.needRef) ?? null,
    offer: { ref: r.offerRef, title: r.offerTitle, remainingCapacity: r.remainingCapacity, capacity: r.capacity },
  }));
}

/** The provider's inbox: matches of its organisation's offers, those waiting on it first, then newest. */
export async function listOrganisationMatches(options: { db: Database; actor: Actor; status?: MatchStatus | readonly MatchStatus[]; now?: Date }): Promise<ProviderMatch[]> {
  const organisationId = providerOrganisationOf(options.actor);
  const statuses = options.status === undefined ? null : typeof options.status === "string" ? [options.status] : [...options.status];
  const rows = await providerMatchQuery(options.db)
    .where(and(eq(offers.organisationId, organisationId), statuses ? inArray(matches.status, statuses) : undefined))
    .orderBy(desc(eq(matches.status, "proposed")), desc(matches.statusChangedAt), asc(matches.id))
    .limit(500);
  return toProviderMatches(options.db, rows, options.now ?? new Date());
}

/** One match of the provider's offers, with its history and, once accepted, the union's contact. */
export async function getProviderMatch(options: {
  db: Database;
  actor: Actor;
  ref: string;
  now?: Date;
}): Promise<ProviderMatch & { events: ProviderMatchEvent[]; contact: UnionContact | null }> {
  const organisationId = providerOrganisationOf(options.actor);
  const [row] = MATCH_REFERENCE_PATTERN.test(options.ref)
    ? await providerMatchQuery(options.db).where(and(eq(matches.ref, options.ref), eq(offers.organisationId, organisationId)))
    : [];
  if (!row) throw notFound("matchNotFound", "No such match of your organisation's offers.");
  const [match] = await toProviderMatches(options.db, [row], options.now ?? new Date());
  if (!match) throw notFound("matchNotFound", "No such match of your organisation's offers.");
  const events = (await eventsOfMatches(options.db, [row.id])).map((e) => ({
    from: e.from,
    to: e.to,
    note: e.note,
    occurredAt: e.occurredAt,
    side: e.side,
    actorName: e.side === "provider" ? e.actorName : null,
  }));
  let contact: UnionContact | null = null;
  if ((CONTACT_MATCH_STATUSES as readonly MatchStatus[]).includes(row.status)) {
    const [union] = await options.db.select({ name: organisations.name, phone: organisations.contactPhone }).from(organisations).where(eq(organisations.id, row.caseOrganisationId));
    const [caseworker] = row.caseworkerId ? await options.db.select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, row.caseworkerId)) : [];
    contact = { unionName: union?.name ?? "", unionPhone: union?.phone ?? null, caseworkerName: caseworker?.name ?? null, caseworkerEmail: caseworker?.email ?? null };
  }
  return { ...match, events, contact };
}
