// Online applications as union staff work through them: the queue and the page are scoped
// to the caseworker's region (another region's application is a 404), the identity is shown only
// through a logged reveal, and each decision — contacted, declined, merged, accepted through the
// case form — is validated (a decided application is final: 409) and audited.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { applications } from "../../db/schema/case-records";
import { cases } from "../../db/schema/cases";
import type { TestUser } from "../../tests/accounts";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { completeApplication, loadApplicationPrefill } from "../domain/applications/application-prefill.server";
import { submitApplication } from "../domain/applications/submit-application.server";
import { getActor } from "../domain/auth/guards.server";
import { DomainError } from "../domain/errors/domain-error";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { action as statusAction } from "./apply.status";
import { action as detailAction, loader as detailLoader } from "./staff.applications.$id";
import { loader as queueLoader } from "./staff.applications._index";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();
let counter = 0;
let xiangyunCaseId = "";
let binchuanCaseId = "";
let caseworker: TestUser;
let kunmingCaseworker: TestUser;

const kunmingUnion = { key: "km-union", kind: "union" as const, name: "昆明市总工会", region: "5301" };
const binchuanUnion = { key: "bc-union", kind: "union" as const, name: "宾川县总工会", region: "532924", parent: "dali-union" };

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push(kunmingUnion, binchuanUnion);
  const binchuan = fakeCase(2, { organisation: "bc-union", region: "532924", needs: [] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(2, { region: "532924" }) };
  document.cases = [fakeCase(1, { needs: [] }), binchuan];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  xiangyunCaseId = imported.result.cases["case-1"] ?? "";
  binchuanCaseId = imported.result.cases["case-2"] ?? "";
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
  kunmingCaseworker = await createTestUser(handle.db, { organisation: "km-union", role: "caseworker" });
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

/** An application as /apply stores it; `idNumber` defaults to a fresh fake one. */
async function newApplication(options: { county?: string; idNumber?: string } = {}): Promise<{ id: string; number: string; phone: string }> {
  const n = 700 + ++counter;
  const county = options.county ?? "532923";
  const phone = `1990000${String(n).padStart(4, "0")}`;
  const result = await submitApplication({
    db: handle.db,
    cipher,
    rateLimits: { consume: async () => ({ ok: true }), peek: async () => ({ ok: true }), reward: async () => undefined, reset: async () => undefined, remember: async () => undefined, isRemembered: async () => false },
    application: {
      name: `测试申请人${n}`,
      idNumber: options.idNumber ?? fakeResidentId(n, { region: county }),
      phone,
      county,
      whatHappened: "测试：工伤后失业。",
      helpNeeded: `测试：需要一份工作 ${n}`,
      consent: "on",
    },
    ip: "203.0.113.9",
  });
  if (result.kind !== "submitted") throw new Error(JSON.stringify(result));
  const [row] = await handle.db.select({ id: applications.id }).from(applications).where(eq(applications.number, result.number));
  if (!row) throw new Error("no row");
  return { id: row.id, number: result.number, phone };
}

const detail = (user: TestUser, id: string) => settle(detailLoader({ request: userRequest(`/staff/applications/${id}`, { cookie: user.cookie }), context, params: { id } }));
const post = (user: TestUser, id: string, form: Record<string, string>) => settle(detailAction({ request: userRequest(`/staff/applications/${id}`, { cookie: user.cookie, form }), context, params: { id } }));

async function statusOfApplication(id: string) {
  const [row] = await handle.db.select({ status: applications.status, caseId: applications.caseId, declineReason: applications.declineReason, handledBy: applications.handledBy }).from(applications).where(eq(applications.id, id));
  return row;
}

async function actorOf(user: TestUser) {
  const actor = await getActor(userRequest("/staff", { cookie: user.cookie }), context);
  if (!actor) throw new Error("no actor");
  return actor;
}

describe("the application queue", () => {
  it("shows a Xiangyun caseworker their county's new application, without identity, and not Kunming's", async () => {
    const xiangyun = await newApplication();
    const kunming = await newApplication({ county: "530102" });
    const queue = await queueLoader({ request: userRequest("/staff/applications", { cookie: caseworker.cookie }), context, params: {} });
    const numbers = queue.applications.map((a) => a.number);
    expect(numbers).toContain(xiangyun.number);
    expect(numbers).not.toContain(kunming.number);
    expect(queue.applications.find((a) => a.number === xiangyun.number)).toMatchObject({ status: "new", regionCode: "532923" });
    expect(JSON.stringify(queue)).not.toContain("测试申请人");
    expect(JSON.stringify(queue)).not.toContain(xiangyun.phone);

    expect(statusOf(await detail(caseworker, xiangyun.id))).toBe(200);
    expect(statusOf(await detail(caseworker, kunming.id))).toBe(404);
    expect(statusOf(await post(caseworker, kunming.id, { intent: "reveal", reason: "contact-household" }))).toBe(404);
    expect(statusOf(await detail(kunmingCaseworker, kunming.id))).toBe(200);
  });

  it("lists the oldest first and leaves decided applications out", async () => {
    const first = await newApplication();
    const second = await newApplication();
    const declined = await newApplication();
    await post(caseworker, declined.id, { intent: "decline", reason: "测试：不在帮扶范围内。" });
    const queue = await queueLoader({ request: userRequest("/staff/applications", { cookie: caseworker.cookie }), context, params: {} });
    const numbers = queue.applications.map((a) => a.number);
    expect(numbers.indexOf(first.number)).toBeLessThan(numbers.indexOf(second.number));
    expect(numbers).not.toContain(declined.number);
  });

  it("is for caseworkers and admins: an auditor and a provider get 403", async () => {
    const auditor = await createTestUser(handle.db, { organisation: "xy-union", role: "auditor" });
    const provider = await createTestUser(handle.db, { organisation: "dali-employer", role: "admin" });
    for (const user of [auditor, provider]) {
      expect(statusOf(await settle(queueLoader({ request: userRequest("/staff/applications", { cookie: user.cookie }), context, params: {} })))).toBe(403);
    }
  });
});

describe("an application's page", () => {
  it("reveals the identity only on request, with the reason in the audit log and no value in it", async () => {
    const application = await newApplication();
    const page = await detail(caseworker, application.id);
    expect(JSON.stringify(page)).not.toContain("测试申请人");
    expect(JSON.stringify(page)).not.toContain(application.phone);
    const revealed = await post(caseworker, application.id, { intent: "reveal", reason: "contact-household" });
    expect(payloadOf(revealed)).toMatchObject({ intent: "reveal", identity: { phone: application.phone } });
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "identity.reveal")));
    expect(audit?.summary).toMatchObject({ after: { reason: "contact-household" } });
    expect(JSON.stringify(audit?.summary)).not.toContain(application.phone);
  });

  it("refuses a reveal without a reason", async () => {
    const application = await newApplication();
    const result = await post(caseworker, application.id, { intent: "reveal", reason: "" });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result)).toMatchObject({ identity: null, reply: { error: { reason: ["applications:errors.revealReasonRequired"] } } });
  });

  it("marks an application contacted once, then 409", async () => {
    const application = await newApplication();
    expect(statusOf(await post(caseworker, application.id, { intent: "contacted" }))).toBe(302);
    expect(await statusOfApplication(application.id)).toMatchObject({ status: "contacted", handledBy: caseworker.id });
    expect(statusOf(await post(caseworker, application.id, { intent: "contacted" }))).toBe(409);
  });

  it("declines with a reason the applicant then reads on the status page; the decision is final", async () => {
    const application = await newApplication();
    const reason = "测试：您家的情况更适合申请低保，请到乡镇民政办咨询。";
    expect(statusOf(await post(caseworker, application.id, { intent: "decline", reason: "短" }))).toBe(400);
    expect(statusOf(await post(caseworker, application.id, { intent: "decline", reason }))).toBe(302);
    expect(await statusOfApplication(application.id)).toMatchObject({ status: "declined", declineReason: reason });
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "application.decline")));
    expect(JSON.stringify(audit?.summary)).not.toContain(reason);

    const seen = await settle(statusAction({ request: userRequest("/apply/status", { form: { number: application.number, phone: application.phone } }), context: createTestLoadContext({ database: handle, cipher, clientIp: "192.0.2.77" }), params: {} }));
    expect(payloadOf(seen)).toMatchObject({ found: { status: "declined", declineReason: reason } });
    expect(statusOf(await post(caseworker, application.id, { intent: "contacted" }))).toBe(409);
  });

  it("offers the case holding the same resident ID and merges into it", async () => {
    const application = await newApplication({ idNumber: fakeResidentId(1) });
    const page = payloadOf(await detail(caseworker, application.id));
    expect(page).toMatchObject({ application: { matchingCaseId: xiangyunCaseId, registeredElsewhereBy: null } });
    expect(statusOf(await post(caseworker, application.id, { intent: "merge", caseReference: xiangyunCaseId }))).toBe(302);
    expect(await statusOfApplication(application.id)).toMatchObject({ status: "merged", caseId: xiangyunCaseId, handledBy: caseworker.id });
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "application.merge")));
    expect(audit?.summary).toMatchObject({ before: { status: "new" }, after: { status: "merged", caseId: xiangyunCaseId } });
  });

  it("merges into a case named by its short id, and refuses one of another county with a field error", async () => {
    const application = await newApplication();
    const elsewhere = await post(caseworker, application.id, { intent: "merge", caseReference: binchuanCaseId.slice(0, 8) });
    expect(statusOf(elsewhere)).toBe(400);
    expect(payloadOf(elsewhere)).toMatchObject({ reply: { error: { caseReference: ["applications:errors.caseNotFound"] } } });
    expect(await statusOfApplication(application.id)).toMatchObject({ status: "new", caseId: null });
    expect(statusOf(await post(caseworker, application.id, { intent: "merge", caseReference: xiangyunCaseId.slice(0, 8).toUpperCase() }))).toBe(302);
    expect(await statusOfApplication(application.id)).toMatchObject({ status: "merged", caseId: xiangyunCaseId });
  });

  it("offers and merges into a case by its number (532923-2026-0001 style), and then names the case by it", async () => {
    const [held] = await handle.db.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, xiangyunCaseId));
    const caseNumber = held?.caseNumber ?? "";
    expect(caseNumber).toMatch(/^532923-\d{4}-0001$/);
    const matching = await newApplication({ idNumber: fakeResidentId(1) });
    expect(payloadOf(await detail(caseworker, matching.id))).toMatchObject({ application: { matchingCaseNumber: caseNumber } });
    const application = await newApplication();
    expect(statusOf(await post(caseworker, application.id, { intent: "merge", caseReference: caseNumber.replace(/-0+(\d+)$/, "-$1") }))).toBe(302);
    expect(payloadOf(await detail(caseworker, application.id))).toMatchObject({ application: { caseId: xiangyunCaseId, caseNumber } });
  });

  it("names the union elsewhere that holds the resident ID, and nothing more", async () => {
    const application = await newApplication({ idNumber: fakeResidentId(2, { region: "532924" }) });
    const page = payloadOf(await detail(caseworker, application.id));
    expect(page).toMatchObject({ application: { matchingCaseId: null, registeredElsewhereBy: "宾川县总工会" } });
    expect(JSON.stringify(page)).not.toContain(binchuanCaseId);
  });
});

