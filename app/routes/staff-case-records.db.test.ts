// The records kept on a case page (/staff/cases/:id) through its real loader and action: the logged
// reveal of the identity, consent and its withdrawal (which takes every need off the site and
// queues the index), visits and follow-ups, and the status machine (409 for a stale or impossible
// move, 400 for an exit without a follow-up date). Auditors read and reveal; they cannot write.
import type { AppLoadContext } from "@remix-run/node";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { caseConsents, caseVisits } from "../../db/schema/case-records";
import { cases } from "../../db/schema/cases";
import { needs } from "../../db/schema/needs";
import { searchOutbox } from "../../db/schema/search-outbox";
import type { TestUser } from "../../tests/accounts";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import type { ImportDocumentInput } from "../domain/import/import-document";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { action, loader } from "./staff.cases.$id";

type CaseInput = NonNullable<ImportDocumentInput["cases"]>[number];

let handle: DatabaseHandle;
let context: AppLoadContext;
let caseworker: TestUser;
let auditor: TestUser;
let binchuanCase: string;
const cipher = createTestCipher();
let serial = 10;
let kicks = 0;

async function importCases(caseInputs: CaseInput[], organisations: ImportDocumentInput["organisations"] = []) {
  const parsed = parseImportDocument({ version: 1, organisations, cases: caseInputs, offers: [] });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  return imported.result;
}

/** A fresh Xiangyun household of its own for one test (no shared mutable case between tests). */
async function newCase(overrides: Partial<CaseInput> = {}) {
  const n = ++serial;
  const result = await importCases([fakeCase(n, { needs: [], ...overrides })]);
  return { id: result.cases[`case-${n}`] ?? "", n, needs: result.needs };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const base = createTestLoadContext({ database: handle, cipher });
  context = { ...base, runtime: { ...base.runtime, kickSearch: () => void kicks++ } };
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(1, { organisation: "bc-union", region: "532924", needs: [] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(1, { region: "532924" }) };
  const result = await importCases([binchuan], document.organisations);
  binchuanCase = result.cases["case-1"] ?? "";
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
  auditor = await createTestUser(handle.db, { organisation: "xy-union", role: "auditor" });
}, 60_000);
afterAll(() => handle?.close());

const post = (caseId: string, form: Record<string, string | string[]>, user = caseworker) =>
  settle(action({ request: userRequest(`/staff/cases/${caseId}`, { cookie: user.cookie, form }), context, params: { id: caseId } }));
const open = (caseId: string, user = caseworker) => loader({ request: userRequest(`/staff/cases/${caseId}`, { cookie: user.cookie }), context, params: { id: caseId } });
const caseRow = async (id: string) => (await handle.db.select({ status: cases.status, consent: cases.consent, followUpOn: cases.followUpOn }).from(cases).where(eq(cases.id, id)))[0];
const lastAudit = async (action: string, entityId: string) =>
  (await handle.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId))).orderBy(desc(auditLog.id)).limit(1))[0];
const replyShape = z.object({ result: z.object({ error: z.record(z.string(), z.array(z.string()).nullable()).optional() }) });
const errorsOf = (result: unknown) => {
  const parsed = replyShape.safeParse(payloadOf(result));
  return parsed.success ? (parsed.data.result.error ?? {}) : {};
};
const textOf = async (result: unknown) => (result instanceof Response ? await result.text() : "");

describe("revealing the identity", () => {
  it("shows the values in that answer only and logs who, which fields and why", async () => {
    const household = await newCase();
    const result = await post(household.id, { intent: "reveal", reason: "contact-household" });
    expect(statusOf(result)).toBe(200);
    const head = fakeCase(household.n).head;
    expect(payloadOf(result)).toMatchObject({ intent: "reveal", identity: { name: head.name, idNumber: head.idNumber, phone: head.phone, address: head.address } });
    const audit = await lastAudit("identity.reveal", household.id);
    expect(audit?.actorUserId).toBe(caseworker.id);
    expect(audit?.summary?.after).toEqual({ fields: ["name", "idNumber", "phone", "address"], reason: "contact-household" });
    expect(JSON.stringify(audit?.summary)).not.toContain(head.name);
    // The next load of the page knows nothing of it.
    expect(JSON.stringify(await open(household.id))).not.toContain(head.name);
  });

  it("lets an auditor reveal, and refuses a reveal without a reason (nothing logged)", async () => {
    const household = await newCase();
    expect(statusOf(await post(household.id, { intent: "reveal", reason: "audit-check" }, auditor))).toBe(200);
    const before = (await handle.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, household.id)))[0]?.n;
    const refused = await post(household.id, { intent: "reveal" });
    expect(statusOf(refused)).toBe(400);
    expect(errorsOf(refused).reason).toEqual(["cases:errors.reasonRequired"]);
    expect((await handle.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, household.id)))[0]?.n).toBe(before);
  });

  it("answers 404 to a Xiangyun caseworker revealing a Binchuan household", async () => {
    const result = await post(binchuanCase, { intent: "reveal", reason: "contact-household" });
    expect(statusOf(result)).toBe(404);
    expect(await lastAudit("identity.reveal", binchuanCase)).toBeUndefined();
  });
});

