// /account through its real loader and action: profile, password change with session rotation,
// the session list and ending sessions — one's own only.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { sessions, users } from "../../db/schema/accounts";
import { auditLog } from "../../db/schema/audit";
import { TEST_PASSWORD, createTestUser, sessionCookie, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { createSession } from "../domain/auth/session.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader as rootLoader } from "../root";
import { action as accountAction, loader as accountLoader } from "./account._index";
import { action as signInAction } from "./sign-in._index";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();
const NEW_PASSWORD = "测试 changed password 2026";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const parsed = parseImportDocument(fakeDocument({ cases: 0, offers: 0 }));
  if (!parsed.ok) throw new Error("bad fixture");
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error("import failed");
}, 60_000);
afterAll(() => handle.close());

function postAccount(cookie: string, form: Record<string, string>, ctx = context) {
  return accountAction({ request: userRequest("/account", { cookie, form }), context: ctx, params: {} });
}

function loadAccount(cookie: string) {
  return accountLoader({ request: userRequest("/account", { cookie }), context, params: {} });
}

async function sessionIds(userId: string): Promise<string[]> {
  const rows = await handle.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  return rows.map((row) => row.id);
}

async function signedInAs(cookie: string): Promise<string | null> {
  const root = await rootLoader({ request: userRequest("/", { cookie }), context, params: {} });
  return root.actor?.email ?? null;
}

function cookieFrom(response: Response): string {
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

/** Status and Conform reply of an action's `data({ intent, reply }, { status })`. */
function received(result: unknown): { status: number; error: Record<string, string[] | null> } {
  if (result instanceof Response) return { status: result.status, error: {} };
  const body = JSON.parse(JSON.stringify(result)) as { data?: { reply?: { error?: Record<string, string[] | null> } }; init?: { status?: number } | null };
  return { status: body.init?.status ?? 200, error: body.data?.reply?.error ?? {} };
}

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  const thrown: unknown = await promise.then(
    () => null,
    (r: unknown) => r,
  );
  if (!(thrown instanceof Response)) throw new Error("expected a thrown Response");
  return thrown;
}

describe("the account page", () => {
  it("sends anonymous visitors to sign in", async () => {
    const thrown = await thrownBy(accountLoader({ request: userRequest("/account"), context, params: {} }));
    expect(thrown.headers.get("Location")).toBe("/sign-in?redirectTo=%2Faccount");
    const posted = await thrownBy(accountAction({ request: userRequest("/account", { form: { intent: "sign-out-everywhere" } }), context, params: {} }));
    expect(posted.status).toBe(302);
  });

  it("shows the profile and the live sessions of this account only, marking this device", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    await createSession(handle.db, { userId: user.id, staff: true, ip: "10.40.0.7", userAgent: FIREFOX });
    await createSession(handle.db, { userId: user.id, staff: true, secondFactorPending: true });
    await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const page = await loadAccount(user.cookie);
    expect(page.profile).toEqual({ displayName: expect.stringMatching(/^测试用户/), email: user.email });
    expect(page.sessions).toHaveLength(2);
    expect(page.sessions.filter((s) => s.isCurrent)).toHaveLength(1);
    expect(page.sessions.find((s) => !s.isCurrent)).toMatchObject({ device: "Linux 上的 Firefox", ip: "10.40.0.7" });
    expect(page.secondFactor).toEqual({ enabled: false, required: false });
  });

  it("saves a trimmed display name, refuses an empty one, and audits without the name", async () => {
    const user = await createTestUser(handle.db);
    const empty = received(await postAccount(user.cookie, { intent: "profile", displayName: "   " }));
    expect(empty).toEqual({ status: 400, error: { displayName: ["account:errors.displayNameRequired"] } });
    const saved = await postAccount(user.cookie, { intent: "profile", displayName: "  测试新名字  " });
    expect(saved instanceof Response && saved.headers.get("Location")).toBe("/account?notice=profileSaved");
    const [row] = await handle.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, user.id));
    expect(row?.displayName).toBe("测试新名字");
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.update-profile")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit.map((row) => row.summary))).not.toContain("测试新名字");
  });
});

