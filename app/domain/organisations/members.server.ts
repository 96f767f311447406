// An organisation's people: its admins list members and pending invitations, invite by
// email, revoke invitations, change roles and remove people. Every query is scoped by the actor's
// own organisation, so an id from another organisation finds nothing (404). A role change or a
// removal ends that person's sessions at once: a right taken away must not live on in a cookie.
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { invitations, memberships, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import type { Logger } from "pino";
import type { Locale } from "../../i18n/config";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor, ActorMembership } from "../auth/actor";
import { canInviteMembers, canManageMembers } from "../auth/permissions";
import type { RateLimitCheck, RateLimiters } from "../auth/rate-limit.server";
import type { MembershipRole } from "../auth/roles";
import { rolesForKind } from "../auth/roles";
import { deleteUserSessions } from "../auth/session.server";
import { normaliseEmail } from "../auth/sign-in.server";
import { hashToken, newToken } from "../auth/tokens.server";
import { forbidden, notFound as domainNotFound } from "../errors/domain-error";
import type { Mailer } from "../mail/mailer.server";
import { invitationMail } from "./invitation-mail.server";
import { INVITATION_DAYS } from "./invitation-rules";

/** An actor with a membership, as `requireMember` returns it. */
export type MemberActor = Actor & { membership: ActorMembership };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () => domainNotFound("memberNotFound", "No such invitation or member in your organisation.");

function requireManager(actor: MemberActor): ActorMembership {
  if (!canManageMembers(actor)) throw forbidden();
  return actor.membership;
}

/** Where an audit row of this organisation belongs, so its union's auditors and its admins see it. */
function auditPlace(actor: MemberActor, ip: string | null) {
  return { actor, organisationId: actor.membership.organisationId, regionCode: actor.membership.regionCode, ip };
}

/** The organisation's members (oldest first) and its invitations still waiting for an answer. */
export async function listPeople(options: { db: Database; actor: MemberActor }) {
  const { organisationId } = requireManager(options.actor);
  const [members, pending] = await Promise.all([
    options.db
      .select({ membershipId: memberships.id, userId: users.id, displayName: users.displayName, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organisationId, organisationId))
      .orderBy(asc(memberships.createdAt), asc(memberships.id)),
    options.db
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(and(eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
      .orderBy(desc(invitations.createdAt)),
  ]);
  return { members, invitations: pending };
}

export type InviteResult =
  | { kind: "invited"; invitationId: string; mailed: boolean }
  | { kind: "already-member" }
  | { kind: "role-not-allowed" }
  /** The organisation is not verified (yet): it sends no invitations. */
  | { kind: "not-verified" }
  | { kind: "rate-limited"; retryAfterSeconds: number };

/** Counts one invitation email against the inviting user's and the organisation's limits. */
async function countInvitation(rateLimits: RateLimiters, actor: MemberActor): Promise<RateLimitCheck> {
  const byUser = await rateLimits.consume("invitationUser", actor.userId);
  if (!byUser.ok) return byUser;
  const byOrganisation = await rateLimits.consume("invitationOrganisation", actor.membership.organisationId);
  if (!byOrganisation.ok) await rateLimits.reward("invitationUser", actor.userId);
  return byOrganisation;
}

/**
 * Invites an email address to the actor's organisation and emails the link. Only the token's hash
 * is stored. A newer invitation to the same address replaces a pending one, so one link works.
 * The email goes out after the commit; when sending fails the invitation stays and `mailed` is false.
 * Only verified organisations invite, and each email counts per inviting user and per organisation.
 */
export async function inviteMember(options: {
  db: Database;
  rateLimits: RateLimiters;
  mailer: Mailer;
  logger: Pick<Logger, "error">;
  publicUrl: string;
  locale: Locale;
  actor: MemberActor;
  email: string;
  role: MembershipRole;
  ip: string | null;
}): Promise<InviteResult> {
  const { actor } = options;
  const membership = requireManager(actor);
  if (!canInviteMembers(actor)) return { kind: "not-verified" };
  if (!rolesForKind(membership.kind).includes(options.role)) return { kind: "role-not-allowed" };
  const counted = await countInvitation(options.rateLimits, actor);
  if (!counted.ok) return { kind: "rate-limited", retryAfterSeconds: counted.retryAfterSeconds };
  const email = normaliseEmail(options.email);
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const invitationId = await options.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, membership.organisationId), eq(users.email, email)));
    if (existing) return null;
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.organisationId, membership.organisationId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    const [row] = await tx
      .insert(invitations)
      .values({ organisationId: membership.organisationId, email, role: options.role, tokenHash: hashToken(token), invitedBy: actor.userId, expiresAt })
      .returning({ id: invitations.id });
    if (!row) throw new Error("the invitation was not stored");
    // The address itself stays in the invitations row: summaries hold no personal details.
    await recordAudit(tx, { ...auditPlace(actor, options.ip), action: "membership.invite", entity: "invitation", entityId: row.id, after: { role: options.role, expiresAt: expiresAt.toISOString() } });
    return row.id;
  });
  if (!invitationId) {
    // No email went out: the attempt does not count.
    await options.rateLimits.reward("invitationUser", actor.userId);
    await options.rateLimits.reward("invitationOrganisation", membership.organisationId);
    return { kind: "already-member" };
  }
  try {
    const message = await invitationMail({
      locale: options.locale,
      to: email,
      organisationName: membership.organisationName,
      inviterName: actor.displayName,
      role: options.role,
      link: `${options.publicUrl}/invitations/${token}`,
    });
    await options.mailer.send(message);
    return { kind: "invited", invitationId, mailed: true };
  } catch (error) {
    options.logger.error({ err: error, invitationId }, "the invitation email could not be sent");
    return { kind: "invited", invitationId, mailed: false };
  }
}

