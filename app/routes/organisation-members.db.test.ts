// /organisation/members through its loader and action, as the browser calls them: only an
// organisation's admins manage its people, every id is scoped to their own organisation, and a
// removal or role change ends the person's sessions.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { invitations, memberships, sessions } from "../../db/schema/accounts";
import { auditLog } from "../../db/schema/audit";
import { organisations } from "../../db/schema/organisations";
import { createTestUser, sessionCookie, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { RATE_LIMITS } from "../domain/auth/rate-limit.server";
import { hashToken } from "../domain/auth/tokens.server";
import { action, loader } from "./organisation.members";

let handle: DatabaseHandle;
let organisationCount = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

function contextFor(): AppLoadContext {
  return createTestLoadContext({ database: handle });
}

/** A fresh verified organisation per test, so no test sees another's people. */
async function newOrganisation(kind: "charity" | "union" = "charity", regionCode = "532923", status: "verified" | "pending" = "verified"): Promise<string> {
  const [row] = await handle.db
    .insert(organisations)
    .values({ kind, name: `测试机构${++organisationCount}`, regionCode, status })
    .returning({ id: organisations.id });
  if (!row) throw new Error("no organisation");
  return row.id;
}

async function membershipOf(userId: string) {
  const [row] = await handle.db.select().from(memberships).where(eq(memberships.userId, userId));
  return row;
}

const PATH = "/organisation/members";
const cipher = createTestCipher();

/** A change that worked redirects back to the page with its notice (not, say, to sign in). */
function locationOf(result: unknown): string | null {
  return result instanceof Response ? result.headers.get("Location") : null;
}
const hasInit = (result: unknown): result is { init: { headers?: HeadersInit } } =>
  typeof result === "object" && result !== null && "init" in result && typeof result.init === "object" && result.init !== null;
const retryAfterOf = (result: unknown) => (hasInit(result) ? new Headers(result.init.headers).get("Retry-After") : null);
const post = (cookie: string, form: Record<string, string>, context = contextFor()) => settle(action({ request: userRequest(PATH, { cookie, form }), context, params: {} }));

describe("who may manage an organisation's people", () => {
  it("gives a provider member who is not an admin 403, on the page and on every action", async () => {
    const org = await newOrganisation();
    const member = await createTestUser(handle.db, { organisation: org, role: "member" });
    expect(statusOf(await settle(loader({ request: userRequest(PATH, { cookie: member.cookie }), context: contextFor(), params: {} })))).toBe(403);
    expect(statusOf(await post(member.cookie, { intent: "invite", email: "someone@test.xiangyun.invalid", role: "member" }))).toBe(403);
    expect(await handle.db.select().from(invitations).where(eq(invitations.organisationId, org))).toHaveLength(0);
  });

  it("lists the admin's own organisation only, with the roles its kind allows", async () => {
    const org = await newOrganisation();
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const colleague = await createTestUser(handle.db, { organisation: org, role: "member" });
    await createTestUser(handle.db, { organisation: await newOrganisation(), role: "member" });
    const page = payloadOf(await loader({ request: userRequest(PATH, { cookie: admin.cookie }), context: contextFor(), params: {} }));
    expect(page).toMatchObject({ roles: ["admin", "member"] });
    expect(page).toHaveProperty("members", [expect.objectContaining({ email: admin.email, role: "admin" }), expect.objectContaining({ email: colleague.email, role: "member" })]);
  });
});

describe("inviting", () => {
  it("stores only the token's hash, emails the link and audits the invitation", async () => {
    const org = await newOrganisation();
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const context = contextFor();
    const result = await post(admin.cookie, { intent: "invite", email: " New.Colleague@Test.Xiangyun.Invalid ", role: "member" }, context);
    expect(locationOf(result)).toBe(`${PATH}?done=invited`);
    const [mail] = context.runtime.mailer.list();
    expect(mail?.to).toBe("new.colleague@test.xiangyun.invalid");
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
    expect(token).toBeDefined();
    expect(mail?.text).toContain(`http://localhost:3000/invitations/${token}`);
    const [stored] = await handle.db.select().from(invitations).where(eq(invitations.organisationId, org));
    expect(stored).toMatchObject({ email: "new.colleague@test.xiangyun.invalid", role: "member", tokenHash: hashToken(token ?? "") });
    expect(stored?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600 * 1000);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "membership.invite"), eq(auditLog.organisationId, org)));
    expect(audit).toMatchObject({ actorUserId: admin.id, entity: "invitation", entityId: stored?.id, regionCode: "532923" });
    expect(JSON.stringify(audit?.summary)).not.toContain("new.colleague");
  });

  it("refuses an email that is already a member here as a field error, keeping the input", async () => {
    const org = await newOrganisation();
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const member = await createTestUser(handle.db, { organisation: org, role: "member" });
    const result = await post(admin.cookie, { intent: "invite", email: member.email, role: "member" });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result)).toMatchObject({ intent: "invite", reply: { error: { email: ["members:errors.alreadyMember"] }, initialValue: { email: member.email } } });
    expect(await handle.db.select().from(invitations).where(eq(invitations.organisationId, org))).toHaveLength(0);
  });

  it("refuses a union role in a provider organisation", async () => {
    const org = await newOrganisation();
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const result = await post(admin.cookie, { intent: "invite", email: "caseworker@test.xiangyun.invalid", role: "caseworker" });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result)).toMatchObject({ reply: { error: { role: ["members:errors.roleInvalid"] } } });
  });

  it("withdraws an invitation; another organisation's invitation id is a 404", async () => {
    const org = await newOrganisation();
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const outsider = await createTestUser(handle.db, { organisation: await newOrganisation(), role: "admin" });
    await post(admin.cookie, { intent: "invite", email: "withdrawn@test.xiangyun.invalid", role: "admin" });
    const [invitation] = await handle.db.select().from(invitations).where(eq(invitations.organisationId, org));
    expect(statusOf(await post(outsider.cookie, { intent: "revoke", invitationId: invitation?.id ?? "" }))).toBe(404);
    expect(locationOf(await post(admin.cookie, { intent: "revoke", invitationId: invitation?.id ?? "" }))).toBe(`${PATH}?done=revoked`);
    const [after] = await handle.db.select().from(invitations).where(eq(invitations.organisationId, org));
    expect(after?.revokedAt).not.toBeNull();
  });
});

