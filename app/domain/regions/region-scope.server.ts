// The one place an actor's region scope is worked out and written into SQL (STYLE §3: a forgotten
// check returns nothing rather than everything). Union staff work in their union's region and
// everything below it — GB/T 2260 codes nest (53 ⊃ 5329 ⊃ 532923), so "below" is a code prefix —
// and every query of a scoped record carries `inRegionScope(column, scope)`: another county's id
// finds nothing, which the caller answers as not found. (The pure test for a row already read is
// `isWithinRegion` in auth/permissions.ts.)
import { sql } from "drizzle-orm";
import type { AnyColumn, SQL } from "drizzle-orm";
import type { Actor } from "../auth/actor";
import { canCurateMatches, canReadCases, canReviewOrganisations, canWriteCases, staffRegion } from "../auth/permissions";
import type { DomainMessageKey } from "../errors/domain-error";
import { forbidden } from "../errors/domain-error";

/** A region code prefix: the actor's region, meaning it and everything below it. */
export type RegionScope = string;

/** What the actor wants to do in their region; each asks its own `can…` predicate. */
export type ScopedWork = "read-cases" | "write-cases" | "review-organisations" | "curate-matches";

const RULES: Record<ScopedWork, { may: (actor: Actor) => boolean; message: string; messageKey: DomainMessageKey }> = {
  "read-cases": { may: canReadCases, message: "Only union staff who work with cases read them.", messageKey: "noAccess" },
  // Applications, sheets and the need editor are case writing too.
  "write-cases": { may: canWriteCases, message: "Only caseworkers and union admins change a household's records.", messageKey: "noCaseWriting" },
  "review-organisations": { may: canReviewOrganisations, message: "Only union admins review organisations.", messageKey: "noAccess" },
  // Matches are scoped by their need's county.
  "curate-matches": { may: canCurateMatches, message: "Only caseworkers and union admins work on matches.", messageKey: "noAccess" },
};

/**
 * The region in which `actor` may do `work`: the region of their union (it and everything below).
 * Throws a forbidden DomainError for anyone who may not.
 */
export function regionScope(actor: Actor, work: ScopedWork): RegionScope {
  const region = staffRegion(actor);
  const rule = RULES[work];
  if (!region || !rule.may(actor)) throw forbidden(rule.message, rule.messageKey);
  return region;
}

/** SQL: the region code in `column` lies in `scope` (it or below). */
export function inRegionScope(column: AnyColumn | SQL, scope: RegionScope): SQL {
  return sql`starts_with(${column}, ${scope})`;
}

/**
 * SQL: the region in `column` covers `regionCode` (is it or above it), as a union's region covers
 * the counties under it — the other direction of `inRegionScope`.
 */
export function coversRegion(column: AnyColumn | SQL, regionCode: string): SQL {
  return sql`starts_with(${regionCode}::text, ${column})`;
}
