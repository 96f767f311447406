// Case numbers (532923-2026-0042): county, year of registration in Beijing, and the county's
// sequence of that year; given in the transaction that registers the case — on the registration
// form, by the JSON and sheet importers and for an application accepted into a case — unique, never
// changed and never given again.
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
import { settle } from "../../../tests/route-results";
import { action as registerAction } from "../../routes/staff.cases.new";
import { parseImportDocument } from "../import/import-document";
import type { ImportDocumentInput } from "../import/import-document";
import { importDocument } from "../import/import-document.server";

let handle: DatabaseHandle;
let context: AppLoadContext;
let caseworker: TestUser;
const cipher = createTestCipher();
const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));

async function imported(document: ImportDocumentInput) {
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.result;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 2, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(3, { organisation: "bc-union", region: "532924", needs: [] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(3, { region: "532924" }) };
  document.cases?.push(binchuan);
  await imported(document);
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
}, 60_000);
afterAll(() => handle?.close());

const numberOf = async (id: string) => (await handle.db.select({ n: cases.caseNumber }).from(cases).where(eq(cases.id, id)))[0]?.n;

describe("case numbers", () => {
  it("are given by the importer per county in document order, and a re-import keeps them", async () => {
    const first = await imported(fakeDocument({ cases: 2, offers: 0 }));
    expect(first.caseNumbers).toEqual({ "case-1": `532923-${year}-0001`, "case-2": `532923-${year}-0002` });
    const [binchuan] = await handle.db.select({ n: cases.caseNumber }).from(cases).where(eq(cases.importKey, "case-3"));
    expect(binchuan?.n).toBe(`532924-${year}-0001`);
  });

  it("continue the county's sequence for a household registered on the form: 532923-YYYY-0003", async () => {
    const result = await settle(
      registerAction({
        request: userRequest("/staff/cases/new", {
          cookie: caseworker.cookie,
          form: {
            name: "测试编号",
            idNumber: fakeResidentId(201),
            phone: "19900010201",
            address: "测试路 201 号",
            birthYear: String(1960 + (201 % 40)),
            sex: "male",
            householdSize: "2",
            monthlyIncomePerHead: "500",
            causes: ["illness"],
            tier: "general",
            regionCode: "532923",
          },
        }),
        context,
        params: {},
      }),
    );
    if (!(result instanceof Response)) throw new Error(`expected a redirect: ${JSON.stringify(result)}`);
    const id = /\/staff\/cases\/([0-9a-f-]{36})/.exec(result.headers.get("Location") ?? "")?.[1] ?? "";
    expect(await numberOf(id)).toBe(`532923-${year}-0003`);
  });

  it("give a new case of the importer the next number after the form's", async () => {
    const document = fakeDocument({ cases: 0, offers: 0 });
    document.cases = [fakeCase(4, { needs: [] })];
    const result = await imported(document);
    expect(result.caseNumbers["case-4"]).toBe(`532923-${year}-0004`);
  });

  it("never change once given", async () => {
    const [row] = await handle.db.select({ id: cases.id }).from(cases).where(eq(cases.importKey, "case-1"));
    await expect(handle.db.update(cases).set({ caseNumber: `532923-${year}-0099` }).where(eq(cases.id, row?.id ?? ""))).rejects.toThrow();
    expect(await numberOf(row?.id ?? "")).toBe(`532923-${year}-0001`);
  });

  it("are unique", async () => {
    const rows = await handle.db.select({ n: cases.caseNumber }).from(cases);
    expect(new Set(rows.map((r) => r.n)).size).toBe(rows.length);
  });
});
