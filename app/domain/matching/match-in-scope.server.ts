// Finding a match for a write, locked for the transaction, only where the actor may act on it:
// union staff within their region (the need's county, in SQL — another county's reference finds
// nothing, a 404), a provider only among the matches of its own organisation's offers.
import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import { canRespondToMatches } from "../auth/permissions";
import { forbidden, notFound } from "../errors/domain-error";
import { inRegionScope, regionScope } from "../regions/region-scope.server";

export const MATCH_REFERENCE_PATTERN = /^M-[2-9A-HJKMNP-TV-Z]{7}$/;

/** What a verb needs of a match, its need and its offer (no identity column). */
export const lockedMatchColumns = {
  id: matches.id,
  ref: matches.ref,
  status: matches.status,
  origin: matches.origin,
  needId: matches.needId,
  offerId: matches.offerId,
  createdBy: matches.createdBy,
  caseworkerId: matches.caseworkerId,
  needRef: needs.ref,
  needStatus: needs.status,
  needRegionCode: needs.regionCode,
  needCategory: needs.category,
  caseOrganisationId: cases.organisationId,
  offerRef: offers.ref,
  offerTitle: offers.title,
  offerOrganisationId: offers.organisationId,
};

function matchQuery(tx: Transaction) {
  return tx
    .select(lockedMatchColumns)
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.organisationId));
}

export type LockedMatch = Awaited<ReturnType<ReturnType<typeof matchQuery>["execute"]>>[number];

const missing = () => notFound("matchNotFound", "No such match for you.");

/** A match of the staff member's region, locked (admins and caseworkers; 403 for others, 404 outside). */
export async function lockStaffMatch(tx: Transaction, actor: Actor, ref: string): Promise<LockedMatch> {
  const scope = regionScope(actor, "curate-matches");
  if (!MATCH_REFERENCE_PATTERN.test(ref)) throw missing();
  const [row] = await matchQuery(tx)
    .where(and(eq(matches.ref, ref), inRegionScope(needs.regionCode, scope)))
    .for("update", { of: matches });
  if (!row) throw missing();
  return row;
}

/** The organisation a provider acts for: a verified, non-union organisation (403 for anyone else). */
export function providerOrganisationOf(actor: Actor): string {
  if (!canRespondToMatches(actor) || !actor.membership) throw forbidden("Only members of a verified provider organisation answer matches.");
  return actor.membership.organisationId;
}

/** A match of one of the provider's own offers, locked (404 for any other). */
export async function lockProviderMatch(tx: Transaction, actor: Actor, ref: string): Promise<LockedMatch> {
  const organisationId = providerOrganisationOf(actor);
  if (!MATCH_REFERENCE_PATTERN.test(ref)) throw missing();
  const [row] = await matchQuery(tx)
    .where(and(eq(matches.ref, ref), eq(offers.organisationId, organisationId)))
    .for("update", { of: matches });
  if (!row) throw missing();
  return row;
}
