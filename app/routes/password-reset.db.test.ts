// Forgotten passwords through the real route actions: the emailed link works once and for an hour,
// ends every session of the account, and the form never tells whether an address has an account.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { passwordResets, sessions, users } from "../../db/schema/accounts";
import { auditLog } from "../../db/schema/audit";
import { TEST_PASSWORD, createTestUser, sessionCookie, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { hashToken } from "../domain/auth/tokens.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader as accountLoader } from "./account._index";
import { action as forgotAction } from "./forgot-password";
import { action as resetAction, loader as resetLoader } from "./reset-password.$token";
import { action as signInAction } from "./sign-in._index";

let handle: DatabaseHandle;
const cipher = createTestCipher();
const NEW_PASSWORD = "测试 new password 2026";

beforeAll(async () => {
  handle = await createTestDatabase();
  const parsed = parseImportDocument(fakeDocument({ cases: 0, offers: 0 }));
  if (!parsed.ok) throw new Error("bad fixture");
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error("import failed");
}, 60_000);
afterAll(() => handle.close());

// Each test asks from its own address, so the per-address limit of one test never hits another.
let addresses = 0;
function freshContext(): AppLoadContext {
  return createTestLoadContext({ database: handle, cipher, clientIp: `10.30.0.${++addresses}` });
}

function askForReset(context: AppLoadContext, email: string, extra: Record<string, string> = {}) {
  return forgotAction({ request: userRequest("/forgot-password", { form: { email, ...extra } }), context, params: {} });
}

function postReset(context: AppLoadContext, token: string, password: string, confirmation = password) {
  return resetAction({ request: userRequest(`/reset-password/${token}`, { form: { newPassword: password, confirmPassword: confirmation } }), context, params: { token } });
}

function getReset(context: AppLoadContext, token: string) {
  return resetLoader({ request: userRequest(`/reset-password/${token}`), context, params: { token } });
}

function signIn(context: AppLoadContext, email: string, password: string) {
  return signInAction({ request: userRequest("/sign-in", { form: { email, password } }), context, params: {} });
}

interface Received {
  status: number;
  data: { usable?: boolean; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
}

/** What the browser receives from a Response or from `data(…, { status })`. */
function received(result: unknown): Received {
  if (result instanceof Response) return { status: result.status, data: {} };
  const body = JSON.parse(JSON.stringify(result)) as { data?: Received["data"]; init?: { status?: number } | null };
  return { status: body.init?.status ?? 200, data: body.data ?? {} };
}

function tokenFromMail(context: AppLoadContext): string {
  const [mail] = context.runtime.mailer.list();
  const link = /http:\/\/localhost:3000\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? "");
  if (!link?.[1]) throw new Error("no reset link in the mail");
  return link[1];
}

describe("password reset", () => {
  it("emails a link that sets a new password once; the database keeps only the token's hash", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const context = freshContext();
    const asked = await askForReset(context, user.email.toUpperCase());
    expect(asked).toBeInstanceOf(Response);
    if (!(asked instanceof Response)) return;
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe("/forgot-password?sent=1");
    const mails = context.runtime.mailer.list();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe(user.email);
    const token = tokenFromMail(context);
    const [stored] = await handle.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(stored?.tokenHash).toBe(hashToken(token));
    expect(stored?.tokenHash).not.toContain(token);
    const minutesLeft = ((stored?.expiresAt.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(58);
    expect(minutesLeft).toBeLessThanOrEqual(60);

    expect(received(await getReset(context, token))).toMatchObject({ status: 200, data: { usable: true } });
    const reset = await postReset(context, token, NEW_PASSWORD);
    expect(reset).toBeInstanceOf(Response);
    if (!(reset instanceof Response)) return;
    expect(reset.headers.get("Location")).toBe("/sign-in?passwordReset=1");
    expect(received(await signIn(context, user.email, NEW_PASSWORD)).status).toBe(302);
    expect(received(await signIn(context, user.email, TEST_PASSWORD)).status).toBe(400);

    // The same link again: gone, and the password stays the one set first.
    expect(received(await postReset(context, token, "another password 123")).status).toBe(410);
    expect(received(await getReset(context, token))).toMatchObject({ status: 410, data: { usable: false } });
    expect(received(await signIn(context, user.email, "another password 123")).status).toBe(400);

    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    const entry = audit.find((row) => row.action === "auth.password-reset");
    expect(entry).toMatchObject({ actorUserId: user.id, regionCode: "532923", ip: context.clientIp });
    expect(JSON.stringify(audit.map((row) => row.summary))).not.toContain(token);
  });

  it("refuses an expired link and changes nothing", async () => {
    const user = await createTestUser(handle.db);
    const context = freshContext();
    await askForReset(context, user.email);
    const token = tokenFromMail(context);
    await handle.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(passwordResets.userId, user.id));
    expect(received(await getReset(context, token))).toMatchObject({ status: 410, data: { usable: false } });
    expect(received(await postReset(context, token, NEW_PASSWORD)).status).toBe(410);
    expect(received(await signIn(context, user.email, TEST_PASSWORD)).status).toBe(302);
  });

  it("refuses a link that was never sent", async () => {
    const context = freshContext();
    expect(received(await getReset(context, "made-up-token-made-up-token-made-up-token12")).status).toBe(410);
    expect(received(await postReset(context, "made-up-token-made-up-token-made-up-token12", NEW_PASSWORD)).status).toBe(410);
  });

  it("ends every session of the account, on every device", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const otherDevice = await sessionCookie(handle.db, user.id, true);
    const context = freshContext();
    await askForReset(context, user.email);
    await postReset(context, tokenFromMail(context), NEW_PASSWORD);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    for (const cookie of [user.cookie, otherDevice]) {
      const thrown: unknown = await accountLoader({ request: userRequest("/account", { cookie }), context, params: {} }).catch((r: unknown) => r);
      expect(thrown).toBeInstanceOf(Response);
      if (thrown instanceof Response) expect(thrown.headers.get("Location")).toBe("/sign-in?redirectTo=%2Faccount");
    }
  });

  it("refuses a short or mistyped new password with errors by the fields, keeping the link usable", async () => {
    const user = await createTestUser(handle.db);
    const context = freshContext();
    await askForReset(context, user.email);
    const token = tokenFromMail(context);
    const mistyped = received(await postReset(context, token, NEW_PASSWORD, `${NEW_PASSWORD}!`));
    expect(mistyped.status).toBe(400);
    expect(mistyped.data.error?.confirmPassword).toEqual(["account:errors.passwordsDiffer"]);
    expect(mistyped.data.initialValue?.newPassword).toBeUndefined();
    const short = received(await postReset(context, token, "short"));
    expect(short.status).toBe(400);
    expect(short.data.error?.newPassword).toEqual(["auth:errors.passwordTooShort"]);
    expect(received(await getReset(context, token)).status).toBe(200);
  });
});

