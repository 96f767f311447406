// The permission vocabulary (STYLE §4): `can…` predicates, pure, used by guards, domain queries
// and the UI alike. Scope is by region code prefix: GB/T 2260 codes nest (53 ⊃ 5329 ⊃ 532923).
import type { Actor } from "./actor";
import type { UnionRole } from "./roles";
import { roleRequiresSecondFactor } from "./roles";

/** True when `regionCode` is `scope` or lies below it. */
export function isWithinRegion(scope: string, regionCode: string): boolean {
  return regionCode.startsWith(scope);
}

/** The union role of the actor, or null for everyone who is not (verified) union staff. */
export function unionRoleOf(actor: Actor | null): UnionRole | null {
  const m = actor?.membership;
  if (!m || m.kind !== "union" || m.status !== "verified") return null;
  return m.role === "member" ? null : m.role;
}

/** The region a union member of staff works in; null for anyone else. */
export function staffRegion(actor: Actor | null): string | null {
  return unionRoleOf(actor) ? (actor?.membership?.regionCode ?? null) : null;
}

export function isUnionStaff(actor: Actor | null, roles?: readonly UnionRole[]): boolean {
  const role = unionRoleOf(actor);
  return role !== null && (!roles || roles.includes(role));
}

/** Cases and needs of the actor's region: caseworkers and admins write, auditors read. */
export function canReadCases(actor: Actor | null): boolean {
  return isUnionStaff(actor, ["admin", "caseworker", "auditor"]);
}
export function canWriteCases(actor: Actor | null): boolean {
  return isUnionStaff(actor, ["admin", "caseworker"]);
}

/** A union admin verifies the non-union organisations of their region. */
export function canReviewOrganisations(actor: Actor | null): boolean {
  return isUnionStaff(actor, ["admin"]);
}
export function canReviewOrganisation(actor: Actor | null, organisation: { kind: string; regionCode: string }): boolean {
  const region = staffRegion(actor);
  return canReviewOrganisations(actor) && region !== null && organisation.kind !== "union" && isWithinRegion(region, organisation.regionCode);
}

/** The audit log: union admins and auditors for their region, platform admins for everything. */
export function canReadAudit(actor: Actor | null): boolean {
  return Boolean(actor?.isPlatformAdmin) || isUnionStaff(actor, ["admin", "auditor"]);
}

/** An organisation's admin invites and removes its people. */
export function canManageMembers(actor: Actor | null): boolean {
  return actor?.membership?.role === "admin" && actor.membership.status !== "rejected";
}

/**
 * Only a verified organisation's admins send invitations: a pending one could have the site email
 * anyone, in a name of its choosing, before its union has looked at it.
 */
export function canInviteMembers(actor: Actor | null): boolean {
  return canManageMembers(actor) && actor?.membership?.status === "verified";
}

/** Only verified organisations publish offers; unions are verified on creation. */
export function canPublishOffers(organisation: { status: string }): boolean {
  return organisation.status === "verified";
}

/**
 * An organisation's admins and members write its offers (a pending one keeps drafts until it is
 * verified, canPublishOffers); a rejected organisation writes none.
 */
export function canManageOffers(actor: Actor | null): boolean {
  const m = actor?.membership;
  return Boolean(m && m.status !== "rejected" && (m.role === "admin" || m.role === "member"));
}

/** Union admins and caseworkers propose matches, review providers' requests, withdraw and close them. */
export function canCurateMatches(actor: Actor | null): boolean {
  return isUnionStaff(actor, ["admin", "caseworker"]);
}

/** An admin or member of a verified organisation that is not a union answers the matches of its offers. */
export function canRespondToMatches(actor: Actor | null): boolean {
  const m = actor?.membership;
  return Boolean(m && m.kind !== "union" && m.status === "verified" && (m.role === "admin" || m.role === "member"));
}

/** "We can help": the same people, for one of their organisation's own listed offers. */
export function canRequestMatch(actor: Actor | null): boolean {
  return canRespondToMatches(actor);
}

/** Finance, admin and platform admin accounts must have a second factor before they do anything. */
export function mustEnrolSecondFactor(actor: Actor): boolean {
  return !actor.totpEnabled && roleRequiresSecondFactor(actor.membership?.role ?? null, actor.membership?.kind ?? null, actor.isPlatformAdmin);
}

export function isStaffSession(actor: { isPlatformAdmin: boolean; membership: { kind: string } | null }): boolean {
  return actor.isPlatformAdmin || actor.membership?.kind === "union";
}