describe("who may invite, and how often", () => {
  it("lets no admin of a pending organisation invite: no form, 403, nothing stored or mailed", async () => {
    // A pending organisation's admin would have the site email anyone, with names of its choosing.
    const org = await newOrganisation("charity", "532923", "pending");
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const context = contextFor();
    const page = payloadOf(await loader({ request: userRequest(PATH, { cookie: admin.cookie }), context, params: {} }));
    expect(page).toMatchObject({ canInvite: false });
    const result = await post(admin.cookie, { intent: "invite", email: "anyone@test.xiangyun.invalid", role: "member" }, context);
    expect(statusOf(result)).toBe(403);
    expect(payloadOf(result)).toMatchObject({ intent: "invite", reply: { error: { "": ["members:invite.notVerified"] } } });
    expect(await handle.db.select().from(invitations).where(eq(invitations.organisationId, org))).toHaveLength(0);
    expect(context.runtime.mailer.list()).toHaveLength(0);
  });

  it("limits invitation emails per inviting admin and per organisation, with 429 and Retry-After", async () => {
    const org = await newOrganisation();
    const admins = await Promise.all(Array.from({ length: 4 }, () => createTestUser(handle.db, { organisation: org, role: "admin" })));
    const context = contextFor();
    let sent = 0;
    const invite = (cookie: string) => post(cookie, { intent: "invite", email: `colleague${++sent}@test.xiangyun.invalid`, role: "member" }, context);
    for (let i = 0; i < RATE_LIMITS.invitationUser.points; i++) expect(locationOf(await invite(admins[0]?.cookie ?? ""))).toBe(`${PATH}?done=invited`);
    const limited = await invite(admins[0]?.cookie ?? "");
    expect(statusOf(limited)).toBe(429);
    const retryAfter = Number(retryAfterOf(limited));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.invitationUser.duration);
    expect(JSON.stringify(payloadOf(limited))).toMatch(/近期发送的邀请过多，请 \d+ 分钟后再试/);
    // The organisation's own limit holds whoever of its admins sends.
    const perOrganisation = RATE_LIMITS.invitationOrganisation.points - RATE_LIMITS.invitationUser.points;
    for (let i = 0; i < perOrganisation; i++) expect(statusOf(await invite(admins[1 + Math.floor(i / RATE_LIMITS.invitationUser.points)]?.cookie ?? ""))).toBe(302);
    const byOrganisation = await invite(admins[3]?.cookie ?? "");
    expect(statusOf(byOrganisation)).toBe(429);
    expect(Number(retryAfterOf(byOrganisation))).toBeGreaterThan(RATE_LIMITS.invitationUser.duration);
    expect(context.runtime.mailer.list()).toHaveLength(RATE_LIMITS.invitationOrganisation.points);
    expect(await handle.db.select().from(invitations).where(eq(invitations.organisationId, org))).toHaveLength(RATE_LIMITS.invitationOrganisation.points);
  });
});