describe("consent", () => {
  it("makes a household publishable only with a live consent covering publishing", async () => {
    const household = await newCase({ consent: false });
    expect(statusOf(await post(household.id, { intent: "consent-record", givenOn: "2025-03-01", covers: ["contact"], witnessedBy: "王干事" }))).toBe(302);
    expect((await caseRow(household.id))?.consent).toBe(false);
    const result = await post(household.id, { intent: "consent-record", givenOn: "2025-03-02", covers: ["publish", "share-with-providers"], witnessedBy: "王干事" });
    expect(statusOf(result)).toBe(302);
    expect((await caseRow(household.id))?.consent).toBe(true);
    const page = await open(household.id);
    expect(page.records.consents.map((c) => c.covers)).toEqual([["publish", "share-with-providers"], ["contact"]]);
    const audit = await lastAudit("case.consent-record", household.id);
    expect(audit?.summary).toMatchObject({ before: { consent: false }, after: { consent: true, givenOn: "2025-03-02" } });
    expect(JSON.stringify(audit?.summary)).not.toContain("王干事");
  });

  it("refuses a consent without what it covers or dated in the future", async () => {
    const household = await newCase({ consent: false });
    const result = await post(household.id, { intent: "consent-record", givenOn: "2999-01-01", witnessedBy: "王干事" });
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result)).toMatchObject({ covers: ["cases:errors.coversRequired"], givenOn: ["cases:errors.givenOnFuture"] });
    expect(await handle.db.select().from(caseConsents).where(eq(caseConsents.caseId, household.id))).toEqual([]);
  });

  it("withdrawn, takes every open need of the household off the site and queues the index at once", async () => {
    const n = serial + 1;
    const household = await newCase({
      needs: [
        { key: `pub-${n}`, category: "job", title: "需要一份电工工作", story: "有多年经验。", skills: [], amount: null, publish: true },
        { key: `draft-${n}`, category: "living", title: "生活补助", story: "草稿。", skills: [], amount: null, publish: false },
      ],
    });
    expect(statusOf(await post(household.id, { intent: "consent-record", givenOn: "2025-03-01", covers: ["publish"], witnessedBy: "王干事" }))).toBe(302);
    const refs = [household.needs[`pub-${n}`] ?? "", household.needs[`draft-${n}`] ?? ""];
    const queued = async () => (await handle.db.select({ n: count() }).from(searchOutbox).where(inArray(searchOutbox.ref, refs)))[0]?.n ?? 0;
    const queuedBefore = await queued();
    const kicksBefore = kicks;

    const result = await post(household.id, { intent: "consent-withdraw" });
    expect(statusOf(result)).toBe(302);
    const statuses = await handle.db.select({ ref: needs.ref, status: needs.status }).from(needs).where(eq(needs.caseId, household.id));
    expect(statuses.map((s) => s.status)).toEqual(["withdrawn", "withdrawn"]);
    expect(await queued()).toBe(queuedBefore + 2);
    expect(kicks).toBe(kicksBefore + 1);
    expect((await caseRow(household.id))?.consent).toBe(false);
    const consents = await handle.db.select({ withdrawnAt: caseConsents.withdrawnAt, withdrawnBy: caseConsents.withdrawnBy }).from(caseConsents).where(eq(caseConsents.caseId, household.id));
    expect(consents).toHaveLength(1);
    expect(consents[0]?.withdrawnAt).toBeInstanceOf(Date);
    expect(consents[0]?.withdrawnBy).toBe(caseworker.id);
    const audit = await lastAudit("case.consent-withdraw", household.id);
    expect(audit?.summary?.after).toMatchObject({ consent: false, consentsWithdrawn: 1 });
    expect(audit?.summary?.after?.needsWithdrawn).toEqual(expect.arrayContaining(refs));
    expect(audit?.summary?.after?.needsWithdrawn).toHaveLength(2);

    // Nothing is left to withdraw: a second press is a conflict, not a silent no-op.
    const again = await post(household.id, { intent: "consent-withdraw" });
    expect(statusOf(again)).toBe(409);
    expect(await textOf(again)).toMatch(/no consent/i);
  });
});

