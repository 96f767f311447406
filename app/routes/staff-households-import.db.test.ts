// Importing households from a sheet: upload an .xlsx or CSV file, get the columns
// guessed, see every bad row's problem, import exactly the good rows — and a second import of the
// same sheet changes nothing. The rules are the JSON import's.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { cases } from "../../db/schema/cases";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeBirth, fakeCase, fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { settle, statusOf } from "../../tests/route-results";
import { deflatedZeros, lyingZip } from "../../tests/zip-bomb";
import { RATE_LIMITS } from "../domain/auth/rate-limit.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { action, loader } from "./staff.households.import";

let handle: DatabaseHandle;
let context: AppLoadContext;
let caseworker: string;
const cipher = createTestCipher();
const ORIGIN = "http://localhost:3000";
const BINCHUAN_ID = fakeResidentId(2, { region: "532924" });

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(2, { organisation: "bc-union", region: "532924", needs: [] });
  binchuan.head = { ...binchuan.head, idNumber: BINCHUAN_ID };
  // Households Xiangyun registered before: one being helped, one whose consent is recorded.
  document.cases = [binchuan, fakeCase(5, { status: "assisting", needs: [] }), fakeCase(6, { needs: [] })];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  caseworker = (await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" })).cookie;
}, 60_000);
afterAll(() => handle.close());

type ActionResult = Awaited<ReturnType<typeof action>>;
type StepData = Extract<ActionResult, { data: unknown }>["data"];
type Step<S extends StepData["step"]> = Extract<StepData, { step: S }>;

function isStep<S extends StepData["step"]>(data: StepData, step: S): data is Step<S> {
  return data.step === step;
}
function stepOf<S extends StepData["step"]>(result: ActionResult, step: S): Step<S> {
  if (!("data" in result)) throw new Error(`expected the ${step} step, got a ${result.status} response`);
  if (!isStep(result.data, step)) throw new Error(`expected the ${step} step, got ${JSON.stringify(result.data)}`);
  return result.data;
}

function uploadRequest(cookie: string, file: File): Request {
  const body = new FormData();
  body.set("file", file);
  return new Request(`${ORIGIN}/staff/households/import`, { method: "POST", headers: { Cookie: cookie, "Sec-Fetch-Site": "same-origin", Origin: ORIGIN }, body });
}
const upload = (file: File, cookie = caseworker) => action({ request: uploadRequest(cookie, file), context, params: {} });

function mappingForm(map: Step<"map">, intent: string): Record<string, string> {
  return { token: map.token, intent, ...Object.fromEntries(Object.entries(map.defaults).map(([field, column]) => [`columns.${field}`, column])) };
}
const submit = (form: Record<string, string>, cookie = caseworker) => action({ request: userRequest("/staff/households/import", { cookie, form }), context, params: {} });

