// Signing in and out. Each step that grants more (password, then TOTP code) starts a new
// session and drops the old one, so a session id seen before sign-in is worthless after it.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { memberships, sessions, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import { recordAudit } from "../audit/record-audit.server";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { Actor } from "./actor";
import { verifyPassword } from "./password.server";
import { isStaffSession } from "./permissions";
import type { RateLimitCheck, RateLimitName, RateLimiters } from "./rate-limit.server";
import type { NewSession } from "./session.server";
import { createSession, deleteSession } from "./session.server";
import { acceptTotpCode } from "./totp.server";

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export type SignInResult =
  | { kind: "signed-in"; session: NewSession }
  | { kind: "second-factor"; session: NewSession }
  | { kind: "invalid" }
  | { kind: "rate-limited"; retryAfterSeconds: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function findAccount(db: Database, where: ReturnType<typeof eq>) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      isPlatformAdmin: users.isPlatformAdmin,
      totpEnabledAt: users.totpEnabledAt,
      totpSecretEnc: users.totpSecretEnc,
      totpLastStep: users.totpLastStep,
      kind: organisations.kind,
      organisationId: organisations.id,
      regionCode: organisations.regionCode,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(where);
  return row ?? null;
}

/** The key of one account from one address (the limiter hashes it). */
const pairKey = (email: string, address: string) => `${email}\n${address}`;

/**
 * Holds one point of each limit while a password is checked, so parallel guesses cannot overrun
 * them; when one limit is reached, the points already held are given back.
 */
async function holdAttempt(rateLimits: RateLimiters, limits: readonly (readonly [RateLimitName, string])[]): Promise<RateLimitCheck> {
  const held: (readonly [RateLimitName, string])[] = [];
  for (const [name, key] of limits) {
    const check = await rateLimits.consume(name, key);
    if (!check.ok) {
      for (const [n, k] of held) await rateLimits.reward(n, k);
      return check;
    }
    held.push([name, key]);
  }
  return { ok: true };
}

/** Forgets an account's wrong passwords, from anywhere and from this address (after a password reset). */
export async function clearSignInFailures(rateLimits: RateLimiters, email: string, address: string | null): Promise<void> {
  const pair = pairKey(normaliseEmail(email), address ?? "unknown");
  for (const [name, key] of [["signInAccount", email], ["signInSlowed", email], ["signInPair", pair], ["signInKnownPair", pair]] as const) await rateLimits.reset(name, key);
}

/**
 * Checks email and password and starts a session. Only wrong passwords count, in the way OWASP
 * recommends against both guessing and lockout by strangers: per account and address (a stranger's
 * failures never block the owner's address), per address across accounts, and per account from
 * anywhere — past that limit the account is slowed for addresses it has never signed in from,
 * while the addresses its owner signs in from are spared.
 */