describe("visits", () => {
  it("logs visits latest first and sets the household's next follow-up", async () => {
    const household = await newCase();
    expect(statusOf(await post(household.id, { intent: "visit", kind: "visit", visitedOn: "2025-02-01", notes: "第一次走访，了解家庭情况。" }))).toBe(302);
    expect(statusOf(await post(household.id, { intent: "visit", kind: "follow-up", visitedOn: "2025-04-01", notes: "回访：已找到工作。", nextFollowUpOn: "2025-10-01" }))).toBe(302);
    expect((await caseRow(household.id))?.followUpOn).toBe("2025-10-01");
    const page = await open(household.id);
    expect(page.records.visits.map((v) => [v.kind, v.visitedOn, v.nextFollowUpOn])).toEqual([
      ["follow-up", "2025-04-01", "2025-10-01"],
      ["visit", "2025-02-01", null],
    ]);
    const audit = await lastAudit("case.visit", household.id);
    expect(audit?.summary?.after).toMatchObject({ kind: "follow-up", visitedOn: "2025-04-01", nextFollowUpOn: "2025-10-01" });
    expect(JSON.stringify(audit?.summary)).not.toContain("工作");
  });

  it("refuses a follow-up that is not after the visit, keeping the notes", async () => {
    const household = await newCase();
    const result = await post(household.id, { intent: "visit", kind: "visit", visitedOn: "2025-02-01", notes: "走访。", nextFollowUpOn: "2025-01-01" });
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).nextFollowUpOn).toEqual(["cases:errors.followUpAfterVisit"]);
    expect(await handle.db.select().from(caseVisits).where(eq(caseVisits.caseId, household.id))).toEqual([]);
  });
});

describe("status", () => {
  it("moves one step at a time, audited with before and after", async () => {
    const household = await newCase();
    expect((await open(household.id)).nextStatuses).toEqual(["verified"]);
    expect(statusOf(await post(household.id, { intent: "status", from: "registered", to: "verified" }))).toBe(302);
    expect((await caseRow(household.id))?.status).toBe("verified");
    const audit = await lastAudit("case.status", household.id);
    expect(audit?.summary).toMatchObject({ before: { status: "registered" }, after: { status: "verified" } });
  });

  it("answers 409 with a message to a stale form and to an impossible move, changing nothing", async () => {
    const household = await newCase();
    expect(statusOf(await post(household.id, { intent: "status", from: "registered", to: "verified" }))).toBe(302);
    const stale = await post(household.id, { intent: "status", from: "registered", to: "verified" });
    expect(statusOf(stale)).toBe(409);
    expect(await textOf(stale)).toContain("now verified");
    const skip = await post(household.id, { intent: "status", from: "verified", to: "exited", followUpOn: "2099-01-01" });
    expect(statusOf(skip)).toBe(409);
    expect(await textOf(skip)).toContain("cannot move from verified to exited");
    expect((await caseRow(household.id))?.status).toBe("verified");
  });

  it("asks for a follow-up date before a household exits, then monitors it", async () => {
    const household = await newCase({ status: "assisting" });
    const refused = await post(household.id, { intent: "status", from: "assisting", to: "exited" });
    expect(statusOf(refused)).toBe(400);
    expect(errorsOf(refused).followUpOn).toEqual(["cases:errors.followUpRequired"]);
    expect(await caseRow(household.id)).toMatchObject({ status: "assisting", followUpOn: null });
    expect(statusOf(await post(household.id, { intent: "status", from: "assisting", to: "exited", followUpOn: "2099-06-30" }))).toBe(302);
    expect(await caseRow(household.id)).toMatchObject({ status: "exited", followUpOn: "2099-06-30" });
    // Relapse: back to being helped.
    expect(statusOf(await post(household.id, { intent: "status", from: "exited", to: "assisting" }))).toBe(302);
    expect((await caseRow(household.id))?.status).toBe("assisting");
  });
});

describe("an auditor", () => {
  it("reads the records but is refused every write with 403, whatever the form", async () => {
    const household = await newCase();
    expect((await open(household.id, auditor)).canWrite).toBe(false);
    const forms: Record<string, string | string[]>[] = [
      { intent: "consent-record", givenOn: "2025-03-01", covers: ["publish"], witnessedBy: "王干事" },
      { intent: "consent-withdraw" },
      { intent: "visit", kind: "visit", visitedOn: "2025-02-01", notes: "走访。" },
      { intent: "status", from: "registered", to: "verified" },
      { intent: "status" },
    ];
    for (const form of forms) {
      expect(statusOf(await post(household.id, form, auditor))).toBe(403);
    }
    expect(await caseRow(household.id)).toMatchObject({ status: "registered", consent: true });
  });
});
