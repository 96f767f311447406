// Answering an invitation. The link's token is looked up by its hash. A newcomer creates
// an account and joins in one transaction; someone with an account signs in first and accepts.
// A person belongs to one organisation, so an account that already has a membership cannot accept.
// Joining starts a new session either way: the rights grow, so the old session id is dropped.
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { invitations, memberships, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { hashPassword } from "../auth/password.server";
import { isStaffSession } from "../auth/permissions";
import type { MembershipRole } from "../auth/roles";
import type { NewSession } from "../auth/session.server";
import { createSession, deleteSession } from "../auth/session.server";
import type { RequestInfo } from "../auth/sign-in.server";
import { normaliseEmail } from "../auth/sign-in.server";
import { hashToken } from "../auth/tokens.server";
import type { OrganisationKind } from "./organisation-vocabulary";
import type { InvitationState } from "./invitation-rules";
import { invitationState } from "./invitation-rules";

/** Tokens are 32 random bytes in base64url; anything else cannot be one, so nothing is looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Who is looking at a valid invitation, and so what the page offers them. */
export type InvitationViewer =
  | { kind: "newcomer" }
  | { kind: "must-sign-in" }
  | { kind: "can-accept" }
  | { kind: "has-membership"; organisationName: string }
  | { kind: "other-account"; signedInAs: string };

export type InvitationView =
  | { state: "not-found" }
  | { state: Exclude<InvitationState, "valid"> }
  | { state: "valid"; organisationName: string; kind: OrganisationKind; role: MembershipRole; email: string; expiresAt: Date; viewer: InvitationViewer };

async function findInvitation(db: Database | Transaction, token: string, options: { lock?: boolean } = {}) {
  if (!TOKEN.test(token)) return null;
  const query = db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationStatus: organisations.status,
      organisationKind: organisations.kind,
      regionCode: organisations.regionCode,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  // Locked while it is being accepted, so one link makes one membership however often it is sent.
  const [row] = options.lock ? await query.for("update", { of: invitations }) : await query;
  return row ?? null;
}
type FoundInvitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

async function accountExists(db: Database | Transaction, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(email)));
  return Boolean(row);
}

function viewerOf(invitation: FoundInvitation, actor: Actor | null, exists: boolean): InvitationViewer {
  if (!actor) return exists ? { kind: "must-sign-in" } : { kind: "newcomer" };
  if (actor.email !== invitation.email) return { kind: "other-account", signedInAs: actor.email };
  if (actor.membership) return { kind: "has-membership", organisationName: actor.membership.organisationName };
  return { kind: "can-accept" };
}

/** What the invitation page shows for a token, to this visitor (signed in or not). */
export async function describeInvitation(options: { db: Database; token: string; actor: Actor | null }): Promise<InvitationView> {
  const invitation = await findInvitation(options.db, options.token);
  if (!invitation) return { state: "not-found" };
  const state = invitationState(invitation);
  if (state !== "valid") return { state };
  const exists = options.actor ? true : await accountExists(options.db, invitation.email);
  return {
    state: "valid",
    organisationName: invitation.organisationName,
    kind: invitation.organisationKind,
    role: invitation.role,
    email: invitation.email,
    expiresAt: invitation.expiresAt,
    viewer: viewerOf(invitation, options.actor, exists),
  };
}

export type AcceptResult =
  | { kind: "joined"; session: NewSession; organisationKind: OrganisationKind }
  | { kind: "gone"; state: "not-found" | Exclude<InvitationState, "valid"> }
  | { kind: "account-exists" }
  | { kind: "other-account" }
  | { kind: "has-membership" };

/** Marks the invitation used, adds the membership, audits the join and starts the member's session. */
async function join(tx: Transaction, invitation: FoundInvitation, user: { userId: string; email: string; isPlatformAdmin: boolean }, request: RequestInfo, note: string): Promise<AcceptResult> {
  const [membership] = await tx.insert(memberships).values({ userId: user.userId, organisationId: invitation.organisationId, role: invitation.role }).returning({ id: memberships.id });
  if (!membership) throw new Error("the membership was not stored");
  await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
  await recordAudit(tx, {
    actor: { userId: user.userId, email: user.email },
    action: "membership.join",
    entity: "membership",
    entityId: membership.id,
    organisationId: invitation.organisationId,
    regionCode: invitation.regionCode,
    ip: request.ip,
    after: { role: invitation.role, invitationId: invitation.id },
    note,
  });
  const staff = isStaffSession({ isPlatformAdmin: user.isPlatformAdmin, membership: { kind: invitation.organisationKind } });
  const session = await createSession(tx, { userId: user.userId, staff, ...request });
  return { kind: "joined", session, organisationKind: invitation.organisationKind };
}

type Usable = { ok: true; invitation: FoundInvitation } | { ok: false; result: AcceptResult };

async function usableInvitation(tx: Transaction, token: string): Promise<Usable> {
  const invitation = await findInvitation(tx, token, { lock: true });
  if (!invitation) return { ok: false, result: { kind: "gone", state: "not-found" } };
  const state = invitationState(invitation);
  return state === "valid" ? { ok: true, invitation } : { ok: false, result: { kind: "gone", state } };
}

/** A newcomer answers: creates their account (password hashed with Argon2id) and joins. */
export async function acceptAsNewcomer(options: { db: Database; token: string; displayName: string; password: string; request: RequestInfo }): Promise<AcceptResult> {
  const passwordHash = await hashPassword(options.password);
  return options.db.transaction(async (tx) => {
    const usable = await usableInvitation(tx, options.token);
    if (!usable.ok) return usable.result;
    const { invitation } = usable;
    if (await accountExists(tx, invitation.email)) return { kind: "account-exists" };
    const [user] = await tx.insert(users).values({ email: invitation.email, displayName: options.displayName, passwordHash }).returning({ id: users.id, email: users.email });
    if (!user) throw new Error("the user was not stored");
    return join(tx, invitation, { userId: user.id, email: user.email, isPlatformAdmin: false }, options.request, "new account");
  });
}

/** The signed-in person the invitation was sent to accepts it; their old session ends. */
export async function acceptAsMember(options: { db: Database; token: string; actor: Actor; request: RequestInfo }): Promise<AcceptResult> {
  const { actor } = options;
  return options.db.transaction(async (tx) => {
    const usable = await usableInvitation(tx, options.token);
    if (!usable.ok) return usable.result;
    const { invitation } = usable;
    if (invitation.email !== actor.email) return { kind: "other-account" };
    // Read again inside the transaction: the actor was loaded before it began.
    const [current] = await tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, actor.userId));
    if (current) return { kind: "has-membership" };
    await deleteSession(tx, actor.sessionId);
    return join(tx, invitation, { userId: actor.userId, email: actor.email, isPlatformAdmin: actor.isPlatformAdmin }, options.request, "existing account");
  });
}