export type RevokeResult = { kind: "revoked" } | { kind: "already-accepted" };

/** Withdraws a pending invitation of the actor's organisation; its link stops working. */
export async function revokeInvitation(options: { db: Database; actor: MemberActor; invitationId: string; ip: string | null }): Promise<RevokeResult> {
  const { organisationId } = requireManager(options.actor);
  if (!UUID.test(options.invitationId)) throw notFound();
  return options.db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ id: invitations.id, role: invitations.role, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
      .from(invitations)
      .where(and(eq(invitations.id, options.invitationId), eq(invitations.organisationId, organisationId)))
      .for("update");
    if (!invitation) throw notFound();
    if (invitation.acceptedAt) return { kind: "already-accepted" } as const;
    if (invitation.revokedAt) return { kind: "revoked" } as const;
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, { ...auditPlace(options.actor, options.ip), action: "membership.invite-revoke", entity: "invitation", entityId: invitation.id, before: { role: invitation.role } });
    return { kind: "revoked" } as const;
  });
}

export type MemberChangeResult = { kind: "done" } | { kind: "self" } | { kind: "last-admin" } | { kind: "role-not-allowed" };

/**
 * The target membership of the actor's organisation, read after locking the organisation row:
 * changes to one organisation's people run one after another, so two admins removing each other
 * at the same moment cannot leave it without an admin.
 */
async function lockedTarget(tx: Transaction, organisationId: string, membershipId: string) {
  if (!UUID.test(membershipId)) throw notFound();
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for("update");
  const people = await tx.select({ id: memberships.id, userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.organisationId, organisationId));
  const target = people.find((p) => p.id === membershipId);
  if (!target) throw notFound();
  const admins = people.filter((p) => p.role === "admin").length;
  return { target, isLastAdmin: target.role === "admin" && admins <= 1 };
}

/** Removes a person from the actor's organisation and ends all their sessions. */
export async function removeMember(options: { db: Database; actor: MemberActor; membershipId: string; ip: string | null }): Promise<MemberChangeResult> {
  const { actor } = options;
  const { organisationId } = requireManager(actor);
  return options.db.transaction(async (tx) => {
    const { target, isLastAdmin } = await lockedTarget(tx, organisationId, options.membershipId);
    if (isLastAdmin) return { kind: "last-admin" } as const;
    if (target.userId === actor.userId) return { kind: "self" } as const;
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    const sessionsEnded = await deleteUserSessions(tx, target.userId);
    await recordAudit(tx, { ...auditPlace(actor, options.ip), action: "membership.remove", entity: "membership", entityId: target.id, before: { userId: target.userId, role: target.role }, note: `${sessionsEnded} session(s) ended` });
    return { kind: "done" } as const;
  });
}

/** Gives another person of the actor's organisation another role; their sessions end. */
export async function changeRole(options: { db: Database; actor: MemberActor; membershipId: string; role: MembershipRole; ip: string | null }): Promise<MemberChangeResult> {
  const { actor, role } = options;
  const membership = requireManager(actor);
  if (!rolesForKind(membership.kind).includes(role)) return { kind: "role-not-allowed" };
  return options.db.transaction(async (tx) => {
    const { target, isLastAdmin } = await lockedTarget(tx, membership.organisationId, options.membershipId);
    if (target.role === role) return { kind: "done" } as const;
    if (isLastAdmin) return { kind: "last-admin" } as const;
    if (target.userId === actor.userId) return { kind: "self" } as const;
    await tx.update(memberships).set({ role, updatedAt: new Date() }).where(eq(memberships.id, target.id));
    const sessionsEnded = await deleteUserSessions(tx, target.userId);
    await recordAudit(tx, {
      ...auditPlace(actor, options.ip),
      action: "membership.role-change",
      entity: "membership",
      entityId: target.id,
      before: { role: target.role },
      after: { role },
      note: `${sessionsEnded} session(s) ended`,
    });
    return { kind: "done" } as const;
  });
}