async function xlsxFile(rows: (string | number)[][]): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("困难职工");
  for (const row of rows) sheet.addRow(row);
  return new File([await workbook.xlsx.writeBuffer()], "困难职工.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

const HEADERS = ["姓名", "身份证号", "联系电话", "住址", "出生年份", "性别", "家庭人口数", "家庭人均月收入（元）", "致困原因", "困难类型", "所在县", "是否同意"];
function household(n: number, overrides: { id?: string; phone?: string; birthYear?: number; county?: string } = {}): (string | number)[] {
  return [`测试${n}`, overrides.id ?? fakeResidentId(n), overrides.phone ?? `1990000${String(n).padStart(4, "0")}`, `测试路 ${n} 号`, overrides.birthYear ?? fakeBirth(n).year, "男", 3, "650", "疾病、残疾", "一般困难", overrides.county ?? "祥云县", "是"];
}
function wrongCheckDigit(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + String(((last === "X" ? 10 : Number(last)) + 1) % 10);
}

/** Good rows 201–203, then one row for each rule a sheet can break. */
const SHEET = [
  HEADERS,
  household(201),
  household(202),
  household(203),
  household(204, { id: wrongCheckDigit(fakeResidentId(204)) }),
  household(205, { birthYear: fakeBirth(205).year + 1 }),
  household(206, { phone: "12345" }),
  household(207, { county: "火星县" }),
  household(208, { county: "宾川县" }),
  household(209, { id: fakeResidentId(201), birthYear: fakeBirth(201).year }),
  household(210, { id: BINCHUAN_ID, birthYear: fakeBirth(2).year }),
];
const GOOD_IDS = [201, 202, 203].map((n) => fakeResidentId(n));

async function xiangyunCases() {
  const rows = await handle.db.select({ id: cases.id, name: cases.headNameEnc, updatedAt: cases.updatedAt }).from(cases).where(eq(cases.regionCode, "532923"));
  return rows.map((r) => ({ id: r.id, name: cipher.decrypt("name", r.name), updatedAt: r.updatedAt.toISOString() }));
}
const uploadsIn = () => readdirSync(join(context.runtime.config.DATA_DIR, "uploads"));

describe("importing households from an .xlsx sheet", () => {
  it("guesses the columns from the headers and shows each bad row's problem", async () => {
    const map = stepOf(await upload(await xlsxFile(SHEET)), "map");
    expect(map.rowCount).toBe(10);
    expect(map.defaults).toEqual({ name: "0", idNumber: "1", phone: "2", address: "3", birthYear: "4", sex: "5", householdSize: "6", monthlyIncomePerHead: "7", causes: "8", tier: "9", county: "10", consent: "11" });

    const preview = stepOf(await submit(mappingForm(map, "preview")), "preview");
    expect(preview.counts).toEqual({ new: 3, update: 0, unchanged: 0, error: 7 });
    const byLine = new Map(preview.rows.map((r) => [r.line, r]));
    expect([2, 3, 4].map((line) => byLine.get(line)?.outcome)).toEqual(["new", "new", "new"]);
    const problem = (line: number) => byLine.get(line)?.problems.map((p) => ({ field: p.field, key: p.key, values: p.values }));
    expect(problem(5)).toEqual([{ field: "idNumber", key: "householdImport:errors.idCheckDigit", values: undefined }]);
    expect(problem(6)).toEqual([{ field: "birthYear", key: "householdImport:errors.birthYearMismatch", values: { year: String(fakeBirth(205).year) } }]);
    expect(problem(7)).toEqual([{ field: "phone", key: "householdImport:errors.phone", values: undefined }]);
    expect(problem(8)).toEqual([{ field: "county", key: "householdImport:errors.countyUnknown", values: { name: "火星县" } }]);
    expect(problem(9)).toEqual([{ field: "county", key: "householdImport:errors.countyOutside", values: { union: "祥云县总工会" } }]);
    expect(problem(10)).toEqual([{ field: "idNumber", key: "householdImport:errors.idRepeated", values: { line: 2 } }]);
    expect(problem(11)).toEqual([{ field: "idNumber", key: "householdImport:errors.idHeld", values: { union: "宾川县总工会" } }]);

    // The preview names the row and masks the ID; no full ID, phone or address reaches the page.
    expect(byLine.get(2)).toMatchObject({ name: "测试201", maskedId: `${GOOD_IDS[0]?.slice(0, 4)}**********${GOOD_IDS[0]?.slice(-4)}` });
    const page = JSON.stringify(preview);
    for (const row of SHEET.slice(1)) for (const cell of [row[1], row[2], row[3]]) expect(page).not.toContain(String(cell));
  });

  it("imports exactly the good rows in one go, and importing the sheet again changes nothing", async () => {
    const before = await xiangyunCases();
    const map = stepOf(await upload(await xlsxFile(SHEET)), "map");
    expect(uploadsIn()).toContain(`household-sheet-${map.token.split(".")[0]}.bin`);
    const done = await submit(mappingForm(map, "import"));
    expect(done).toBeInstanceOf(Response);
    expect(statusOf(done)).toBe(302);
    expect(done instanceof Response && done.headers.get("Location")).toBe("/staff/households/import?created=3&updated=0&unchanged=0&refused=7");
    expect(uploadsIn()).not.toContain(`household-sheet-${map.token.split(".")[0]}.bin`);

    const after = await xiangyunCases();
    expect(after.filter((c) => !before.some((b) => b.id === c.id)).map((c) => c.name).sort()).toEqual(["测试201", "测试202", "测试203"]);
    const imported = await handle.db.select({ organisation: sql<string>`(select import_key from organisations o where o.id = ${cases.organisationId})`, status: cases.status, causes: cases.causes, consent: cases.consent }).from(cases).where(inArray(cases.idHash, GOOD_IDS.map((id) => cipher.hashResidentId(id))));
    expect(imported).toEqual(Array.from({ length: 3 }, () => ({ organisation: "xy-union", status: "registered", causes: ["illness", "disability"], consent: true })));

    const audits = await handle.db.select({ summary: auditLog.summary, regionCode: auditLog.regionCode }).from(auditLog).where(eq(auditLog.action, "case.import"));
    expect(audits).toContainEqual({ regionCode: "532923", summary: { after: { format: "xlsx", created: 3, updated: 0, unchanged: 0, refused: 7 } } });

    const again = stepOf(await upload(await xlsxFile(SHEET)), "map");
    expect(stepOf(await submit(mappingForm(again, "preview")), "preview").counts).toEqual({ new: 0, update: 0, unchanged: 3, error: 7 });
    const redone = await submit(mappingForm(again, "import"));
    expect(redone instanceof Response && redone.headers.get("Location")).toBe("/staff/households/import?created=0&updated=0&unchanged=3&refused=7");
    expect(await xiangyunCases()).toEqual(after);
  });

  it("imports a CSV file with a byte-order mark and Chinese headers, reading what the sheet leaves out from the ID", async () => {
    const id = fakeResidentId(301, { male: false });
    const csv = `\uFEFF户主姓名,公民身份号码,手机,家庭地址,家庭人口,人均月收入,困难原因,困难程度,县区,同意\r\n测试301,${id},+86 199-0000-0301,测试路 301 号,4 人,"1,200.50",疾病、失业,深度困难,532923 祥云县,否\r\n`;
    const map = stepOf(await upload(new File([csv], "households.csv", { type: "text/csv" })), "map");
    expect(map.defaults).toEqual({ name: "0", idNumber: "1", phone: "2", address: "3", birthYear: "", sex: "", householdSize: "4", monthlyIncomePerHead: "5", causes: "6", tier: "7", county: "8", consent: "9" });
    const done = await submit(mappingForm(map, "import"));
    expect(done instanceof Response && done.headers.get("Location")).toBe("/staff/households/import?created=1&updated=0&unchanged=0&refused=0");
    const [row] = await handle.db.select().from(cases).where(eq(cases.idHash, cipher.hashResidentId(id)));
    expect(row && { phone: cipher.decrypt("phone", row.headPhoneEnc), birthYear: row.birthYear, sex: row.sex, size: row.householdSize, income: row.monthlyIncomePerHead, causes: row.causes, tier: row.tier, consent: row.consent, region: row.regionCode }).toEqual({
      phone: "19900000301",
      birthYear: fakeBirth(301).year,
      sex: "female",
      size: 4,
      income: "1200.50",
      causes: ["illness", "unemployment"],
      tier: "severe",
      consent: false,
      region: "532923",
    });
  });

  it("updates a household the union registered, keeping its status, and leaves consent withdrawal to the case page", async () => {
    const assisting = household(5);
    assisting[6] = 5; // household size 3 → 5
    const withdrawn = household(6);
    withdrawn[11] = "否";
    const map = stepOf(await upload(await xlsxFile([HEADERS, assisting, withdrawn])), "map");
    const preview = stepOf(await submit(mappingForm(map, "preview")), "preview");
    expect(preview.rows.map((r) => ({ outcome: r.outcome, keys: r.problems.map((p) => p.key) }))).toEqual([
      { outcome: "update", keys: [] },
      { outcome: "error", keys: ["householdImport:errors.consentWithdrawal"] },
    ]);
    const done = await submit(mappingForm(map, "import"));
    expect(done instanceof Response && done.headers.get("Location")).toBe("/staff/households/import?created=0&updated=1&unchanged=0&refused=1");
    const rows = await handle.db.select({ key: cases.importKey, size: cases.householdSize, status: cases.status, consent: cases.consent }).from(cases).where(inArray(cases.importKey, ["case-5", "case-6"])).orderBy(cases.importKey);
    expect(rows).toEqual([
      { key: "case-5", size: 5, status: "assisting", consent: true },
      { key: "case-6", size: 3, status: "registered", consent: true },
    ]);
  });

  it("refuses an ID that Excel stored as a number, whose last digits are gone", async () => {
    const row: (string | number)[] = household(401);
    row[1] = Number(fakeResidentId(401));
    const map = stepOf(await upload(await xlsxFile([HEADERS, row])), "map");
    const preview = stepOf(await submit(mappingForm(map, "preview")), "preview");
    expect(preview.rows[0]?.problems).toEqual([{ field: "idNumber", key: "householdImport:errors.idStoredAsNumber" }]);
  });

  it("asks for the columns it needs and refuses one column for two items", async () => {
    const map = stepOf(await upload(await xlsxFile(SHEET)), "map");
    const form = { ...mappingForm(map, "preview"), "columns.idNumber": "", "columns.phone": "0" };
    const result = await submit(form);
    expect(statusOf(result)).toBe(400);
    const again = stepOf(result, "map");
    expect(again.result?.error?.["columns.idNumber"]).toEqual(["householdImport:errors.columnRequired"]);
    expect(again.result?.error?.["columns.phone"]).toEqual(["householdImport:errors.columnTwice"]);
  });

  it("answers a file over 5 MB with 413 and a message, and keeps nothing of it", async () => {
    const files = uploadsIn().length;
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41)], "big.csv", { type: "text/csv" });
    const result = await upload(big);
    expect(statusOf(result)).toBe(413);
    expect(stepOf(result, "upload").result.error).toEqual({ file: ["householdImport:errors.tooLarge"] });
    expect(uploadsIn()).toHaveLength(files);
  });

  it("refuses a 5.1 MB workbook whose entry declares 1,000 bytes and inflates to 5 GB, and keeps nothing", async () => {
    const files = uploadsIn().length;
    const bomb = new File([new Uint8Array(lyingZip(deflatedZeros(5_000), 1_000))], "困难职工.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    const result = await upload(bomb);
    expect(statusOf(result)).toBe(400);
    expect(stepOf(result, "upload").result.error).toEqual({ file: ["householdImport:errors.tooLargeUnpacked"] });
    expect(uploadsIn()).toHaveLength(files);
  });

  it("answers an upload named households=2026.csv (which Remix's multipart parser cannot read) with 400 and a message, and keeps nothing", async () => {
    const files = uploadsIn().length;
    const result = await upload(new File([HEADERS.join(",")], "households=2026.csv", { type: "text/csv" }));
    expect(statusOf(result)).toBe(400);
    expect(stepOf(result, "upload").result.error).toEqual({ file: ["householdImport:errors.uploadUnreadable"] });
    expect(uploadsIn()).toHaveLength(files);
  });

  it("says so when an upload expired or belongs to someone else", async () => {
    const map = stepOf(await upload(await xlsxFile(SHEET)), "map");
    const other = (await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" })).cookie;
    const result = await submit(mappingForm(map, "preview"), other);
    expect(statusOf(result)).toBe(410);
    expect(stepOf(result, "upload").result.error).toEqual({ file: ["householdImport:errors.expired"] });
  });

  it("is for admins and caseworkers only: finance and auditors get 403", async () => {
    const finance = (await createTestUser(handle.db, { organisation: "xy-union", role: "finance", totp: true, cipher })).cookie;
    const auditor = (await createTestUser(handle.db, { organisation: "xy-union", role: "auditor" })).cookie;
    for (const cookie of [finance, auditor]) {
      expect(statusOf(await settle(loader({ request: userRequest("/staff/households/import", { cookie }), context, params: {} })))).toBe(403);
      expect(statusOf(await settle(upload(await xlsxFile(SHEET), cookie)))).toBe(403);
    }
  });
});

