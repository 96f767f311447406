// The region scope, written once: a county caseworker's scope finds their county's case and not
// the next county's (a not-found DomainError, which a page answers 404), a prefecture's scope finds
// both, and staff who may not do the work get a forbidden DomainError before any query.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import type { TestUser } from "../../../tests/accounts";
import { createTestUser, userRequest } from "../../../tests/accounts";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { createTestLoadContext } from "../../../tests/load-context";
import { settle, statusOf } from "../../../tests/route-results";
import { action as caseAction } from "../../routes/staff.cases.$id";
import { getActor } from "../auth/guards.server";
import { lockCaseForWrite } from "../cases/case-in-scope.server";
import { DomainError } from "../errors/domain-error";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { inRegionScope, regionScope } from "./region-scope.server";

let handle: DatabaseHandle;
let context: AppLoadContext;
let xiangyunCase: string;
let binchuanCase: string;
const cipher = createTestCipher();

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(2, { organisation: "bc-union", region: "532924" });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(2, { region: "532924" }) };
  document.cases = [fakeCase(1), binchuan];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  xiangyunCase = imported.result.cases["case-1"] ?? "";
  binchuanCase = imported.result.cases["case-2"] ?? "";
}, 60_000);
afterAll(() => handle.close());

async function actorOf(user: TestUser) {
  const actor = await getActor(userRequest("/staff", { cookie: user.cookie }), context);
  if (!actor) throw new Error("no actor");
  return actor;
}

const idsIn = async (scope: string) => (await handle.db.select({ id: cases.id }).from(cases).where(inRegionScope(cases.regionCode, scope))).map((r) => r.id).sort();

describe("the region scope", () => {
  it("is the union's region: Xiangyun (532923) finds its case only, Dali prefecture (5329) both", async () => {
    const xiangyun = await actorOf(await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" }));
    const dali = await actorOf(await createTestUser(handle.db, { organisation: "dali-union", role: "caseworker" }));
    expect(regionScope(xiangyun, "write-cases")).toBe("532923");
    expect(await idsIn(regionScope(xiangyun, "read-cases"))).toEqual([xiangyunCase]);
    expect(await idsIn(regionScope(dali, "read-cases"))).toEqual([xiangyunCase, binchuanCase].sort());
  });

  it("makes another county's case not found (404), for the domain and for the page", async () => {
    const xiangyun = await actorOf(await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" }));
    const thrown = await handle.db.transaction((tx) => lockCaseForWrite(tx, xiangyun, binchuanCase)).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ kind: "not-found", messageKey: "caseNotFound" });
    const caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const form = { intent: "status", from: "monitored", to: "exited" };
    const page = await settle(caseAction({ request: userRequest(`/staff/cases/${binchuanCase}`, { cookie: caseworker.cookie, form }), context, params: { id: binchuanCase } }));
    expect(statusOf(page)).toBe(404);
    const [unchanged] = await handle.db.select({ status: cases.status }).from(cases).where(eq(cases.id, binchuanCase));
    expect(unchanged?.status).not.toBe("exited");
  });

  it("refuses work the role does not do with a forbidden DomainError: an auditor writes no case, finance reads none", async () => {
    const auditor = await actorOf(await createTestUser(handle.db, { organisation: "xy-union", role: "auditor" }));
    const finance = await actorOf(await createTestUser(handle.db, { organisation: "xy-union", role: "finance", totp: true, cipher }));
    expect(regionScope(auditor, "read-cases")).toBe("532923");
    expect(() => regionScope(auditor, "write-cases")).toThrow(DomainError);
    expect(() => regionScope(finance, "read-cases")).toThrow(expect.objectContaining({ kind: "forbidden" }));
  });
});
