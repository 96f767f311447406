// Accounts made by a platform operator from the command line (`create-user`, `grant`): the way to
// the first admin of a new installation. Audited like staff actions, with no actor.
import { eq, or } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { memberships, passwordResets, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import { recordAudit } from "../audit/record-audit.server";
import { invalid } from "../errors/domain-error";
import { hashPassword } from "./password.server";
import { passwordProblem } from "./password-policy";
import { MEMBERSHIP_ROLES, rolesForKind } from "./roles";
import { deleteUserSessions } from "./session.server";
import { normaliseEmail } from "./sign-in.server";
import { hashToken, newToken } from "./tokens.server";


const SET_PASSWORD_HOURS = 24;

/**
 * Creates an account. Without a password it gets an unusable one and a set-password link
 * (valid 24 h) is returned, so no password ever passes through argv or shell history.
 */
export async function createUser(options: { db: Database; email: string; displayName: string; password?: string; platformAdmin?: boolean }) {
  const email = normaliseEmail(options.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid(`--email: "${options.email}" is not an email address`);
  const displayName = options.displayName.trim();
  if (!displayName || displayName.length > 80) throw invalid("--name: must be 1–80 characters");
  if (options.password !== undefined) {
    const problem = passwordProblem(options.password);
    if (problem) throw invalid(`password: ${problem}`);
  }
  const [taken] = await options.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) throw invalid(`--email: an account for ${email} already exists`);
  const passwordHash = await hashPassword(options.password ?? newToken());
  return options.db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ email, displayName, passwordHash, isPlatformAdmin: options.platformAdmin ?? false }).returning({ id: users.id });
    if (!user) throw new Error("the account was not created");
    let setPasswordToken: string | null = null;
    if (options.password === undefined) {
      setPasswordToken = newToken();
      await tx.insert(passwordResets).values({ tokenHash: hashToken(setPasswordToken), userId: user.id, expiresAt: new Date(Date.now() + SET_PASSWORD_HOURS * 3600_000) });
    }
    await recordAudit(tx, { actor: null, action: "user.create", entity: "user", entityId: user.id, after: { email, platformAdmin: options.platformAdmin ?? false }, note: "command line" });
    return { userId: user.id, email, setPasswordToken };
  });
}

/**
 * Gives an account a role in an organisation (replacing any membership it had) or makes it a
 * platform admin. Its sessions end: a role change takes effect at the next sign-in.
 */
export async function grantRole(options: { db: Database; email: string; role: string; organisation?: string }) {
  const email = normaliseEmail(options.email);
  const [user] = await options.db.select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.email, email));
  if (!user) throw invalid(`email: no account for ${email} (create it with create-user)`);
  if (options.role === "platform-admin") {
    await options.db.transaction(async (tx) => {
      await tx.update(users).set({ isPlatformAdmin: true, updatedAt: new Date() }).where(eq(users.id, user.id));
      await deleteUserSessions(tx, user.id);
      await recordAudit(tx, { actor: null, action: "user.grant-platform-admin", entity: "user", entityId: user.id, before: { platformAdmin: user.isPlatformAdmin }, after: { platformAdmin: true }, note: "command line" });
    });
    return { email, role: options.role, organisation: null };
  }
  const role = MEMBERSHIP_ROLES.find((r) => r === options.role);
  if (!role) throw invalid(`role: must be one of ${MEMBERSHIP_ROLES.join(", ")} or platform-admin`);
  if (!options.organisation) throw invalid("--organisation: which organisation (its import key or id)?");
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.organisation);
  const [org] = await options.db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, regionCode: organisations.regionCode })
    .from(organisations)
    .where(isUuid ? or(eq(organisations.id, options.organisation), eq(organisations.importKey, options.organisation)) : eq(organisations.importKey, options.organisation));
  if (!org) throw invalid(`--organisation: no organisation "${options.organisation}"`);
  if (!rolesForKind(org.kind).includes(role)) throw invalid(`role: a ${org.kind} organisation's roles are ${rolesForKind(org.kind).join(", ")}`);
  await options.db.transaction(async (tx) => {
    const [before] = await tx.select({ organisationId: memberships.organisationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, user.id));
    await tx
      .insert(memberships)
      .values({ userId: user.id, organisationId: org.id, role })
      .onConflictDoUpdate({ target: memberships.userId, set: { organisationId: org.id, role, updatedAt: new Date() } });
    await deleteUserSessions(tx, user.id);
    await recordAudit(tx, {
      actor: null,
      action: "membership.grant",
      entity: "user",
      entityId: user.id,
      organisationId: org.id,
      regionCode: org.regionCode,
      before: before ? { organisationId: before.organisationId, role: before.role } : undefined,
      after: { organisationId: org.id, role },
      note: "command line",
    });
  });
  return { email, role, organisation: org.name };
}
