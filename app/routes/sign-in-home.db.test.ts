// After sign-in (and after the TOTP step) people land on their role's home, not on /account, unless
// a page asked to be returned to.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { TEST_PASSWORD, TEST_TOTP_SECRET, createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { currentTotpCode } from "../domain/auth/totp.server";
import { action as signInAction, loader as signInLoader } from "./sign-in._index";
import { action as twoFactorAction } from "./sign-in.two-factor";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();
let ipCounter = 0;

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
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

/** Signs in through the form as the page renders it (the hidden redirectTo empty unless asked). */
async function signInLocation(email: string, redirectTo = ""): Promise<{ location: string | null; cookie: string }> {
  const response = await signInAction({
    request: userRequest("/sign-in", { form: { email, password: TEST_PASSWORD, redirectTo } }),
    context: { ...context, clientIp: `10.9.0.${++ipCounter}` },
    params: {},
  });
  if (!(response instanceof Response)) throw new Error(`sign-in refused: ${JSON.stringify(response)}`);
  return { location: response.headers.get("Location"), cookie: cookieFrom(response) };
}

describe("where sign-in lands", () => {
  it("sends a caseworker of the 祥云 union to /staff, not /account", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    expect((await signInLocation(user.email)).location).toBe("/staff");
  });

  it("sends an auditor of a union to /staff", async () => {
    const user = await createTestUser(handle.db, { organisation: "dali-union", role: "auditor" });
    expect((await signInLocation(user.email)).location).toBe("/staff");
  });

  it("sends a member of an employer to /organisation", async () => {
    const user = await createTestUser(handle.db, { organisation: "dali-employer", role: "member" });
    expect((await signInLocation(user.email)).location).toBe("/organisation");
  });

  it("sends a personal account to /account", async () => {
    const user = await createTestUser(handle.db);
    expect((await signInLocation(user.email)).location).toBe("/account");
  });

  it("returns to a page that asked for sign-in", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    expect((await signInLocation(user.email, "/staff/cases?page=2")).location).toBe("/staff/cases?page=2");
  });

  it("ignores an unsafe redirectTo and goes to the role's home", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    expect((await signInLocation(user.email, "//evil.example")).location).toBe("/staff");
  });

  it("sends a union admin with TOTP to /staff after the code", async () => {
    const user = await createTestUser(handle.db, { organisation: "xy-union", role: "admin", totp: true, cipher });
    const first = await signInLocation(user.email);
    expect(first.location).toBe("/sign-in/two-factor");
    const done = await twoFactorAction({
      request: userRequest("/sign-in/two-factor", { cookie: first.cookie, form: { code: currentTotpCode(TEST_TOTP_SECRET), redirectTo: "" } }),
      context,
      params: {},
    });
    if (!(done instanceof Response)) throw new Error("expected a redirect");
    expect(done.headers.get("Location")).toBe("/staff");
  });

  it("sends a platform admin with TOTP to /staff after the code", async () => {
    const user = await createTestUser(handle.db, { platformAdmin: true, totp: true, cipher });
    const first = await signInLocation(user.email);
    const done = await twoFactorAction({
      request: userRequest("/sign-in/two-factor", { cookie: first.cookie, form: { code: currentTotpCode(TEST_TOTP_SECRET) } }),
      context,
      params: {},
    });
    if (!(done instanceof Response)) throw new Error("expected a redirect");
    expect(done.headers.get("Location")).toBe("/staff");
  });

  it("sends someone already signed in who opens /sign-in to their home", async () => {
    const user = await createTestUser(handle.db, { organisation: "dali-employer", role: "admin" });
    const thrown = await signInLoader({ request: userRequest("/sign-in", { cookie: user.cookie }), context, params: {} }).catch((e: unknown) => e);
    if (!(thrown instanceof Response)) throw new Error("expected a redirect");
    expect(thrown.headers.get("Location")).toBe("/organisation");
  });
});
