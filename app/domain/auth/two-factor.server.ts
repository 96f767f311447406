// Enrolling and removing a second factor on one's own account. Enrolment keeps a pending
// secret (encrypted, `totp_enabled_at` still null) until the person proves with a code that their
// app holds it; only then is the factor on, and the session is replaced as at any step that grants
// more. Codes given here count against the same limit as at sign-in, under the account's own key.
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { recordAudit } from "../audit/record-audit.server";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { Actor } from "./actor";
import { isStaffSession } from "./permissions";
import type { RateLimiters } from "./rate-limit.server";
import { roleRequiresSecondFactor } from "./roles";
import type { NewSession } from "./session.server";
import { createSession, deleteSession } from "./session.server";
import type { RequestInfo } from "./sign-in.server";
import { acceptTotpCode, newTotpSecret, totpQrDataUrl, totpUri } from "./totp.server";

export type TwoFactorState = { kind: "enabled"; enabledAt: Date; canDisable: boolean } | { kind: "enrolling"; secret: string; qrDataUrl: string };

/** True when the actor's role does not let them go without a second factor. */
export function isSecondFactorRequired(actor: Actor): boolean {
  return roleRequiresSecondFactor(actor.membership?.role ?? null, actor.membership?.kind ?? null, actor.isPlatformAdmin);
}

function auditScope(actor: Actor) {
  return { organisationId: actor.membership?.organisationId ?? null, regionCode: actor.membership?.regionCode ?? null };
}

async function readFactor(db: Database, userId: string) {
  const [row] = await db
    .select({ secretEnc: users.totpSecretEnc, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new Error("the signed-in user has no row");
  return row;
}

/** The actor's second factor; when there is none, the pending secret to enrol (created on first view). */
export async function loadTwoFactor({ db, cipher, actor }: { db: Database; cipher: IdentityCipher; actor: Actor }): Promise<TwoFactorState> {
  let row = await readFactor(db, actor.userId);
  if (!row.enabledAt && !row.secretEnc) {
    // Kept across reloads, so a code from the QR code scanned first still works; a second tab
    // that raced this one keeps the secret that was stored first.
    await db
      .update(users)
      .set({ totpSecretEnc: cipher.encrypt("totpSecret", newTotpSecret()) })
      .where(and(eq(users.id, actor.userId), isNull(users.totpSecretEnc), isNull(users.totpEnabledAt)));
    row = await readFactor(db, actor.userId);
  }
  if (row.enabledAt) return { kind: "enabled", enabledAt: row.enabledAt, canDisable: !isSecondFactorRequired(actor) };
  if (!row.secretEnc) throw new Error("no pending second-factor secret after storing one");
  const secret = cipher.decrypt("totpSecret", row.secretEnc);
  return { kind: "enrolling", secret, qrDataUrl: await totpQrDataUrl(totpUri(secret, actor.email)) };
}

export type EnableTotpResult =
  | { kind: "enabled"; session: NewSession }
  | { kind: "wrong-code" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "already-enabled" };

/** Turns the pending secret on when the code is right; returns the session that replaces this one. */
export async function enableTotp(options: { db: Database; cipher: IdentityCipher; rateLimits: RateLimiters; actor: Actor; code: string; request: RequestInfo }): Promise<EnableTotpResult> {
  const { db, actor, request } = options;
  const row = await readFactor(db, actor.userId);
  if (row.enabledAt) return { kind: "already-enabled" };
  const limited = await options.rateLimits.consume("secondFactor", `account:${actor.userId}`);
  if (!limited.ok) return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  // No pending secret: the form is older than the enrolment (reloading the page starts one).
  const step = row.secretEnc ? acceptTotpCode(options.cipher.decrypt("totpSecret", row.secretEnc), options.code, row.lastStep) : null;
  if (step === null) return { kind: "wrong-code" };
  const session = await db.transaction(async (tx) => {
    const now = new Date();
    // Once only, when two submissions race. The pending secret cannot change meanwhile: it is
    // written only while null and removed only from an enabled factor.
    const [enabled] = await tx
      .update(users)
      .set({ totpEnabledAt: now, totpLastStep: step, updatedAt: now })
      .where(and(eq(users.id, actor.userId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!enabled) return null;
    await deleteSession(tx, actor.sessionId);
    const created = await createSession(tx, { userId: actor.userId, staff: isStaffSession(actor), ...request });
    await recordAudit(tx, { actor, action: "auth.totp-enable", entity: "user", entityId: actor.userId, ...auditScope(actor), ip: request.ip });
    return created;
  });
  return session ? { kind: "enabled", session } : { kind: "already-enabled" };
}

export type DisableTotpResult = { kind: "disabled" } | { kind: "required" } | { kind: "not-enabled" } | { kind: "wrong-code" } | { kind: "rate-limited"; retryAfterSeconds: number };

/** Removes the second factor when the role allows going without and a current code is given. */
export async function disableTotp(options: { db: Database; cipher: IdentityCipher; rateLimits: RateLimiters; actor: Actor; code: string; request: RequestInfo }): Promise<DisableTotpResult> {
  const { db, actor, request } = options;
  if (isSecondFactorRequired(actor)) return { kind: "required" };
  const row = await readFactor(db, actor.userId);
  if (!row.enabledAt || !row.secretEnc) return { kind: "not-enabled" };
  const limited = await options.rateLimits.consume("secondFactor", `account:${actor.userId}`);
  if (!limited.ok) return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  if (acceptTotpCode(options.cipher.decrypt("totpSecret", row.secretEnc), options.code, row.lastStep) === null) return { kind: "wrong-code" };
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
      .where(and(eq(users.id, actor.userId), isNotNull(users.totpEnabledAt)));
    await recordAudit(tx, { actor, action: "auth.totp-disable", entity: "user", entityId: actor.userId, ...auditScope(actor), ip: request.ip });
  });
  return { kind: "disabled" };
}
