// Password reset by emailed link. The link carries a random token and the table keeps
// only its hash. A link works once and for an hour; using it ends every session of the account,
// so whoever knew or had guessed the old password is signed out everywhere.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { memberships, passwordResets, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import type { Locale } from "../../i18n/config";
import { i18nServer } from "../../i18n/i18next.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Mailer } from "../mail/mailer.server";
import { hashPassword } from "./password.server";
import type { RateLimiters } from "./rate-limit.server";
import { deleteUserSessions } from "./session.server";
import type { RequestInfo } from "./sign-in.server";
import { clearSignInFailures, normaliseEmail } from "./sign-in.server";
import { hashToken, newToken } from "./tokens.server";

export const RESET_LINK_MINUTES = 60;
// Tokens are 43 characters; anything much longer is not one of ours and is not worth hashing.
const MAX_TOKEN_LENGTH = 100;

export type ResetRequestResult = { kind: "sent" } | { kind: "rate-limited"; retryAfterSeconds: number };

/**
 * Emails a reset link when the address belongs to an active account. The caller answers the same
 * whatever happened here, so the form never tells whether an address has an account.
 */
export async function requestPasswordReset(options: {
  db: Database;
  rateLimits: RateLimiters;
  mailer: Mailer;
  publicUrl: string;
  locale: Locale;
  email: string;
  request: RequestInfo;
}): Promise<ResetRequestResult> {
  const { db, request } = options;
  const email = normaliseEmail(options.email);
  // Counted for unknown addresses too: being limited must not reveal that an address is known.
  for (const [name, key] of [["resetIp", request.ip ?? "unknown"], ["resetEmail", email]] as const) {
    const limited = await options.rateLimits.consume(name, key);
    if (!limited.ok) return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  }
  const [account] = await db
    .select({ id: users.id, email: users.email, disabledAt: users.disabledAt, organisationId: organisations.id, regionCode: organisations.regionCode })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.email, email));
  if (!account || account.disabledAt) return { kind: "sent" };

  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({ tokenHash: hashToken(token), userId: account.id, expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000) });
    await recordAudit(tx, { actor: null, action: "auth.password-reset-request", entity: "user", entityId: account.id, organisationId: account.organisationId, regionCode: account.regionCode, ip: request.ip });
  });
  const t = await i18nServer.getFixedT(options.locale, "account");
  const link = `${options.publicUrl.replace(/\/+$/, "")}/reset-password/${token}`;
  await options.mailer.send({ to: account.email, subject: t("resetMail.subject"), text: t("resetMail.body", { link, minutes: RESET_LINK_MINUTES }) });
  return { kind: "sent" };
}

function usableWhere(token: string, now: Date) {
  return and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now));
}

/** True when the link's token is known, unused and unexpired, and its account is active. */
export async function isResetLinkUsable(db: Database, token: string): Promise<boolean> {
  if (token.length > MAX_TOKEN_LENGTH) return false;
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(usableWhere(token, new Date()), isNull(users.disabledAt)));
  return row !== undefined;
}

export type ResetPasswordResult = { kind: "reset" } | { kind: "unusable" };

/** Sets a new password through a reset link, uses the link up and ends every session of the account. */
export async function resetPassword(options: { db: Database; rateLimits: RateLimiters; token: string; password: string; request: RequestInfo }): Promise<ResetPasswordResult> {
  const { db, token, request } = options;
  // Argon2 is slow on purpose: spend it only on a link that can still work, and outside the transaction.
  if (!(await isResetLinkUsable(db, token))) return { kind: "unusable" };
  const passwordHash = await hashPassword(options.password);
  const result = await db.transaction(async (tx) => {
    const now = new Date();
    // The conditional update is what makes a link single-use, even for two submissions at once.
    const [used] = await tx.update(passwordResets).set({ usedAt: now }).where(usableWhere(token, now)).returning({ userId: passwordResets.userId });
    if (!used) return null;
    // Other links sent to the account die with this one.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, used.userId), isNull(passwordResets.usedAt)));
    const [user] = await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, used.userId)).returning({ id: users.id, email: users.email });
    if (!user) return null;
    const ended = await deleteUserSessions(tx, user.id);
    const [scope] = await tx
      .select({ organisationId: organisations.id, regionCode: organisations.regionCode })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.userId, user.id));
    await recordAudit(tx, {
      actor: { userId: user.id, email: user.email },
      action: "auth.password-reset",
      entity: "user",
      entityId: user.id,
      organisationId: scope?.organisationId ?? null,
      regionCode: scope?.regionCode ?? null,
      ip: request.ip,
      after: { sessionsEnded: ended },
    });
    return user;
  });
  if (!result) return { kind: "unusable" };
  // Whoever just proved they own the mailbox may sign in at once, even after locking themselves out.
  await clearSignInFailures(options.rateLimits, result.email, request.ip);
  return { kind: "reset" };
}
