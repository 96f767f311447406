// Exporting households to a sheet: staff download every case of their region with the
// import's columns, as .xlsx or CSV; importing the download again registers nobody new.
import type { AppLoadContext } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { cases } from "../../db/schema/cases";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { settle, statusOf } from "../../tests/route-results";
import { readSheet } from "../domain/household-sheets/read-sheet.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { action } from "./staff.households.import";
import { loader as csvLoader } from "./staff.households.export[.]csv";
import { loader as xlsxLoader } from "./staff.households.export[.]xlsx";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cookies = { xiangyun: "", dali: "" };
const cipher = createTestCipher();
const ORIGIN = "http://localhost:3000";
const XIANGYUN_IDS = [1, 2, 3].map((n) => fakeResidentId(n));
const BINCHUAN_ID = fakeResidentId(4, { region: "532924" });

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 3, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const formula = fakeCase(3);
  // An address a spreadsheet would run as a formula, had the export not guarded it.
  formula.head = { ...formula.head, address: "=HYPERLINK(\"http://example.invalid\") 测试路 3 号" };
  const binchuan = fakeCase(4, { organisation: "bc-union", region: "532924", needs: [] });
  binchuan.head = { ...binchuan.head, idNumber: BINCHUAN_ID };
  document.cases = [...(document.cases ?? []).slice(0, 2), formula, binchuan];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  cookies.xiangyun = (await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" })).cookie;
  cookies.dali = (await createTestUser(handle.db, { organisation: "dali-union", role: "caseworker" })).cookie;
}, 60_000);
afterAll(() => handle.close());

async function download(loader: typeof xlsxLoader, path: string, cookie: string, language = "zh-CN"): Promise<Response> {
  const request = userRequest(path, { cookie });
  request.headers.set("Accept-Language", language);
  const result = await settle(loader({ request, context, params: {} }));
  if (!(result instanceof Response)) throw new Error("expected a response");
  return result;
}

async function idsIn(response: Response, fileName: string): Promise<string[]> {
  const read = await readSheet(fileName, new Uint8Array(await response.arrayBuffer()));
  if (!read.ok) throw new Error(read.problem);
  const column = read.sheet.headers.findIndex((h) => h === "身份证号码" || h === "Resident ID");
  return read.sheet.rows.map((r) => r.cells[column] ?? "");
}

/** Uploads a file and imports it with the guessed mapping; returns the finished import's counts. */
async function reimport(file: File, cookie: string): Promise<string | null> {
  const body = new FormData();
  body.set("file", file);
  const uploaded = await action({ request: new Request(`${ORIGIN}/staff/households/import`, { method: "POST", headers: { Cookie: cookie, "Sec-Fetch-Site": "same-origin", Origin: ORIGIN }, body }), context, params: {} });
  if (!("data" in uploaded) || uploaded.data.step !== "map") throw new Error("expected the mapping step");
  const form = { token: uploaded.data.token, intent: "import", ...Object.fromEntries(Object.entries(uploaded.data.defaults).map(([f, v]) => [`columns.${f}`, v])) };
  const done = await action({ request: userRequest("/staff/households/import", { cookie, form }), context, params: {} });
  return done instanceof Response ? done.headers.get("Location") : null;
}

const caseCount = async () => (await handle.db.select({ n: count() }).from(cases))[0]?.n ?? 0;

describe("exporting households", () => {
  it("gives a Xiangyun caseworker a workbook of Xiangyun's cases only, as a private download", async () => {
    const response = await download(xlsxLoader, "/staff/households/export.xlsx", cookies.xiangyun);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="xiangyun-households-532923-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    expect((await idsIn(response, "x.xlsx")).sort()).toEqual([...XIANGYUN_IDS].sort());
  });

  it("gives the Dali prefecture every county of Dali", async () => {
    const response = await download(csvLoader, "/staff/households/export.csv", cookies.dali);
    expect((await idsIn(response, "x.csv")).sort()).toEqual([...XIANGYUN_IDS, BINCHUAN_ID].sort());
  });

  it("writes CSV as UTF-8 with a byte-order mark, and a would-be formula as text", async () => {
    const response = await download(csvLoader, "/staff/households/export.csv", cookies.xiangyun, "en");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    // (TextDecoder drops the mark it has just been checked for.)
    expect(text.split("\r\n")[0]).toBe("Name,Resident ID,Phone,Address,Birth year,Sex,Household size,Monthly income per head,Causes,Tier,County,Consent,Case number");
    // Each household with the number staff know its case by, e.g. 532923-2026-0003.
    expect(text.split("\r\n")[1]).toMatch(/,532923-\d{4}-\d{4}$/);
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"") 测试路 3 号"`);
    expect(text).toContain("532923 Xiangyun County");
  });

  it("records each export with its count, and no identity", async () => {
    await download(xlsxLoader, "/staff/households/export.xlsx", cookies.xiangyun);
    const rows = await handle.db.select({ summary: auditLog.summary, regionCode: auditLog.regionCode }).from(auditLog).where(eq(auditLog.action, "case.export"));
    expect(rows).toContainEqual({ regionCode: "532923", summary: { after: { format: "xlsx", count: 3 } } });
    expect(JSON.stringify(rows)).not.toContain("测试");
  });

  it("round-trips: importing an export, .xlsx or CSV, registers nobody new and changes nothing", async () => {
    const before = await caseCount();
    const xlsx = await download(xlsxLoader, "/staff/households/export.xlsx", cookies.xiangyun);
    expect(await reimport(new File([await xlsx.arrayBuffer()], "export.xlsx"), cookies.xiangyun)).toBe("/staff/households/import?created=0&updated=0&unchanged=3&refused=0");
    const csv = await download(csvLoader, "/staff/households/export.csv", cookies.xiangyun, "en");
    expect(await reimport(new File([await csv.arrayBuffer()], "export.csv"), cookies.xiangyun)).toBe("/staff/households/import?created=0&updated=0&unchanged=3&refused=0");
    expect(await caseCount()).toBe(before);
  });

  it("is for admins and caseworkers only: finance and auditors get 403", async () => {
    const finance = (await createTestUser(handle.db, { organisation: "xy-union", role: "finance", totp: true, cipher })).cookie;
    const auditor = (await createTestUser(handle.db, { organisation: "xy-union", role: "auditor" })).cookie;
    for (const cookie of [finance, auditor]) {
      expect(statusOf(await download(xlsxLoader, "/staff/households/export.xlsx", cookie))).toBe(403);
      expect(statusOf(await download(csvLoader, "/staff/households/export.csv", cookie))).toBe(403);
    }
  });
});
