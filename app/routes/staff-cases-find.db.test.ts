// Staff know a case by its number (532923-2026-0042) and find it by that number or by the head of
// household's exact resident ID, within their region only; an ID look-up is audited without the ID.
import type { AppLoadContext } from "@remix-run/node";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { cases } from "../../db/schema/cases";
import type { TestUser } from "../../tests/accounts";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader as caseLoader } from "./staff.cases.$id";
import { loader as dashboardLoader } from "./staff._index";
import { action as findAction, loader as listLoader } from "./staff.cases._index";

let handle: DatabaseHandle;
let context: AppLoadContext;
let caseworker: TestUser;
const cipher = createTestCipher();
const numbers: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 2, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(3, { organisation: "bc-union", region: "532924", needs: [] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(3, { region: "532924" }) };
  document.cases?.push(binchuan);
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  Object.assign(numbers, imported.result.caseNumbers);
  Object.assign(ids, imported.result.cases);
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
}, 60_000);
afterAll(() => handle?.close());

const find = (q: string, user = caseworker) => settle(findAction({ request: userRequest("/staff/cases", { cookie: user.cookie, form: { q } }), context, params: {} }));
const fieldError = (result: unknown) => (payloadOf(result) as { error?: Record<string, string[]> }).error?.q;

describe("case numbers on staff pages", () => {
  it("name each case on the list and the case page by its number, like 532923-2026-0042", async () => {
    const list = await listLoader({ request: userRequest("/staff/cases", { cookie: caseworker.cookie }), context, params: {} });
    expect(list.cases.map((c) => c.caseNumber).sort()).toEqual([numbers["case-1"], numbers["case-2"]]);
    expect(numbers["case-1"]).toMatch(/^532923-\d{4}-0001$/);
    const page = await caseLoader({ request: userRequest(`/staff/cases/${ids["case-1"]}`, { cookie: caseworker.cookie }), context, params: { id: ids["case-1"] } });
    expect(page.title).toContain(numbers["case-1"]);
  });

  it("name the dashboard's follow-ups and the activity on a case by the case's number", async () => {
    await handle.db.update(cases).set({ followUpOn: new Date().toISOString().slice(0, 10) }).where(eq(cases.id, ids["case-2"] ?? ""));
    await find(fakeResidentId(1));
    const data = await dashboardLoader({ request: userRequest("/staff", { cookie: caseworker.cookie }), context, params: {} });
    expect(data.dashboard?.followUps.items.map((f) => f.caseNumber)).toContain(numbers["case-2"]);
    expect(data.dashboard?.activity.find((a) => a.action === "case.find-by-resident-id")?.recordId).toBe(numbers["case-1"]);
  });
});

describe("finding a case", () => {
  it("by its number goes to the case page, also typed without the leading zeros", async () => {
    const exact = await find(numbers["case-2"] ?? "");
    expect(exact).toBeInstanceOf(Response);
    expect((exact as Response).headers.get("Location")).toBe(`/staff/cases/${ids["case-2"]}`);
    const short = await find((numbers["case-2"] ?? "").replace(/-0+(\d+)$/, "-$1"));
    expect((short as Response).headers.get("Location")).toBe(`/staff/cases/${ids["case-2"]}`);
  });

  it("by another county's number finds nothing", async () => {
    const result = await find(numbers["case-3"] ?? "");
    expect(statusOf(result)).toBe(404);
    expect(fieldError(result)).toEqual(["staff:cases.find.notFound"]);
  });

  it("by the head's exact resident ID goes to the case and audits the look-up without the ID", async () => {
    const residentId = fakeResidentId(1);
    const result = await find(residentId);
    expect((result as Response).headers.get("Location")).toBe(`/staff/cases/${ids["case-1"]}`);
    const [row] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "case.find-by-resident-id")).orderBy(desc(auditLog.id)).limit(1);
    expect(row).toMatchObject({ actorUserId: caseworker.id, entity: "case", entityId: ids["case-1"], regionCode: "532923" });
    const recorded = JSON.stringify({ ...row, id: String(row?.id) });
    expect(recorded).not.toContain(residentId);
    expect(recorded).not.toContain(residentId.slice(6, 14));
  });

  it("by a resident ID held in another county finds nothing, and that look-up is audited too", async () => {
    const result = await find(fakeResidentId(3, { region: "532924" }));
    expect(statusOf(result)).toBe(404);
    expect(fieldError(result)).toEqual(["staff:cases.find.notFoundById"]);
    const [row] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "case.find-by-resident-id")).orderBy(desc(auditLog.id)).limit(1);
    expect(row).toMatchObject({ actorUserId: caseworker.id, entityId: null, summary: { after: { found: false } } });
  });

  it("refuses what is neither a case number nor a valid resident ID, keeping the input", async () => {
    const result = await find("张三");
    expect(statusOf(result)).toBe(400);
    expect(fieldError(result)).toEqual(["staff:cases.find.invalid"]);
    expect((payloadOf(result) as { initialValue?: Record<string, string> }).initialValue?.q).toBe("张三");
  });

  it("is for union staff who read cases: a member of an employer gets 403", async () => {
    const employee = await createTestUser(handle.db, { organisation: "dali-employer", role: "member" });
    expect(statusOf(await find(numbers["case-1"] ?? "", employee))).toBe(403);
    const [before] = await handle.db.select({ n: cases.caseNumber }).from(cases).where(eq(cases.id, ids["case-1"] ?? ""));
    expect(before?.n).toBe(numbers["case-1"]);
  });
});
