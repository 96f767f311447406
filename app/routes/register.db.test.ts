// Registering an organisation through /register as the browser posts it: one transaction creates
// the pending organisation, its first admin, the audit row and a session; the applicant and the
// union admins covering its region are emailed; bad input, a honeypot and a flood create nothing.
import type { AppLoadContext } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { memberships, sessions, users } from "../../db/schema/accounts";
import { auditLog } from "../../db/schema/audit";
import { organisations } from "../../db/schema/organisations";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { cookieFrom, payloadOf, settle, statusOf } from "../../tests/route-results";
import { getActor } from "../domain/auth/guards.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader as organisationLoader } from "./organisation._index";
import { action, loader } from "./register";

let handle: DatabaseHandle;
const cipher = createTestCipher();
let counter = 0;
const admins: Record<"xiangyun" | "dali" | "kunming", string> = { xiangyun: "", dali: "", kunming: "" };
let xiangyunCaseworker = "";

beforeAll(async () => {
  handle = await createTestDatabase();
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "km-union", kind: "union", name: "昆明市总工会", region: "5301" });
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  admins.xiangyun = (await createTestUser(handle.db, { organisation: "xy-union", role: "admin", totp: true, cipher })).email;
  admins.dali = (await createTestUser(handle.db, { organisation: "dali-union", role: "admin", totp: true, cipher })).email;
  admins.kunming = (await createTestUser(handle.db, { organisation: "km-union", role: "admin", totp: true, cipher })).email;
  xiangyunCaseworker = (await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" })).email;
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

/** Each test its own client address, so the per-address limit counts one test at a time. */
function contextFor(clientIp = `198.51.100.${++counter}`): AppLoadContext {
  return createTestLoadContext({ database: handle, cipher, clientIp });
}

function registration(overrides: Record<string, string> = {}): Record<string, string> {
  const n = ++counter;
  return {
    kind: "training",
    name: `测试职业技能培训学校${n}`,
    region: "532923",
    description: "测试数据：电工和养老护理培训。",
    contactName: "测试联系人",
    contactEmail: `contact${n}@test.xiangyun.invalid`,
    contactPhone: "0872-712 3456",
    website: "www.example.org",
    displayName: "测试申请人",
    email: `Applicant${n}@Test.Xiangyun.Invalid`,
    password: "a long enough password",
    ...overrides,
  };
}

const post = (form: Record<string, string>, context = contextFor(), cookie?: string) =>
  settle(action({ request: userRequest("/register?province=53", { form, cookie }), context, params: {} }));

async function organisationNamed(name: string) {
  const [row] = await handle.db.select().from(organisations).where(eq(organisations.name, name));
  return row;
}

async function totals() {
  const n = async (table: typeof users | typeof organisations | typeof memberships | typeof sessions) => (await handle.db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return { users: await n(users), organisations: await n(organisations), memberships: await n(memberships), sessions: await n(sessions) };
}

/** The errors and kept values of a Conform reply. */
function replyOf(result: unknown) {
  const payload = payloadOf(result);
  const error = typeof payload === "object" && payload !== null && "error" in payload ? payload.error : undefined;
  const initialValue = typeof payload === "object" && payload !== null && "initialValue" in payload ? payload.initialValue : undefined;
  const errors: Record<string, string[] | null> = JSON.parse(JSON.stringify(error ?? {}));
  const values: Record<string, unknown> = JSON.parse(JSON.stringify(initialValue ?? {}));
  return { error: errors, initialValue: values };
}

describe("registering an organisation", () => {
  it("creates a pending organisation, its admin, an audit row and a session, and emails the applicant and covering union admins", async () => {
    const form = registration();
    const context = contextFor();
    const result = await post(form, context);
    expect(statusOf(result)).toBe(302);
    expect(result instanceof Response && result.headers.get("Location")).toBe("/organisation?registered=1");
    expect(result instanceof Response && result.headers.get("Set-Cookie")).toMatch(/^xy_session=.*HttpOnly.*SameSite=Lax/i);

    const organisation = await organisationNamed(form.name ?? "");
    expect(organisation).toMatchObject({ kind: "training", status: "pending", regionCode: "532923", contactPhone: "0872-7123456", website: "https://www.example.org", parentId: null });
    const [user] = await handle.db.select().from(users).where(eq(users.email, (form.email ?? "").toLowerCase()));
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const [membership] = await handle.db.select().from(memberships).where(eq(memberships.userId, user?.id ?? ""));
    expect(membership).toMatchObject({ organisationId: organisation?.id, role: "admin" });

    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, organisation?.id ?? ""));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "organisation.register", actorUserId: user?.id, organisationId: organisation?.id, regionCode: "532923", ip: context.clientIp });
    // The summary names states, never the contact's details.
    expect(JSON.stringify(audit[0]?.summary)).not.toMatch(/contact|0872|测试联系人/);

    const cookie = cookieFrom(result) ?? "";
    const actor = await getActor(userRequest("/organisation", { cookie }), context);
    expect(actor).toMatchObject({ userId: user?.id, membership: { organisationId: organisation?.id, role: "admin", status: "pending" } });

    const mail = context.runtime.mailer.list();
    const to = mail.map((m) => m.to).sort();
    expect(to).toEqual([user?.email, admins.xiangyun, admins.dali].sort());
    expect(to).not.toContain(admins.kunming);
    expect(to).not.toContain(xiangyunCaseworker);
    const request = mail.find((m) => m.to === admins.xiangyun);
    expect(request?.text).toContain(`http://localhost:3000/staff/organisations/${organisation?.id}`);
    expect(mail.find((m) => m.to === user?.email)?.text).toContain("http://localhost:3000/organisation");
  });

  it("shows the new member their pending organisation and which union reviews it", async () => {
    const form = registration({ region: "532923" });
    const result = await post(form);
    const page = payloadOf(await organisationLoader({ request: userRequest("/organisation?registered=1", { cookie: cookieFrom(result) ?? "" }), context: contextFor(), params: {} }));
    expect(page).toMatchObject({ registered: true, canManageMembers: true, canPublishOffers: false, organisation: { name: form.name, status: "pending", reviewingUnion: "祥云县总工会", rejectionReason: null } });
  });

  it.each([
    ["a bad email", { email: "not-an-email" }, "email", "organisations:errors.emailInvalid"],
    ["a short password", { password: "short" }, "password", "organisations:errors.passwordTooShort"],
    ["a union as the kind", { kind: "union" }, "kind", "organisations:errors.kindRequired"],
    ["a phone that is neither mobile nor landline", { contactPhone: "12345" }, "contactPhone", "organisations:errors.phoneInvalid"],
    ["an unknown region", { region: "539999" }, "region", "organisations:errors.regionUnknown"],
  ])("refuses %s with a field error, keeps the input but the password, and creates nothing", async (_label, overrides, field, message) => {
    const before = await totals();
    const form = registration(overrides);
    const result = await post(form);
    expect(statusOf(result)).toBe(400);
    const reply = replyOf(result);
    expect(reply.error[field]).toEqual([message]);
    expect(reply.initialValue).toMatchObject({ name: form.name, contactName: form.contactName, region: form.region });
    expect(reply.initialValue.password).toBeUndefined();
    expect(await totals()).toEqual(before);
  });

  it("tells a taken email to sign in instead, whatever its case, and creates nothing", async () => {
    const taken = await createTestUser(handle.db, { email: `taken${++counter}@test.xiangyun.invalid` });
    const before = await totals();
    const context = contextFor();
    const result = await post(registration({ email: taken.email.toUpperCase() }), context);
    expect(statusOf(result)).toBe(400);
    expect(replyOf(result).error.email).toEqual(["organisations:errors.emailTaken"]);
    expect(await totals()).toEqual(before);
    expect(context.runtime.mailer.list()).toEqual([]);
  });

  it("thanks a bot that filled the honeypot and creates nothing", async () => {
    const before = await totals();
    const context = contextFor();
    const result = await post({ ...registration(), website_url: "http://spam.example" }, context);
    expect(statusOf(result)).toBe(302);
    expect(result instanceof Response && result.headers.get("Location")).toBe("/register?received=1");
    expect(cookieFrom(result)).toBeNull();
    expect(await totals()).toEqual(before);
    expect(context.runtime.mailer.list()).toEqual([]);
    const page = payloadOf(await loader({ request: userRequest("/register?received=1"), context, params: {} }));
    expect(page).toMatchObject({ received: true });
  });

  it("answers 429 with a form error after ten registrations from one address", async () => {
    const context = contextFor("192.0.2.77");
    // Taken emails are cheap (no password hashing) and count like any other attempt.
    const taken = await createTestUser(handle.db);
    for (let i = 0; i < 10; i++) expect(statusOf(await post(registration({ email: taken.email }), context))).toBe(400);
    const before = await totals();
    const limited = await post(registration(), context);
    expect(statusOf(limited)).toBe(429);
    expect(replyOf(limited).error[""]).toEqual(["organisations:errors.rateLimited"]);
    expect(await totals()).toEqual(before);
    // Another address is not affected.
    expect(statusOf(await post(registration()))).toBe(302);
  });

  it("replaces the session the browser already had", async () => {
    const existing = await createTestUser(handle.db);
    const result = await post(registration(), contextFor(), existing.cookie);
    expect(statusOf(result)).toBe(302);
    expect(await getActor(userRequest("/", { cookie: existing.cookie }), contextFor())).toBeNull();
  });
});

describe("the registration form", () => {
  it("lists the provinces, and a province's prefectures and counties once it is chosen", async () => {
    const none = payloadOf(await loader({ request: userRequest("/register"), context: contextFor(), params: {} }));
    expect(none).toMatchObject({ received: false, regions: null });
    expect(none).toHaveProperty("provinces", expect.arrayContaining([{ code: "53", name: "云南省" }]));
    const yunnan = payloadOf(await loader({ request: userRequest("/register?province=53"), context: contextFor(), params: {} }));
    expect(yunnan).toHaveProperty("regions.province", { code: "53", name: "云南省" });
    expect(yunnan).toHaveProperty(
      "regions.prefectures",
      expect.arrayContaining([expect.objectContaining({ code: "5329", counties: expect.arrayContaining([expect.objectContaining({ code: "532923" })]) })]),
    );
    // A prefecture is not a province: nothing to list.
    expect(payloadOf(await loader({ request: userRequest("/register?province=5329"), context: contextFor(), params: {} }))).toMatchObject({ regions: null });
  });
});