describe("accepting through the case registration form", () => {
  it("prefills from an open application through a logged reveal, and not from a closed or foreign one", async () => {
    const application = await newApplication();
    const kunming = await newApplication({ county: "530102" });
    const actor = await actorOf(caseworker);
    const prefill = await loadApplicationPrefill({ db: handle.db, cipher, actor, applicationId: application.id, ip: null });
    expect(prefill).toMatchObject({ phone: application.phone, regionCode: "532923", whatHappened: "测试：工伤后失业。" });
    expect(prefill?.name).toMatch(/^测试申请人/);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, "identity.reveal")));
    expect(audit?.summary).toMatchObject({ after: { reason: "arrange-help" } });
    expect(await loadApplicationPrefill({ db: handle.db, cipher, actor, applicationId: kunming.id, ip: null })).toBeNull();
    expect(await loadApplicationPrefill({ db: handle.db, cipher, actor, applicationId: "not-a-uuid", ip: null })).toBeNull();
    await post(caseworker, application.id, { intent: "decline", reason: "测试：重复申请。" });
    expect(await loadApplicationPrefill({ db: handle.db, cipher, actor, applicationId: application.id, ip: null })).toBeNull();
  });

  it("completes an application once: a second completion is a 409 and changes nothing", async () => {
    const application = await newApplication();
    const actor = await actorOf(caseworker);
    await handle.db.transaction((tx) => completeApplication(tx, { applicationId: application.id, caseId: xiangyunCaseId, actor, outcome: "accepted" }));
    expect(await statusOfApplication(application.id)).toMatchObject({ status: "accepted", caseId: xiangyunCaseId, handledBy: caseworker.id });
    const again = await handle.db.transaction((tx) => completeApplication(tx, { applicationId: application.id, caseId: xiangyunCaseId, actor, outcome: "merged" })).catch((thrown: unknown) => thrown);
    expect(again).toBeInstanceOf(DomainError);
    expect(again).toMatchObject({ kind: "conflict" });
    expect(await statusOfApplication(application.id)).toMatchObject({ status: "accepted" });
    const audits = await handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, application.id));
    expect(audits.map((a) => a.action).filter((a) => a.startsWith("application.") && a !== "application.submit")).toEqual(["application.accept"]);
  });

  it("refuses to close an application onto a case of another county (404)", async () => {
    const application = await newApplication();
    const actor = await actorOf(caseworker);
    const result = await handle.db.transaction((tx) => completeApplication(tx, { applicationId: application.id, caseId: binchuanCaseId, actor, outcome: "accepted" })).catch((thrown: unknown) => thrown);
    expect(result).toBeInstanceOf(DomainError);
    expect(result).toMatchObject({ kind: "not-found" });
    expect(await statusOfApplication(application.id)).toMatchObject({ status: "new", caseId: null });
  });
});
