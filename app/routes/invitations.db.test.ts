// Answering an invitation, from the emailed link to a signed-in member: the link works once and
// for a week, and a person who already belongs to an organisation cannot join another.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { invitations, memberships, sessions, users } from "../../db/schema/accounts";
import { auditLog } from "../../db/schema/audit";
import { organisations } from "../../db/schema/organisations";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { cookieFrom, payloadOf, settle, statusOf } from "../../tests/route-results";
import { getActor } from "../domain/auth/guards.server";
import { hashToken } from "../domain/auth/tokens.server";
import { action, loader } from "./invitations.$token";
import { action as membersAction } from "./organisation.members";

let handle: DatabaseHandle;
let counter = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

/** Each call its own client address, so the per-address rate limit counts one test at a time. */
function contextFor(clientIp = `203.0.113.${++counter}`): AppLoadContext {
  return createTestLoadContext({ database: handle, clientIp });
}

async function newOrganisation(kind: "charity" | "union" = "charity"): Promise<string> {
  const [row] = await handle.db
    .insert(organisations)
    .values({ kind, name: `测试邀请机构${++counter}`, regionCode: "532923", status: "verified" })
    .returning({ id: organisations.id });
  if (!row) throw new Error("no organisation");
  return row.id;
}

/** An admin of a new organisation invites `email` through the members page; returns the link's token. */
async function invite(email: string, options: { kind?: "charity" | "union"; role?: string } = {}) {
  const organisationId = await newOrganisation(options.kind);
  // A union admin must have a second factor before the members page lets them in.
  const admin = await createTestUser(handle.db, { organisation: organisationId, role: "admin", totp: true, cipher: createTestCipher() });
  const context = contextFor();
  const form = { intent: "invite", email, role: options.role ?? "member" };
  const result = await settle(membersAction({ request: userRequest("/organisation/members", { cookie: admin.cookie, form }), context, params: {} }));
  expect(result instanceof Response && result.headers.get("Location")).toBe("/organisation/members?done=invited");
  const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(context.runtime.mailer.list()[0]?.text ?? "")?.[1];
  if (!token) throw new Error("no invitation link was mailed");
  return { token, organisationId, admin };
}

const open = (token: string, cookie?: string) => settle(loader({ request: userRequest(`/invitations/${token}`, { cookie }), context: contextFor(), params: { token } }));
const answer = (token: string, form: Record<string, string>, options: { cookie?: string; context?: AppLoadContext } = {}) =>
  settle(action({ request: userRequest(`/invitations/${token}`, { cookie: options.cookie, form }), context: options.context ?? contextFor(), params: { token } }));
const newcomer = { intent: "create-account", displayName: "测试新同事", password: "a long enough password" };
const fakeEmail = () => `invitee${++counter}@test.xiangyun.invalid`;

describe("a newcomer accepts", () => {
  it("creates the user and the membership, uses the invitation, signs them in and audits it", async () => {
    const email = fakeEmail();
    const { token, organisationId, admin } = await invite(email);
    expect(payloadOf(await open(token))).toMatchObject({ view: { state: "valid", role: "member", email, viewer: { kind: "newcomer" } } });

    const result = await answer(token, newcomer);
    expect(statusOf(result)).toBe(302);
    expect(result instanceof Response && result.headers.get("Location")).toBe("/organisation");
    const cookie = cookieFrom(result);
    expect(cookie).toMatch(/^xy_session=/);

    const [user] = await handle.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ displayName: "测试新同事" });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const [membership] = await handle.db.select().from(memberships).where(eq(memberships.userId, user?.id ?? ""));
    expect(membership).toMatchObject({ organisationId, role: "member" });
    const [invitation] = await handle.db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
    expect(invitation?.acceptedAt).not.toBeNull();

    const actor = await getActor(userRequest("/organisation", { cookie: cookie ?? "" }), contextFor());
    expect(actor).toMatchObject({ email, membership: { organisationId, role: "member" } });

    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.organisationId, organisationId)).orderBy(auditLog.id);
    expect(audit.map((row) => [row.action, row.actorUserId])).toEqual([
      ["membership.invite", admin.id],
      ["membership.join", user?.id],
    ]);
    expect(audit[1]).toMatchObject({ entity: "membership", entityId: membership?.id, regionCode: "532923" });
  });

  it("sends union staff to the workspace", async () => {
    const { token } = await invite(fakeEmail(), { kind: "union", role: "caseworker" });
    const result = await answer(token, newcomer);
    expect(result instanceof Response && result.headers.get("Location")).toBe("/staff");
  });

  it("keeps the input and hides the password when the form is wrong", async () => {
    const { token } = await invite(fakeEmail());
    const result = await answer(token, { ...newcomer, password: "tiny9" });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result)).toMatchObject({ reply: { error: { password: ["members:errors.passwordTooShort"] }, initialValue: { displayName: "测试新同事" } } });
    expect(JSON.stringify(payloadOf(result))).not.toContain("tiny9");
  });
});