describe("removing people and changing roles", () => {
  it("never removes the last admin: 409 with a message", async () => {
    const org = await newOrganisation();
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const membership = await membershipOf(admin.id);
    const result = await post(admin.cookie, { intent: "remove", membershipId: membership?.id ?? "" });
    expect(statusOf(result)).toBe(409);
    expect(payloadOf(result)).toEqual({ intent: "change", message: "members:errors.lastAdmin" });
    expect(await membershipOf(admin.id)).toBeDefined();
  });

  it("never demotes the last admin either", async () => {
    const org = await newOrganisation();
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const membership = await membershipOf(admin.id);
    const result = await post(admin.cookie, { intent: "change-role", membershipId: membership?.id ?? "", role: "member" });
    expect(statusOf(result)).toBe(409);
    expect((await membershipOf(admin.id))?.role).toBe("admin");
  });

  it("removing a member deletes the membership and every session of that person, and audits it", async () => {
    const org = await newOrganisation();
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin" });
    const member = await createTestUser(handle.db, { organisation: org, role: "member" });
    await sessionCookie(handle.db, member.id); // signed in on a second device too
    const membership = await membershipOf(member.id);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, member.id))).toHaveLength(2);
    const result = await post(admin.cookie, { intent: "remove", membershipId: membership?.id ?? "" });
    expect(locationOf(result)).toBe(`${PATH}?done=removed`);
    expect(await membershipOf(member.id)).toBeUndefined();
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, member.id))).toHaveLength(0);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, admin.id))).toHaveLength(1);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "membership.remove"), eq(auditLog.entityId, membership?.id ?? "")));
    expect(audit).toMatchObject({ actorUserId: admin.id, organisationId: org, summary: { before: { role: "member", userId: member.id } } });
  });

  it("changes another member's role, ends their sessions and audits before and after", async () => {
    const org = await newOrganisation("union");
    // Union admins must use a second factor before they may do anything.
    const admin = await createTestUser(handle.db, { organisation: org, role: "admin", totp: true, cipher });
    const caseworker = await createTestUser(handle.db, { organisation: org, role: "caseworker" });
    const membership = await membershipOf(caseworker.id);
    const result = await post(admin.cookie, { intent: "change-role", membershipId: membership?.id ?? "", role: "finance" });
    expect(locationOf(result)).toBe(`${PATH}?done=role-changed`);
    expect((await membershipOf(caseworker.id))?.role).toBe("finance");
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, caseworker.id))).toHaveLength(0);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "membership.role-change"), eq(auditLog.entityId, membership?.id ?? "")));
    expect(audit?.summary).toMatchObject({ before: { role: "caseworker" }, after: { role: "finance" } });
  });

  it("a membership id of another organisation does nothing: 404", async () => {
    const admin = await createTestUser(handle.db, { organisation: await newOrganisation(), role: "admin" });
    const otherOrg = await newOrganisation();
    const stranger = await createTestUser(handle.db, { organisation: otherOrg, role: "member" });
    const strangerMembership = await membershipOf(stranger.id);
    expect(statusOf(await post(admin.cookie, { intent: "change-role", membershipId: strangerMembership?.id ?? "", role: "admin" }))).toBe(404);
    expect(statusOf(await post(admin.cookie, { intent: "remove", membershipId: strangerMembership?.id ?? "" }))).toBe(404);
    expect(statusOf(await post(admin.cookie, { intent: "remove", membershipId: "not-a-uuid" }))).toBe(404);
    expect(await membershipOf(stranger.id)).toMatchObject({ role: "member", organisationId: otherOrg });
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, stranger.id))).toHaveLength(1);
  });
});
