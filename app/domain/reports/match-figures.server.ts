// Matches of a region for a staff report, counted in the database: the matches made in the period
// for the region's needs (a match is scoped by its need's county), by the kind of organisation
// behind the offer and the match's status now — its outcome once it ended.
import { and, count, eq, gte, lt } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import type { MatchStatus } from "../matching/match-status";
import { MATCH_STATUSES } from "../matching/match-status";
import type { OrganisationKind } from "../organisations/organisation-vocabulary";
import { ORGANISATION_KINDS } from "../organisations/organisation-vocabulary";
import type { RegionScope } from "../regions/region-scope.server";
import { inRegionScope } from "../regions/region-scope.server";

export interface MatchFigures {
  /** Matches made in the period. */
  total: number;
  /** Every kind of provider with every status, zeros included. */
  byProviderKind: { kind: OrganisationKind; total: number; byStatus: { status: MatchStatus; count: number }[] }[];
  byStatus: { status: MatchStatus; count: number }[];
}

/** The match figures of `region` (within the actor's scope) for the period. */
export async function readMatchFigures(options: { db: Database; region: RegionScope; start: Date; end: Date }): Promise<MatchFigures> {
  const { db, region, start, end } = options;
  const rows = await db
    .select({ kind: organisations.kind, status: matches.status, n: count() })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(and(inRegionScope(needs.regionCode, region), gte(matches.createdAt, start), lt(matches.createdAt, end)))
    .groupBy(organisations.kind, matches.status);
  const cell = (kind: OrganisationKind, status: MatchStatus) => rows.find((r) => r.kind === kind && r.status === status)?.n ?? 0;
  const byProviderKind = ORGANISATION_KINDS.map((kind) => {
    const byStatus = MATCH_STATUSES.map((status) => ({ status, count: cell(kind, status) }));
    return { kind, total: byStatus.reduce((sum, r) => sum + r.count, 0), byStatus };
  });
  const byStatus = MATCH_STATUSES.map((status) => ({ status, count: rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.n, 0) }));
  return { total: byStatus.reduce((sum, r) => sum + r.count, 0), byProviderKind, byStatus };
}
