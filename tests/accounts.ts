// Accounts for tests: a user with a membership (or none), a live session for them, and the Cookie
// header a browser would send. Emails are obviously fake (@test.xiangyun.invalid).
import { eq } from "drizzle-orm";
import type { MembershipRole } from "../app/domain/auth/roles";
import { hashPassword } from "../app/domain/auth/password.server";
import { createSession } from "../app/domain/auth/session.server";
import type { IdentityCipher } from "../app/domain/privacy/identity-cipher.server";
import type { Database } from "../db/client.server";
import { memberships, users } from "../db/schema/accounts";
import { organisations } from "../db/schema/organisations";

export const TEST_PASSWORD = "correct horse battery";
/** A fixed base32 TOTP secret for accounts created with `totp: true`. */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

let passwordHash: Promise<string> | null = null;
let counter = 0;

export interface TestUser {
  id: string;
  email: string;
  /** Cookie header of a fresh, fully signed-in session. */
  cookie: string;
}

/** Creates a user; `organisation` is an organisation's import key or id. */
export async function createTestUser(
  db: Database,
  options: { organisation?: string; role?: MembershipRole; platformAdmin?: boolean; totp?: boolean; cipher?: IdentityCipher; email?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = options.email ?? `user${++counter}-${Math.random().toString(36).slice(2, 8)}@test.xiangyun.invalid`;
  if (options.totp && !options.cipher) throw new Error("totp: true needs the cipher the app uses");
  const [user] = await db
    .insert(users)
    .values({
      email,
      displayName: `测试用户${counter}`,
      passwordHash: await passwordHash,
      isPlatformAdmin: options.platformAdmin ?? false,
      totpSecretEnc: options.totp && options.cipher ? options.cipher.encrypt("totpSecret", TEST_TOTP_SECRET) : null,
      totpEnabledAt: options.totp ? new Date() : null,
    })
    .returning({ id: users.id });
  if (!user) throw new Error("no user");
  if (options.organisation) {
    const [org] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(/^[0-9a-f-]{36}$/.test(options.organisation) ? eq(organisations.id, options.organisation) : eq(organisations.importKey, options.organisation));
    if (!org) throw new Error(`no organisation ${options.organisation}`);
    await db.insert(memberships).values({ userId: user.id, organisationId: org.id, role: options.role ?? "member" });
  }
  const staff = options.platformAdmin === true || (options.role !== undefined && options.role !== "member");
  return { id: user.id, email, cookie: await sessionCookie(db, user.id, staff) };
}

/** The Cookie header of a new signed-in session for a user (as after sign-in over http://localhost). */
export async function sessionCookie(db: Database, userId: string, staff = false): Promise<string> {
  const session = await createSession(db, { userId, staff });
  return `xy_session=${encodeURIComponent(Buffer.from(JSON.stringify(session.token)).toString("base64"))}`;
}

/** A request as the site's own pages send it: same-origin, with the user's cookie. */
export function userRequest(url: string, options: { cookie?: string; method?: string; form?: Record<string, string | string[]> } = {}): Request {
  const headers = new Headers({ "Sec-Fetch-Site": "same-origin", Origin: "http://localhost:3000" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return new Request(new URL(url, "http://localhost:3000"), { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}
