// /account/two-factor through its real loader and action, then the sign-in it protects: enrolment
// with a wrong then a right code, session rotation, replay refused, turning off only when allowed,
// and the accounts that must enrol before anything else.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { sessions, users } from "../../db/schema/accounts";
import { auditLog } from "../../db/schema/audit";
import { TEST_PASSWORD, TEST_TOTP_SECRET, createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { currentTotpCode } from "../domain/auth/totp.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader as rootLoader } from "../root";
import { loader as accountLoader } from "./account._index";
import { action as twoFactorAction, loader as twoFactorLoader } from "./account.two-factor";
import { action as signInAction } from "./sign-in._index";
import { action as signInCodeAction } from "./sign-in.two-factor";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();
const STEP_MS = 30_000;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const parsed = parseImportDocument(fakeDocument({ cases: 0, offers: 0 }));
  if (!parsed.ok) throw new Error("bad fixture");
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error("import failed");
}, 60_000);
afterAll(() => handle.close());

function loadTwoFactor(cookie: string, path = "/account/two-factor") {
  return twoFactorLoader({ request: userRequest(path, { cookie }), context, params: {} });
}

function postTwoFactor(cookie: string, intent: string, code: string) {
  return twoFactorAction({ request: userRequest("/account/two-factor", { cookie, form: { intent, code } }), context, params: {} });
}

/** Six digits that are none of the codes accepted right now (one step early or late included). */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((step) => currentTotpCode(secret, Date.now() + step * STEP_MS)));
  return ["000000", "111111", "222222", "333333"].find((code) => !valid.has(code)) ?? "444444";
}

function cookieFrom(response: Response): string {
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

async function signedInAs(cookie: string): Promise<string | null> {
  const root = await rootLoader({ request: userRequest("/", { cookie }), context, params: {} });
  return root.actor?.email ?? null;
}

function received(result: unknown): { status: number; error: Record<string, string[] | null> } {
  if (result instanceof Response) return { status: result.status, error: {} };
  const body = JSON.parse(JSON.stringify(result)) as { data?: { error?: Record<string, string[] | null> }; init?: { status?: number } | null };
  return { status: body.init?.status ?? 200, error: body.data?.error ?? {} };
}

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  const thrown: unknown = await promise.then(
    () => null,
    (r: unknown) => r,
  );
  if (!(thrown instanceof Response)) throw new Error("expected a thrown Response");
  return thrown;
}

async function factorOf(userId: string) {
  const [row] = await handle.db.select({ secretEnc: users.totpSecretEnc, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep }).from(users).where(eq(users.id, userId));
  if (!row) throw new Error("no user");
  return row;
}

