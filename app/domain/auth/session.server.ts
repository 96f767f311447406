// Server-side sessions: a random token in an HttpOnly cookie, its hash in `sessions`.
// A new session (and id) on every sign-in and second-factor step; deleted on sign-out, password
// change and role change. Staff sessions end after an hour idle and twelve hours in all.
import { createCookie } from "@remix-run/node";
import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { memberships, sessions, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "./actor";
import { hashToken, newToken } from "./tokens.server";

export const STAFF_SESSION = { idleSeconds: 60 * 60, lifetimeSeconds: 12 * 60 * 60 };
export const MEMBER_SESSION = { idleSeconds: 14 * 24 * 60 * 60, lifetimeSeconds: 30 * 24 * 60 * 60 };
/** Between a right password and the TOTP code. */
export const SECOND_FACTOR_SECONDS = 10 * 60;
/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_SECONDS = 60;

const cookieOptions = { httpOnly: true, sameSite: "lax", path: "/" } as const;
// `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and for path /.
const secureCookie = createCookie("__Host-xy_session", { ...cookieOptions, secure: true });
const plainCookie = createCookie("xy_session", { ...cookieOptions, secure: false });

/**
 * Secure cookies over HTTPS, and in production on any host but this machine's loopback: the
 * embedded default on http://localhost still signs in, a deployment without TLS does not.
 */
export function usesSecureCookie(request: Request, nodeEnv: string): boolean {
  const url = new URL(request.url);
  if (url.protocol === "https:") return true;
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return nodeEnv === "production" && !loopback;
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const cookie of [secureCookie, plainCookie]) {
    const value: unknown = await cookie.parse(header);
    if (typeof value === "string" && value.length > 20) return value;
  }
  return null;
}

export function hasSessionCookie(request: Request): boolean {
  const header = request.headers.get("Cookie") ?? "";
  return /(^|;\s*)(__Host-)?xy_session=/.test(header);
}

export function sessionCookieHeader(request: Request, nodeEnv: string, token: string, maxAgeSeconds: number): Promise<string> {
  return (usesSecureCookie(request, nodeEnv) ? secureCookie : plainCookie).serialize(token, { maxAge: maxAgeSeconds });
}

export function clearSessionCookieHeader(request: Request, nodeEnv: string): Promise<string> {
  return (usesSecureCookie(request, nodeEnv) ? secureCookie : plainCookie).serialize("", { maxAge: 0 });
}

export interface NewSession {
  token: string;
  id: string;
  maxAgeSeconds: number;
}

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: Database | Transaction,
  options: { userId: string; staff: boolean; secondFactorPending?: boolean; ip?: string | null; userAgent?: string | null },
): Promise<NewSession> {
  const token = newToken();
  const id = hashToken(token);
  const kind = options.staff ? STAFF_SESSION : MEMBER_SESSION;
  const lifetime = options.secondFactorPending ? SECOND_FACTOR_SECONDS : kind.lifetimeSeconds;
  await db.insert(sessions).values({
    id,
    userId: options.userId,
    secondFactorPending: options.secondFactorPending ?? false,
    expiresAt: new Date(Date.now() + lifetime * 1000),
    idleSeconds: options.secondFactorPending ? SECOND_FACTOR_SECONDS : kind.idleSeconds,
    ip: options.ip ?? null,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
  });
  return { token, id, maxAgeSeconds: lifetime };
}

export interface LoadedSession {
  id: string;
  secondFactorPending: boolean;
  actor: Actor;
}

/** The live session for a token with its user, or null (expired, idle too long, user disabled). */
export async function loadSession(db: Database, token: string): Promise<LoadedSession | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({
      id: sessions.id,
      secondFactorPending: sessions.secondFactorPending,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      idleSeconds: sessions.idleSeconds,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      isPlatformAdmin: users.isPlatformAdmin,
      totpEnabledAt: users.totpEnabledAt,
      disabledAt: users.disabledAt,
      organisationId: organisations.id,
      organisationName: organisations.name,
      kind: organisations.kind,
      status: organisations.status,
      regionCode: organisations.regionCode,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const now = Date.now();
  if (row.disabledAt || row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + row.idleSeconds * 1000 <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_SECONDS * 1000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  const membership =
    row.organisationId && row.organisationName && row.kind && row.status && row.regionCode && row.role
      ? { organisationId: row.organisationId, organisationName: row.organisationName, kind: row.kind, status: row.status, regionCode: row.regionCode, role: row.role }
      : null;
  return {
    id: row.id,
    secondFactorPending: row.secondFactorPending,
    actor: {
      userId: row.userId,
      email: row.email,
      displayName: row.displayName,
      isPlatformAdmin: row.isPlatformAdmin,
      totpEnabled: row.totpEnabledAt !== null,
      sessionId: row.id,
      membership,
    },
  };
}

export async function deleteSession(db: Database | Transaction, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user (sign out everywhere, password or role change), or all but one. */
export async function deleteUserSessions(db: Database | Transaction, userId: string, options: { except?: string } = {}): Promise<number> {
  const where = options.except ? and(eq(sessions.userId, userId), ne(sessions.id, options.except)) : eq(sessions.userId, userId);
  const deleted = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return deleted.length;
}

/** Removes sessions that can no longer be used (called now and then by the server). */
export async function deleteExpiredSessions(db: Database): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), sql`${sessions.lastSeenAt} + make_interval(secs => ${sessions.idleSeconds}) < now()`));
}

/** The Set-Cookie header that hands a new session to the browser. */
export function startSessionHeaders(request: Request, nodeEnv: string, session: NewSession): Promise<HeadersInit> {
  return sessionCookieHeader(request, nodeEnv, session.token, session.maxAgeSeconds).then((cookie) => ({ "Set-Cookie": cookie }));
}

/** The Set-Cookie header that removes the session cookie. */
export function endSessionHeaders(request: Request, nodeEnv: string): Promise<HeadersInit> {
  return clearSessionCookieHeader(request, nodeEnv).then((cookie) => ({ "Set-Cookie": cookie }));
}
