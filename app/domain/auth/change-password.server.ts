// Changing one's password. The current password is asked again — a session left open on
// a shared computer must not be enough — and guessing it counts against the same limit as signing
// in. Afterwards every other session is gone and this device continues on a new session id.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "./actor";
import { hashPassword, verifyPassword } from "./password.server";
import { isStaffSession } from "./permissions";
import type { RateLimiters } from "./rate-limit.server";
import type { NewSession } from "./session.server";
import { createSession, deleteSession, deleteUserSessions } from "./session.server";
import type { RequestInfo } from "./sign-in.server";

export type ChangePasswordResult = { kind: "changed"; session: NewSession } | { kind: "wrong-password" } | { kind: "rate-limited"; retryAfterSeconds: number };

/** Replaces the actor's password after checking the current one; returns the session that replaces this one. */
export async function changePassword(options: {
  db: Database;
  rateLimits: RateLimiters;
  actor: Actor;
  currentPassword: string;
  newPassword: string;
  request: RequestInfo;
}): Promise<ChangePasswordResult> {
  const { db, actor, request } = options;
  const scope = { organisationId: actor.membership?.organisationId ?? null, regionCode: actor.membership?.regionCode ?? null };
  const limited = await options.rateLimits.consume("passwordChange", actor.userId);
  if (!limited.ok) return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(user?.passwordHash ?? null, options.currentPassword))) {
    await recordAudit(db, { actor, action: "auth.password-change-failed", entity: "user", entityId: actor.userId, ...scope, ip: request.ip, note: "wrong current password" });
    return { kind: "wrong-password" };
  }
  await options.rateLimits.reset("passwordChange", actor.userId);
  const passwordHash = await hashPassword(options.newPassword);
  const session = await db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, actor.userId));
    const ended = await deleteUserSessions(tx, actor.userId, { except: actor.sessionId });
    await deleteSession(tx, actor.sessionId);
    const created = await createSession(tx, { userId: actor.userId, staff: isStaffSession(actor), ...request });
    await recordAudit(tx, { actor, action: "auth.password-change", entity: "user", entityId: actor.userId, ...scope, ip: request.ip, after: { otherSessionsEnded: ended } });
    return created;
  });
  return { kind: "changed", session };
}