describe("enrolling a second factor", () => {
  it("keeps a pending secret, refuses a wrong code, turns on with a right one on a new session, then guards sign-in", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const page = await loadTwoFactor(user.cookie);
    if (page.state.kind !== "enrolling") throw new Error("expected an enrolment");
    expect(page.required).toBe(false);
    expect(page.state.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = page.state.secret.replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Pending: stored encrypted, not yet on, and the same after a reload.
    const pending = await factorOf(user.id);
    expect(pending.enabledAt).toBeNull();
    expect(pending.secretEnc && cipher.decrypt("totpSecret", pending.secretEnc)).toBe(secret);
    expect(pending.secretEnc?.toString("latin1")).not.toContain(secret);
    const reloaded = await loadTwoFactor(user.cookie);
    expect(reloaded.state.kind === "enrolling" && reloaded.state.secret.replace(/\s+/g, "")).toBe(secret);

    const wrong = received(await postTwoFactor(user.cookie, "enable", wrongCode(secret)));
    expect(wrong).toEqual({ status: 400, error: { code: ["account:errors.wrongCode"] } });
    expect((await factorOf(user.id)).enabledAt).toBeNull();

    const enrolmentCode = currentTotpCode(secret);
    const enabled = await postTwoFactor(user.cookie, "enable", enrolmentCode);
    if (!(enabled instanceof Response)) throw new Error("expected a redirect");
    expect(enabled.headers.get("Location")).toBe("/account?notice=totpEnabled");
    const newCookie = cookieFrom(enabled);
    expect(await signedInAs(newCookie)).toBe(user.email);
    expect(await signedInAs(user.cookie)).toBeNull();
    const factor = await factorOf(user.id);
    expect(factor.enabledAt).not.toBeNull();
    expect(factor.lastStep).not.toBeNull();
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "auth.totp-enable")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit.map((row) => row.summary))).not.toContain(secret);
    const after = await loadTwoFactor(newCookie);
    expect(after.state).toMatchObject({ kind: "enabled", canDisable: true });
    expect(JSON.stringify(after)).not.toContain(secret);

    // Signing in now asks for a code; the one used to enrol cannot be used again.
    const ctx = { ...context, clientIp: "10.50.0.1" };
    const passwordStep = await signInAction({ request: userRequest("/sign-in", { form: { email: user.email, password: TEST_PASSWORD } }), context: ctx, params: {} });
    if (!(passwordStep instanceof Response)) throw new Error("expected a redirect");
    // No page asked to be returned to: the code step then leads to the account's home.
    expect(passwordStep.headers.get("Location")).toBe("/sign-in/two-factor");
    const pendingCookie = cookieFrom(passwordStep);
    expect(await signedInAs(pendingCookie)).toBeNull();
    const postCode = (cookie: string, code: string) => signInCodeAction({ request: userRequest("/sign-in/two-factor", { cookie, form: { code } }), context: ctx, params: {} });
    expect(received(await postCode(pendingCookie, enrolmentCode)).status).toBe(400);
    // The next step's code is accepted (one step early is within the window).
    const nextCode = currentTotpCode(secret, Date.now() + STEP_MS);
    const signedIn = await postCode(pendingCookie, nextCode);
    if (!(signedIn instanceof Response)) throw new Error("expected a redirect");
    expect(signedIn.headers.get("Location")).toBe("/staff"); // a caseworker's home
    expect(await signedInAs(cookieFrom(signedIn))).toBe(user.email);

    // Replaying that code on a new password step fails.
    const again = await signInAction({ request: userRequest("/sign-in", { form: { email: user.email, password: TEST_PASSWORD } }), context: ctx, params: {} });
    if (!(again instanceof Response)) throw new Error("expected a redirect");
    const replay = await postCode(cookieFrom(again), nextCode);
    // Status only: that route replies with resetForm, and Conform then drops the form error.
    expect(received(replay).status).toBe(400);
  });

  it("answers 429 after five wrong codes", async () => {
    const user = await createTestUser(handle.db);
    const page = await loadTwoFactor(user.cookie);
    if (page.state.kind !== "enrolling") throw new Error("expected an enrolment");
    const secret = page.state.secret.replace(/\s+/g, "");
    for (let i = 0; i < 5; i++) expect(received(await postTwoFactor(user.cookie, "enable", wrongCode(secret))).status).toBe(400);
    expect(received(await postTwoFactor(user.cookie, "enable", currentTotpCode(secret)))).toEqual({ status: 429, error: { "": ["account:errors.rateLimited"] } });
    expect((await factorOf(user.id)).enabledAt).toBeNull();
  });
});

describe("accounts that must use a second factor", () => {
  it("sends a finance user without one from /account to enrol, and that page works for them", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "finance" });
    const sent = await thrownBy(accountLoader({ request: userRequest("/account", { cookie: user.cookie }), context, params: {} }));
    expect([sent.status, sent.headers.get("Location")]).toEqual([302, "/account/two-factor?required=1"]);
    const page = await loadTwoFactor(user.cookie, "/account/two-factor?required=1");
    expect(page.required).toBe(true);
    if (page.state.kind !== "enrolling") throw new Error("expected an enrolment");
    const enabled = await postTwoFactor(user.cookie, "enable", currentTotpCode(page.state.secret.replace(/\s+/g, "")));
    if (!(enabled instanceof Response)) throw new Error("expected a redirect");
    const account = await accountLoader({ request: userRequest("/account", { cookie: cookieFrom(enabled) }), context, params: {} });
    expect(account.secondFactor).toEqual({ enabled: true, required: true });
  });

  it("cannot turn it off, even with a right code", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "admin", totp: true, cipher });
    const page = await loadTwoFactor(user.cookie);
    expect(page.state).toMatchObject({ kind: "enabled", canDisable: false });
    const refused = await thrownBy(postTwoFactor(user.cookie, "disable", currentTotpCode(TEST_TOTP_SECRET)));
    expect(refused.status).toBe(403);
    expect((await factorOf(user.id)).enabledAt).not.toBeNull();
  });
});

describe("turning a second factor off", () => {
  it("needs a current code when the role allows going without", async () => {
    const user = await createTestUser(handle.db, { organisation: "dali-employer", role: "admin", totp: true, cipher });
    expect((await loadTwoFactor(user.cookie)).state).toMatchObject({ kind: "enabled", canDisable: true });
    expect(received(await postTwoFactor(user.cookie, "disable", wrongCode(TEST_TOTP_SECRET)))).toEqual({ status: 400, error: { code: ["account:errors.wrongCode"] } });
    const disabled = await postTwoFactor(user.cookie, "disable", currentTotpCode(TEST_TOTP_SECRET));
    expect(disabled instanceof Response && disabled.headers.get("Location")).toBe("/account?notice=totpDisabled");
    expect(await factorOf(user.id)).toEqual({ secretEnc: null, enabledAt: null, lastStep: null });
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "auth.totp-disable")));
    expect(audit).toHaveLength(1);
    // Still signed in, and the next visit offers a fresh enrolment.
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
    expect((await loadTwoFactor(user.cookie)).state.kind).toBe("enrolling");
  });
});