export async function signIn(options: { db: Database; rateLimits: RateLimiters; email: string; password: string; request: RequestInfo }): Promise<SignInResult> {
  const { db, rateLimits, request } = options;
  const email = normaliseEmail(options.email);
  const address = request.ip ?? "unknown";
  const pair = pairKey(email, address);
  const isKnownAddress = await rateLimits.isRemembered("signInKnownAddress", pair);
  const pairLimit = isKnownAddress ? "signInKnownPair" : "signInPair";
  const held = [["signInAddress", address], [pairLimit, pair]] as const;
  const holding = await holdAttempt(rateLimits, held);
  if (!holding.ok) return { kind: "rate-limited", retryAfterSeconds: holding.retryAfterSeconds };
  if (!isKnownAddress && !(await rateLimits.peek("signInAccount", email)).ok) {
    const slowed = await rateLimits.consume("signInSlowed", email);
    if (!slowed.ok) {
      for (const [name, key] of held) await rateLimits.reward(name, key);
      return { kind: "rate-limited", retryAfterSeconds: slowed.retryAfterSeconds };
    }
  }
  const account = await findAccount(db, eq(users.email, email));
  const passwordOk = await verifyPassword(account?.passwordHash ?? null, options.password);
  if (!account || !passwordOk || account.disabledAt) {
    await rateLimits.consume("signInAccount", email);
    await recordAudit(db, {
      actor: null,
      action: "auth.sign-in-failed",
      entity: "user",
      entityId: account?.id ?? null,
      organisationId: account?.organisationId ?? null,
      regionCode: account?.regionCode ?? null,
      ip: request.ip,
      note: account ? (account.disabledAt ? "account disabled" : "wrong password") : "unknown email",
    });
    return { kind: "invalid" };
  }
  // A right password: the attempt does not count, the failures in a row end, the address is known.
  await rateLimits.reward("signInAddress", address);
  await rateLimits.reset(pairLimit, pair);
  await rateLimits.remember("signInKnownAddress", pair);
  const staff = isStaffSession({ isPlatformAdmin: account.isPlatformAdmin, membership: account.kind ? { kind: account.kind } : null });
  if (account.totpEnabledAt) {
    const session = await createSession(db, { userId: account.id, staff, secondFactorPending: true, ...request });
    return { kind: "second-factor", session };
  }
  const session = await db.transaction(async (tx) => {
    const created = await createSession(tx, { userId: account.id, staff, ...request });
    await recordAudit(tx, { actor: { userId: account.id, email: account.email }, action: "auth.sign-in", entity: "user", entityId: account.id, organisationId: account.organisationId, regionCode: account.regionCode, ip: request.ip });
    return created;
  });
  return { kind: "signed-in", session };
}

export type SecondFactorResult = { kind: "signed-in"; session: NewSession } | { kind: "invalid" } | { kind: "rate-limited"; retryAfterSeconds: number } | { kind: "expired" };

/** Completes a sign-in waiting for its TOTP code: a right, unused code replaces the pending session. */
export async function completeSecondFactor(options: {
  db: Database;
  cipher: IdentityCipher;
  rateLimits: RateLimiters;
  pendingSessionId: string;
  code: string;
  request: RequestInfo;
}): Promise<SecondFactorResult> {
  const { db, request } = options;
  const [pending] = await db.select({ userId: sessions.userId, secondFactorPending: sessions.secondFactorPending }).from(sessions).where(eq(sessions.id, options.pendingSessionId));
  if (!pending?.secondFactorPending) return { kind: "expired" };
  const limited = await options.rateLimits.consume("secondFactor", options.pendingSessionId);
  if (!limited.ok) {
    // Too many wrong codes: the password has to be given again.
    await deleteSession(db, options.pendingSessionId);
    return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  }
  const account = await findAccount(db, eq(users.id, pending.userId));
  if (!account?.totpSecretEnc || account.disabledAt) return { kind: "expired" };
  const step = acceptTotpCode(options.cipher.decrypt("totpSecret", account.totpSecretEnc), options.code, account.totpLastStep);
  if (step === null) {
    await recordAudit(db, { actor: null, action: "auth.second-factor-failed", entity: "user", entityId: account.id, organisationId: account.organisationId, regionCode: account.regionCode, ip: request.ip });
    return { kind: "invalid" };
  }
  const staff = isStaffSession({ isPlatformAdmin: account.isPlatformAdmin, membership: account.kind ? { kind: account.kind } : null });
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, account.id));
    await deleteSession(tx, options.pendingSessionId);
    const created = await createSession(tx, { userId: account.id, staff, ...request });
    await recordAudit(tx, { actor: { userId: account.id, email: account.email }, action: "auth.sign-in", entity: "user", entityId: account.id, organisationId: account.organisationId, regionCode: account.regionCode, ip: request.ip, note: "with TOTP" });
    return created;
  });
  return { kind: "signed-in", session };
}

/** Ends the session on the server (the cookie is cleared by the caller). */
export async function signOut(options: { db: Database; actor: Actor; ip: string | null }): Promise<void> {
  const { db, actor } = options;
  await db.transaction(async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await recordAudit(tx, { actor, action: "auth.sign-out", entity: "user", entityId: actor.userId, organisationId: actor.membership?.organisationId ?? null, regionCode: actor.membership?.regionCode ?? null, ip: options.ip });
  });
}