describe("a link that no longer works", () => {
  it("works once: the second answer is refused with 410 and creates nothing", async () => {
    const email = fakeEmail();
    const { token } = await invite(email);
    expect(statusOf(await answer(token, newcomer))).toBe(302);
    expect(statusOf(await open(token))).toBe(410);
    expect(payloadOf(await open(token))).toMatchObject({ view: { state: "accepted" } });
    const again = await answer(token, { ...newcomer, displayName: "测试第二次" });
    expect(statusOf(again)).toBe(410);
    expect(cookieFrom(again)).toBeNull();
    expect(await handle.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it("refuses an expired invitation", async () => {
    const email = fakeEmail();
    const { token } = await invite(email);
    await handle.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.tokenHash, hashToken(token)));
    expect(statusOf(await open(token))).toBe(410);
    expect(payloadOf(await open(token))).toMatchObject({ view: { state: "expired" } });
    expect(statusOf(await answer(token, newcomer))).toBe(410);
    expect(await handle.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it("refuses a withdrawn invitation, and answers 404 for a token that never existed", async () => {
    const { token, admin } = await invite(fakeEmail());
    const [invitation] = await handle.db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
    await settle(membersAction({ request: userRequest("/organisation/members", { cookie: admin.cookie, form: { intent: "revoke", invitationId: invitation?.id ?? "" } }), context: contextFor(), params: {} }));
    expect(payloadOf(await open(token))).toMatchObject({ view: { state: "revoked" } });
    expect(statusOf(await open("A".repeat(43)))).toBe(404);
    expect(statusOf(await open("not-a-token"))).toBe(404);
  });
});

describe("someone with an account", () => {
  it("is asked to sign in first, then accepts with a new session", async () => {
    const personal = await createTestUser(handle.db);
    const { token, organisationId } = await invite(personal.email);
    expect(payloadOf(await open(token))).toMatchObject({ view: { viewer: { kind: "must-sign-in" } } });
    expect(statusOf(await answer(token, newcomer))).toBe(409);
    expect(payloadOf(await open(token, personal.cookie))).toMatchObject({ view: { viewer: { kind: "can-accept" } } });

    const result = await answer(token, { intent: "accept" }, { cookie: personal.cookie });
    expect(statusOf(result)).toBe(302);
    expect(cookieFrom(result)).not.toBe(personal.cookie);
    const [membership] = await handle.db.select().from(memberships).where(eq(memberships.userId, personal.id));
    expect(membership).toMatchObject({ organisationId, role: "member" });
    // The old session is gone; the one in the new cookie is the only one.
    expect(await getActor(userRequest("/", { cookie: personal.cookie }), contextFor())).toBeNull();
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, personal.id))).toHaveLength(1);
  });

  it("cannot accept as a member of another organisation", async () => {
    const elsewhere = await createTestUser(handle.db, { organisation: await newOrganisation(), role: "member" });
    const before = await handle.db.select().from(memberships).where(eq(memberships.userId, elsewhere.id));
    const { token, organisationId } = await invite(elsewhere.email, { role: "admin" });
    expect(payloadOf(await open(token, elsewhere.cookie))).toMatchObject({ view: { viewer: { kind: "has-membership" } } });
    const result = await answer(token, { intent: "accept" }, { cookie: elsewhere.cookie });
    expect(statusOf(result)).toBe(409);
    expect(payloadOf(result)).toMatchObject({ reply: { error: { "": ["members:errors.hasMembership"] } } });
    expect(await handle.db.select().from(memberships).where(eq(memberships.userId, elsewhere.id))).toEqual(before);
    expect(await handle.db.select().from(memberships).where(eq(memberships.organisationId, organisationId))).toHaveLength(1);
    const [invitation] = await handle.db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
    expect(invitation?.acceptedAt).toBeNull();
  });

  it("signed in as someone else, is told so and cannot accept", async () => {
    const someoneElse = await createTestUser(handle.db);
    const { token } = await invite(fakeEmail());
    expect(payloadOf(await open(token, someoneElse.cookie))).toMatchObject({ view: { viewer: { kind: "other-account", signedInAs: someoneElse.email } } });
    expect(statusOf(await answer(token, { intent: "accept" }, { cookie: someoneElse.cookie }))).toBe(403);
    expect(await handle.db.select().from(memberships).where(eq(memberships.userId, someoneElse.id))).toHaveLength(0);
  });
});

it("rate limits answers from one address: 429 after the limit", async () => {
  const { token } = await invite(fakeEmail());
  const ip = "198.51.100.7";
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push(statusOf(await answer(token, { ...newcomer, password: "tiny9" }, { context: contextFor(ip) })));
  expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
  expect(statuses[10]).toBe(429);
});
