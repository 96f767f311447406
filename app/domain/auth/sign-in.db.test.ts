// Signing in through the real route actions: sessions, rotation, rate limits, TOTP, sign-out.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { sessions } from "../../../db/schema/accounts";
import { auditLog } from "../../../db/schema/audit";
import { TEST_PASSWORD, TEST_TOTP_SECRET, createTestUser, userRequest } from "../../../tests/accounts";
import { createTestDatabase } from "../../../tests/database";
import { fakeDocument } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { createTestLoadContext } from "../../../tests/load-context";
import { loader as rootLoader } from "../../root";
import { action as signInAction } from "../../routes/sign-in._index";
import { action as twoFactorAction } from "../../routes/sign-in.two-factor";
import { action as signOutAction } from "../../routes/sign-out";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { RATE_LIMITS } from "./rate-limit.server";
import { currentTotpCode } from "./totp.server";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const parsed = parseImportDocument(fakeDocument({ cases: 0, offers: 0 }));
  if (!parsed.ok) throw new Error("bad fixture");
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error("import failed");
}, 60_000);
afterAll(() => handle.close());

function cookieFrom(response: Response): string {
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  return setCookie.split(";")[0] ?? "";
}

async function postSignIn(email: string, password: string, ip = "10.0.0.1") {
  const ctx = { ...context, clientIp: ip };
  return signInAction({ request: userRequest("/sign-in", { form: { email, password, redirectTo: "/staff" } }), context: ctx, params: {} });
}

describe("sign-in", () => {
  it("starts a session for the right password and redirects where asked", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const response = await postSignIn(user.email.toUpperCase(), TEST_PASSWORD);
    expect(response).toBeInstanceOf(Response);
    if (!(response instanceof Response)) return;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/staff");
    const setCookie = response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^xy_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const root = await rootLoader({ request: userRequest("/", { cookie: cookieFrom(response) }), context, params: {} });
    expect(root.actor).toMatchObject({ email: user.email, role: "caseworker", kind: "union" });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit.map((a) => a.action)).toContain("auth.sign-in");
  });

  it("gives a new session id on every sign-in", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const first = await postSignIn(user.email, TEST_PASSWORD);
    const second = await postSignIn(user.email, TEST_PASSWORD);
    if (!(first instanceof Response) || !(second instanceof Response)) throw new Error("expected redirects");
    expect(cookieFrom(first)).not.toBe(cookieFrom(second));
  });

  it("refuses a wrong password with the same message as an unknown email, keeping the email", async () => {
    const user = await createTestUser(handle.db);
    const wrong = await postSignIn(user.email, "not the password", "10.0.0.2");
    const unknown = await postSignIn("nobody@test.xiangyun.invalid", "whatever password", "10.0.0.2");
    for (const result of [wrong, unknown]) {
      expect(result).not.toBeInstanceOf(Response);
      const body = JSON.parse(JSON.stringify(result)) as { data: { error: Record<string, string[]>; initialValue: Record<string, string> }; init: { status: number } };
      expect(body.init.status).toBe(400);
      expect(body.data.error[""]).toEqual(["auth:errors.wrongCredentials"]);
      expect(body.data.initialValue.password).toBeUndefined();
    }
    const failures = await handle.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign-in-failed"));
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a disabled account", async () => {
    const user = await createTestUser(handle.db);
    const { users } = await import("../../../db/schema/accounts");
    await handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    const result = await postSignIn(user.email, TEST_PASSWORD, "10.0.0.3");
    expect(result).not.toBeInstanceOf(Response);
  });
});

/** Status, form errors and Retry-After of a sign-in answer (a redirect is a 302). */
function answerOf(result: unknown): { status: number; error: string[]; retryAfter: number | null } {
  if (result instanceof Response) return { status: result.status, error: [], retryAfter: null };
  const body = JSON.parse(JSON.stringify(result)) as { data: { error?: Record<string, string[]> }; init: { status: number; headers?: Record<string, string> } };
  const retryAfter = body.init.headers?.["Retry-After"];
  return { status: body.init.status, error: body.data.error?.[""] ?? [], retryAfter: retryAfter === undefined ? null : Number(retryAfter) };
}

