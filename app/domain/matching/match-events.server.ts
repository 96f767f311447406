// The history of matches (match_events), oldest first, with who made each step.
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { memberships, users } from "../../../db/schema/accounts";
import { matchEvents } from "../../../db/schema/matches";
import { organisations } from "../../../db/schema/organisations";
import type { MatchStatus } from "./match-status";

export interface MatchEventRow {
  matchId: string;
  from: MatchStatus | null;
  to: MatchStatus;
  note: string | null;
  occurredAt: string;
  actorUserId: string | null;
  actorName: string | null;
  /** Which side made the step: the union, the provider, or the system. */
  side: "union" | "provider" | "system";
}

export async function eventsOfMatches(db: Database, matchIds: readonly string[]): Promise<MatchEventRow[]> {
  if (!matchIds.length) return [];
  const rows = await db
    .select({
      matchId: matchEvents.matchId,
      from: matchEvents.fromStatus,
      to: matchEvents.toStatus,
      note: matchEvents.note,
      occurredAt: matchEvents.occurredAt,
      actorUserId: matchEvents.actorUserId,
      actorName: users.displayName,
      actorKind: organisations.kind,
    })
    .from(matchEvents)
    .leftJoin(users, eq(users.id, matchEvents.actorUserId))
    .leftJoin(memberships, eq(memberships.userId, matchEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(inArray(matchEvents.matchId, [...matchIds]))
    .orderBy(asc(matchEvents.occurredAt), asc(matchEvents.id));
  return rows.map((r) => ({
    matchId: r.matchId,
    from: r.from,
    to: r.to,
    note: r.note,
    occurredAt: r.occurredAt.toISOString(),
    actorUserId: r.actorUserId,
    actorName: r.actorName,
    side: r.actorUserId === null ? "system" : r.actorKind === "union" ? "union" : "provider",
  }));
}
