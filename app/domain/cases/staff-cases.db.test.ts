// Region scoping of the staff case pages: a county caseworker reaches only their county;
// guessing another county's case id or need reference is a 404, never the data.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestUser, userRequest } from "../../../tests/accounts";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { createTestLoadContext } from "../../../tests/load-context";
import { loader as caseLoader } from "../../routes/staff.cases.$id";
import { loader as casesLoader } from "../../routes/staff.cases._index";
import { loader as needLoader } from "../../routes/staff.needs.$ref";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";

let handle: DatabaseHandle;
let context: AppLoadContext;
let xiangyunCase: string;
let binchuanCase: string;
let binchuanDraft: string;
const cipher = createTestCipher();

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(2, { organisation: "bc-union", region: "532924", needs: [{ key: "bc-draft", category: "living", title: "宾川草稿需求", story: "草稿。", skills: [], amount: null, publish: false }] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(2, { region: "532924" }) };
  document.cases = [fakeCase(1), binchuan];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const ids = imported.result.cases;
  xiangyunCase = ids["case-1"] ?? "";
  binchuanCase = ids["case-2"] ?? "";
  binchuanDraft = imported.result.needs["bc-draft"] ?? "";
}, 60_000);
afterAll(() => handle.close());

const status = (result: unknown) => (result instanceof Response ? result.status : 200);
async function get(loader: typeof caseLoader | typeof needLoader, url: string, cookie: string, params: Record<string, string>) {
  return loader({ request: userRequest(url, { cookie }), context, params }).catch((thrown: unknown) => thrown);
}

describe("staff case pages", () => {
  it("show a Xiangyun caseworker their county's case", async () => {
    const caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const result = await get(caseLoader, `/staff/cases/${xiangyunCase}`, caseworker.cookie, { id: xiangyunCase });
    expect(status(result)).toBe(200);
    expect(JSON.stringify(result)).not.toContain("测试"); // no identity (names are 测试…) on the page
  });

  it("answer 404 to a Xiangyun caseworker guessing a Binchuan case id or draft need", async () => {
    const caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const caseResult = await get(caseLoader, `/staff/cases/${binchuanCase}`, caseworker.cookie, { id: binchuanCase });
    expect(status(caseResult)).toBe(404);
    const needResult = await get(needLoader, `/staff/needs/${binchuanDraft}`, caseworker.cookie, { ref: binchuanDraft });
    expect(status(needResult)).toBe(404);
    const list = await casesLoader({ request: userRequest("/staff/cases", { cookie: caseworker.cookie }), context, params: {} });
    expect(list.cases.map((c) => c.id)).toEqual([xiangyunCase]);
  });

  it("let the Dali prefecture caseworker see every Dali county", async () => {
    const caseworker = await createTestUser(handle.db, { organisation: "dali-union", role: "caseworker" });
    expect(status(await get(caseLoader, `/staff/cases/${binchuanCase}`, caseworker.cookie, { id: binchuanCase }))).toBe(200);
    expect(status(await get(needLoader, `/staff/needs/${binchuanDraft}`, caseworker.cookie, { ref: binchuanDraft }))).toBe(200);
    const list = await casesLoader({ request: userRequest("/staff/cases", { cookie: caseworker.cookie }), context, params: {} });
    expect(new Set(list.cases.map((c) => c.id))).toEqual(new Set([xiangyunCase, binchuanCase]));
  });

  it("answer 404 for a malformed id without querying, 403 to finance, a provider and a personal account", async () => {
    const caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    expect(status(await get(caseLoader, "/staff/cases/not-a-uuid", caseworker.cookie, { id: "not-a-uuid" }))).toBe(404);
    const finance = await createTestUser(handle.db, { organisation: "xy-union", role: "finance", totp: true, cipher });
    const provider = await createTestUser(handle.db, { organisation: "dali-employer", role: "admin" });
    const donor = await createTestUser(handle.db);
    for (const user of [finance, provider, donor]) expect(status(await get(caseLoader, `/staff/cases/${xiangyunCase}`, user.cookie, { id: xiangyunCase }))).toBe(403);
  });

  it("send an anonymous visitor to sign in", async () => {
    const result = await caseLoader({ request: userRequest(`/staff/cases/${xiangyunCase}`), context, params: { id: xiangyunCase } }).catch((thrown: unknown) => thrown);
    expect(result).toBeInstanceOf(Response);
    if (result instanceof Response) {
      expect(result.status).toBe(302);
      expect(result.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/staff/cases/${xiangyunCase}`)}`);
    }
  });
});