describe("naming the union that holds a sheet row's resident ID", () => {
  // Binchuan's union holds households 401–411; a sheet of them asks who holds each, a sheet at a time.
  const HELD = Array.from({ length: 11 }, (_, i) => 401 + i);
  const heldId = (n: number) => fakeResidentId(n, { region: "532924" });
  const heldRow = (n: number) => household(n, { id: heldId(n), birthYear: fakeBirth(n).year });
  const checksBy = (userId: string) => handle.db.select().from(auditLog).where(and(eq(auditLog.action, "case.resident-id-check"), eq(auditLog.actorUserId, userId)));
  const caseCount = async () => (await handle.db.select({ id: cases.id }).from(cases)).length;

  beforeAll(async () => {
    const document = fakeDocument({ cases: 0, offers: 0 });
    document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
    document.cases = HELD.map((n) => {
      const held = fakeCase(n, { organisation: "bc-union", region: "532924", needs: [] });
      held.head = { ...held.head, idNumber: heldId(n) };
      return held;
    });
    const parsed = parseImportDocument(document);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  }, 60_000);

  it("audits each answer and counts it against the caseworker's hourly limit; past it the sheet waits, holders unnamed, nothing imported", async () => {
    const prober = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const heldCases = new Map((await handle.db.select({ id: cases.id, hash: cases.idHash }).from(cases).where(inArray(cases.idHash, HELD.map((n) => cipher.hashResidentId(heldId(n)))))).map((c) => [c.hash.toString("hex"), c.id]));

    // Four rows Binchuan holds and one nobody holds: four answers, four audit rows, four points.
    const first = stepOf(await upload(await xlsxFile([HEADERS, ...HELD.slice(0, 4).map(heldRow), household(420)]), prober.cookie), "map");
    const preview = stepOf(await submit(mappingForm(first, "preview"), prober.cookie), "preview");
    expect(preview.rows.map((r) => r.problems.map((p) => p.values?.union ?? p.key))).toEqual([["宾川县总工会"], ["宾川县总工会"], ["宾川县总工会"], ["宾川县总工会"], []]);
    const checks = await checksBy(prober.id);
    expect(checks).toHaveLength(4);
    expect(checks.map((c) => c.entityId).sort()).toEqual(HELD.slice(0, 4).map((n) => heldCases.get(cipher.hashResidentId(heldId(n)).toString("hex"))).sort());
    expect(checks[0]).toMatchObject({ entity: "case", regionCode: "532923", summary: { after: { outcome: "held-elsewhere", source: "sheet" } } });
    const logged = JSON.stringify(checks, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
    for (const n of HELD.slice(0, 4)) for (const secret of [heldId(n), cipher.hashResidentId(heldId(n)).toString("hex")]) expect(logged).not.toContain(secret);

    // Rows nobody holds cost nothing: a sheet of them previews and imports however often.
    for (let i = 0; i < RATE_LIMITS.residentIdHolder.points; i++) {
      const free = stepOf(await upload(await xlsxFile([HEADERS, household(430 + i)]), prober.cookie), "map");
      expect(stepOf(await submit(mappingForm(free, "preview"), prober.cookie), "preview").counts).toMatchObject({ new: 1, error: 0 });
    }
    expect(await checksBy(prober.id)).toHaveLength(4);

    // Six points left, seven held rows: the preview names no union and waits (429, Retry-After, a
    // translated message), back on the upload step; importing the sheet instead writes nothing.
    const before = await caseCount();
    const sheet = [HEADERS, ...HELD.slice(4, 11).map(heldRow), household(421)];
    for (const intent of ["preview", "import"]) {
      const map = stepOf(await upload(await xlsxFile(sheet), prober.cookie), "map");
      const refused = await submit(mappingForm(map, intent), prober.cookie);
      expect(statusOf(refused)).toBe(429);
      const retryAfter = Number("init" in refused ? new Headers(refused.init?.headers).get("Retry-After") : NaN);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.residentIdHolder.duration);
      const step = stepOf(refused, "upload");
      expect(step.result.error?.file?.[0]).toMatch(/^您近期导入或录入的身份证号中已登记的较多。.*请 \d+ 分钟后再试/);
      expect(JSON.stringify(refused)).not.toContain("宾川县总工会");
    }
    expect(await caseCount()).toBe(before);
    const after = await checksBy(prober.id);
    expect(after.filter((c) => JSON.stringify(c.summary).includes("held-elsewhere"))).toHaveLength(4);
    expect(after.filter((c) => JSON.stringify(c.summary).includes("rate-limited")).length).toBeGreaterThanOrEqual(1);

    // The limit is the prober's own: a colleague previews the same sheet and is told.
    const colleague = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const theirs = stepOf(await upload(await xlsxFile(sheet), colleague.cookie), "map");
    expect(stepOf(await submit(mappingForm(theirs, "preview"), colleague.cookie), "preview").counts).toMatchObject({ new: 1, error: 7 });
  });

  it("does not count again what the preview told: a sheet of seven held rows previews, then imports, within the limit", async () => {
    const caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const before = await caseCount();
    const map = stepOf(await upload(await xlsxFile([HEADERS, ...HELD.slice(0, 7).map(heldRow), household(440)]), caseworker.cookie), "map");
    expect(stepOf(await submit(mappingForm(map, "preview"), caseworker.cookie), "preview").counts).toMatchObject({ new: 1, error: 7 });
    const imported = await submit(mappingForm(map, "import"), caseworker.cookie);
    expect(statusOf(imported)).toBe(302);
    expect(await caseCount()).toBe(before + 1);
    // Seven answers, told once: seven audit rows and seven points, so three are left.
    expect((await checksBy(caseworker.id)).filter((c) => JSON.stringify(c.summary).includes("held-elsewhere"))).toHaveLength(7);
    const remap = stepOf(await upload(await xlsxFile([HEADERS, ...HELD.slice(7, 11).map(heldRow)]), caseworker.cookie), "map");
    expect(statusOf(await submit(mappingForm(remap, "preview"), caseworker.cookie))).toBe(429);
  });
});