describe("sign-in limits", () => {
  it("lets the owner in with the right password after five strangers' wrong passwords", async () => {
    const user = await createTestUser(handle.db);
    for (let i = 0; i < 5; i++) expect(answerOf(await postSignIn(user.email, "wrong password!", `10.1.0.${i}`)).status).toBe(400);
    expect(answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.1.0.9")).status).toBe(302);
  });

  it("makes the address that guessed five times wait, with 429 and Retry-After, even with the right password", async () => {
    const user = await createTestUser(handle.db);
    for (let i = 0; i < RATE_LIMITS.signInPair.points; i++) await postSignIn(user.email, "wrong password!", "10.3.0.1");
    for (const password of ["wrong again!", TEST_PASSWORD]) {
      const limited = answerOf(await postSignIn(user.email, password, "10.3.0.1"));
      expect(limited).toMatchObject({ status: 429, error: ["auth:errors.rateLimited"] });
      expect(limited.retryAfter).toBeGreaterThan(0);
      expect(limited.retryAfter).toBeLessThanOrEqual(RATE_LIMITS.signInPair.duration);
    }
    // Waiting refused attempts are not failures: the account is not slowed by them, and the owner elsewhere gets in.
    expect(answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.3.0.2")).status).toBe(302);
  });

  it("counts wrong passwords only: more right ones than the address limit all get in", async () => {
    const user = await createTestUser(handle.db);
    for (let i = 0; i <= RATE_LIMITS.signInAddress.points; i++) expect(answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.4.0.1")).status).toBe(302);
  });

  it("limits wrong passwords from one address across accounts", async () => {
    for (let i = 0; i < RATE_LIMITS.signInAddress.points; i++) await postSignIn(`guess${i}@test.xiangyun.invalid`, "wrong password!", "10.5.0.1");
    const user = await createTestUser(handle.db);
    const limited = answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.5.0.1"));
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.5.0.2")).status).toBe(302);
  });

  it("slows a hammered account for new addresses, while the owner's usual address still gets in", async () => {
    const user = await createTestUser(handle.db);
    expect(answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.6.0.1")).status).toBe(302);
    // Strangers from many addresses, each under its own limits, together past the account's limit.
    for (let n = 0; n < RATE_LIMITS.signInAccount.points; n++) {
      expect(answerOf(await postSignIn(user.email, "wrong password!", `10.6.1.${Math.floor(n / RATE_LIMITS.signInPair.points)}`)).status).toBe(400);
    }
    // A new address: one attempt goes through, the next one (from anywhere new) waits its turn.
    expect(answerOf(await postSignIn(user.email, "wrong password!", "10.6.2.1")).status).toBe(400);
    const slowed = answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.6.2.2"));
    expect(slowed).toMatchObject({ status: 429, error: ["auth:errors.rateLimited"] });
    expect(slowed.retryAfter).toBeGreaterThan(0);
    expect(slowed.retryAfter).toBeLessThanOrEqual(RATE_LIMITS.signInSlowed.duration);
    // The owner, from where they signed in before, with the right password: in.
    expect(answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.6.0.1")).status).toBe(302);
  });

  it("slows rather than locks out the owner's own address after their own typing errors", async () => {
    const user = await createTestUser(handle.db);
    expect(answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.7.0.1")).status).toBe(302);
    for (let i = 0; i < RATE_LIMITS.signInKnownPair.points; i++) await postSignIn(user.email, "wrong password!", "10.7.0.1");
    const waiting = answerOf(await postSignIn(user.email, TEST_PASSWORD, "10.7.0.1"));
    expect(waiting.status).toBe(429);
    expect(waiting.retryAfter).toBeLessThanOrEqual(RATE_LIMITS.signInKnownPair.duration);
  });
});

describe("sign-in with a second factor", () => {
  it("asks for the TOTP code, then replaces the pending session; a replayed code fails", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "finance", totp: true, cipher });
    const first = await postSignIn(user.email, TEST_PASSWORD, "10.2.0.1");
    if (!(first instanceof Response)) throw new Error("expected a redirect");
    expect(first.headers.get("Location")).toBe("/sign-in/two-factor?redirectTo=%2Fstaff");
    const pendingCookie = cookieFrom(first);
    // The pending session is not signed in.
    const rootPending = await rootLoader({ request: userRequest("/", { cookie: pendingCookie }), context, params: {} });
    expect(rootPending.actor).toBeNull();

    const wrong = await twoFactorAction({ request: userRequest("/sign-in/two-factor", { cookie: pendingCookie, form: { code: "000000" } }), context, params: {} });
    const wrongBody = JSON.parse(JSON.stringify(wrong)) as { data: { error: Record<string, string[]> }; init: { status: number } };
    expect(wrongBody.init.status).toBe(400);
    expect(wrongBody.data.error[""]).toEqual(["auth:errors.wrongCode"]);

    const code = currentTotpCode(TEST_TOTP_SECRET);
    const done = await twoFactorAction({ request: userRequest("/sign-in/two-factor", { cookie: pendingCookie, form: { code, redirectTo: "/staff" } }), context, params: {} });
    if (!(done instanceof Response)) throw new Error("expected a redirect");
    expect(done.headers.get("Location")).toBe("/staff");
    const fullCookie = cookieFrom(done);
    expect(fullCookie).not.toBe(pendingCookie);
    const root = await rootLoader({ request: userRequest("/", { cookie: fullCookie }), context, params: {} });
    expect(root.actor).toMatchObject({ email: user.email, role: "finance" });
    // The pending session is gone.
    const stillPending = await rootLoader({ request: userRequest("/", { cookie: pendingCookie }), context, params: {} });
    expect(stillPending.actor).toBeNull();

    // The same code again, on a new password step: refused (replay).
    const again = await postSignIn(user.email, TEST_PASSWORD, "10.2.0.2");
    if (!(again instanceof Response)) throw new Error("expected a redirect");
    const replay = await twoFactorAction({ request: userRequest("/sign-in/two-factor", { cookie: cookieFrom(again), form: { code } }), context, params: {} });
    expect(replay).not.toBeInstanceOf(Response);
  });
});

describe("sign-out", () => {
  it("deletes the session on the server and clears the cookie", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const before = await handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(before).toHaveLength(1);
    const response = await signOutAction({ request: userRequest("/sign-out", { cookie: user.cookie, method: "POST" }), context, params: {} });
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    const after = await handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(after).toHaveLength(0);
    const root = await rootLoader({ request: userRequest("/", { cookie: user.cookie }), context, params: {} });
    expect(root.actor).toBeNull();
  });
});