describe("changing the password", () => {
  it("needs the current password", async () => {
    const user = await createTestUser(handle.db);
    const before = await sessionIds(user.id);
    const wrong = received(await postAccount(user.cookie, { intent: "password", currentPassword: "not my password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
    expect(wrong).toEqual({ status: 400, error: { currentPassword: ["account:errors.currentPasswordWrong"] } });
    const missing = received(await postAccount(user.cookie, { intent: "password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
    expect(missing).toEqual({ status: 400, error: { currentPassword: ["account:errors.currentPasswordRequired"] } });
    expect(await sessionIds(user.id)).toEqual(before);
    expect(await signedInAs(user.cookie)).toBe(user.email);
  });

  it("keeps this device signed in on a new session id and signs out every other", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const otherDevice = await sessionCookie(handle.db, user.id, true);
    const before = await sessionIds(user.id);
    expect(before).toHaveLength(2);
    const changed = await postAccount(user.cookie, { intent: "password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    if (!(changed instanceof Response)) throw new Error("expected a redirect");
    expect(changed.headers.get("Location")).toBe("/account?notice=passwordChanged");
    const after = await sessionIds(user.id);
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
    const newCookie = cookieFrom(changed);
    expect(await signedInAs(newCookie)).toBe(user.email);
    expect(await signedInAs(user.cookie)).toBeNull();
    expect(await signedInAs(otherDevice)).toBeNull();
    const signIn = await signInAction({ request: userRequest("/sign-in", { form: { email: user.email, password: NEW_PASSWORD } }), context: { ...context, clientIp: "10.40.1.1" }, params: {} });
    expect(received(signIn).status).toBe(302);
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "auth.password-change")));
    expect(audit[0]).toMatchObject({ regionCode: "532923", summary: { after: { otherSessionsEnded: 1 } } });
  });

  it("answers 429 once the current password has been guessed five times", async () => {
    const user = await createTestUser(handle.db);
    const guess = { intent: "password", currentPassword: "a wrong guess", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    for (let i = 0; i < 5; i++) expect(received(await postAccount(user.cookie, guess)).status).toBe(400);
    const limited = received(await postAccount(user.cookie, { ...guess, currentPassword: TEST_PASSWORD }));
    expect(limited).toEqual({ status: 429, error: { "": ["account:errors.rateLimited"] } });
  });
});

describe("ending sessions", () => {
  it("signs out one other session of one's own", async () => {
    const user = await createTestUser(handle.db);
    const [current] = await sessionIds(user.id);
    const otherDevice = await sessionCookie(handle.db, user.id);
    const other = (await sessionIds(user.id)).find((id) => id !== current);
    if (!current || !other) throw new Error("expected two sessions");
    const ended = await postAccount(user.cookie, { intent: "revoke-session", sessionId: other });
    expect(ended instanceof Response && ended.headers.get("Location")).toBe("/account?notice=sessionEnded");
    expect(await sessionIds(user.id)).toEqual([current]);
    expect(await signedInAs(otherDevice)).toBeNull();
    expect(await signedInAs(user.cookie)).toBe(user.email);
  });

  it("never ends another user's session, whatever id is posted", async () => {
    const user = await createTestUser(handle.db);
    const victim = await createTestUser(handle.db, { organisation: "xy-union", role: "admin" });
    const [victimSession] = await sessionIds(victim.id);
    if (!victimSession) throw new Error("expected a session");
    const refused = await thrownBy(postAccount(user.cookie, { intent: "revoke-session", sessionId: victimSession }));
    expect(refused.status).toBe(404);
    expect(await sessionIds(victim.id)).toEqual([victimSession]);
    expect(await signedInAs(victim.cookie)).toBe(victim.email);
    // Nor this device's own session: that is what signing out is for.
    const [own] = await sessionIds(user.id);
    expect((await thrownBy(postAccount(user.cookie, { intent: "revoke-session", sessionId: own ?? "" }))).status).toBe(404);
  });

  it("signs out everywhere, this device included", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const otherDevice = await sessionCookie(handle.db, user.id, true);
    const response = await postAccount(user.cookie, { intent: "sign-out-everywhere" });
    if (!(response instanceof Response)) throw new Error("expected a redirect");
    expect(response.headers.get("Location")).toBe("/sign-in?signedOutEverywhere=1");
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await sessionIds(user.id)).toHaveLength(0);
    expect(await signedInAs(otherDevice)).toBeNull();
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "auth.sign-out-everywhere")));
    expect(audit[0]).toMatchObject({ actorUserId: user.id, summary: { after: { sessionsEnded: 2 } } });
  });

  it("refuses an unknown intent", async () => {
    const user = await createTestUser(handle.db);
    expect((await thrownBy(postAccount(user.cookie, { intent: "delete-everything" }))).status).toBe(400);
  });
});