describe("forgot password", () => {
  it("answers an unknown address exactly like a known one, and sends no mail", async () => {
    const user = await createTestUser(handle.db);
    const knownContext = freshContext();
    const unknownContext = freshContext();
    const known = await askForReset(knownContext, user.email);
    const unknown = await askForReset(unknownContext, "nobody-here@test.xiangyun.invalid");
    if (!(known instanceof Response) || !(unknown instanceof Response)) throw new Error("expected redirects");
    expect([unknown.status, unknown.headers.get("Location"), unknown.headers.get("Set-Cookie")]).toEqual([known.status, known.headers.get("Location"), known.headers.get("Set-Cookie")]);
    expect(knownContext.runtime.mailer.list()).toHaveLength(1);
    expect(unknownContext.runtime.mailer.list()).toHaveLength(0);
  });

  it("sends nothing to a disabled account, and says the same", async () => {
    const user = await createTestUser(handle.db);
    await handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    const context = freshContext();
    const asked = await askForReset(context, user.email);
    expect(asked instanceof Response && asked.headers.get("Location")).toBe("/forgot-password?sent=1");
    expect(context.runtime.mailer.list()).toHaveLength(0);
  });

  it("gives a bot that filled the honeypot the same answer and sends nothing", async () => {
    const user = await createTestUser(handle.db);
    const context = freshContext();
    const asked = await askForReset(context, user.email, { website_url: "http://spam.example" });
    expect(asked instanceof Response && asked.headers.get("Location")).toBe("/forgot-password?sent=1");
    expect(context.runtime.mailer.list()).toHaveLength(0);
  });

  it("answers 400 with the error by the field for an address that is not one", async () => {
    const result = received(await askForReset(freshContext(), "not an address"));
    expect(result.status).toBe(400);
    expect(result.data.error?.email).toEqual(["account:errors.emailInvalid"]);
  });

  it("answers 429 after three requests for one address within the hour, from any address", async () => {
    const user = await createTestUser(handle.db);
    const context = freshContext();
    for (let i = 0; i < 3; i++) expect(received(await askForReset({ ...context, clientIp: `10.31.0.${i}` }, user.email)).status).toBe(302);
    const limited = await askForReset({ ...context, clientIp: "10.31.0.9" }, user.email);
    expect(received(limited)).toMatchObject({ status: 429, data: { error: { "": ["account:errors.rateLimited"] } } });
    const body = JSON.parse(JSON.stringify(limited)) as { init: { headers: Record<string, string> } };
    expect(Number(body.init.headers["Retry-After"])).toBeGreaterThan(0);
    expect(context.runtime.mailer.list()).toHaveLength(3);
  });

  it("answers 429 after ten requests from one address, whatever the emails", async () => {
    const context = freshContext();
    for (let i = 0; i < 10; i++) expect(received(await askForReset(context, `nobody${i}@test.xiangyun.invalid`)).status).toBe(302);
    expect(received(await askForReset(context, "nobody-else@test.xiangyun.invalid")).status).toBe(429);
  });
});
