// Registering a household at /staff/cases/new through the real loader and action: identities are
// encrypted at rest, the audit row names no identity, every check of the ID, birth year, sex and
// phone is a field error with nothing written and the input kept, and an ID registered anywhere
// is refused naming only the union that holds it.
import type { AppLoadContext } from "@remix-run/node";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { applications } from "../../db/schema/case-records";
import { cases } from "../../db/schema/cases";
import { organisations } from "../../db/schema/organisations";
import type { TestUser } from "../../tests/accounts";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { RATE_LIMITS } from "../domain/auth/rate-limit.server";
import { residentIdCheckChar } from "../domain/cases/resident-id";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { action, loader } from "./staff.cases.new";

let handle: DatabaseHandle;
let context: AppLoadContext;
let caseworker: TestUser;
const cipher = createTestCipher();
let serial = 100;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(1, { organisation: "bc-union", region: "532924", needs: [] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(1, { region: "532924" }) };
  document.cases = [binchuan];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
}, 60_000);
afterAll(() => handle?.close());

/** A valid form for a fresh household; identities are obviously fake (测试…, 1990000…). */
function household(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const n = ++serial;
  // n ≥ 100 stays clear of the imported case-1; 1960 + n % 40 is the year fakeResidentId encodes.
  return {
    name: `测试登记${n}`,
    idNumber: fakeResidentId(n),
    phone: `+86 199-0001-${String(n).padStart(4, "0")}`,
    address: `测试路 ${n} 号`,
    birthYear: String(1960 + (n % 40)),
    sex: "male",
    householdSize: "4",
    monthlyIncomePerHead: "1,200.5",
    causes: ["illness", "education"],
    tier: "sudden",
    regionCode: "532923",
    ...overrides,
  };
}

const post = (form: Record<string, string | string[]>, user = caseworker) => settle(action({ request: userRequest("/staff/cases/new", { cookie: user.cookie, form }), context, params: {} }));
const isDataWithInit = (result: unknown): result is { init: { headers?: HeadersInit } } =>
  typeof result === "object" && result !== null && "init" in result && typeof result.init === "object" && result.init !== null;
const caseCount = async () => (await handle.db.select({ n: count() }).from(cases))[0]?.n ?? 0;

interface Reply {
  error?: Record<string, string[] | null>;
  initialValue?: Record<string, unknown>;
}
const replyOf = (result: unknown): Reply => {
  const payload = payloadOf(result);
  return typeof payload === "object" && payload !== null ? payload : {};
};

describe("registering a household", () => {
  it("encrypts the identity at rest, hashes the ID, audits without identity and opens the case page", async () => {
    const form = household();
    const result = await post(form);
    expect(statusOf(result)).toBe(302);
    const location = result instanceof Response ? (result.headers.get("Location") ?? "") : "";
    const caseId = /^\/staff\/cases\/([0-9a-f-]{36})\?saved=registered$/.exec(location)?.[1] ?? "";
    expect(caseId).not.toBe("");

    const [row] = await handle.db.select().from(cases).where(eq(cases.id, caseId));
    if (!row) throw new Error("no case");
    const idNumber = String(form.idNumber);
    const phone = `1990001${String(serial).padStart(4, "0")}`;
    for (const [stored, plain] of [[row.headNameEnc, form.name], [row.headIdNumberEnc, idNumber], [row.headPhoneEnc, phone], [row.headAddressEnc, form.address]] as const) {
      expect(stored.includes(Buffer.from(String(plain)))).toBe(false);
    }
    expect(cipher.decrypt("name", row.headNameEnc)).toBe(form.name);
    // The phone is stored as its 11 digits, whatever way it was typed.
    expect(cipher.decrypt("phone", row.headPhoneEnc)).toBe(phone);
    expect(row.idHash.equals(cipher.hashResidentId(idNumber))).toBe(true);
    expect(row).toMatchObject({ regionCode: "532923", status: "registered", consent: false, monthlyIncomePerHead: "1200.50", householdSize: 4, tier: "sudden", causes: ["illness", "education"] });

    // No column of the raw row holds an identity value in clear text.
    const raw = await handle.db.execute(sql`select * from cases where id = ${caseId}`);
    const dump = JSON.stringify(raw, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value));
    for (const plain of [form.name, idNumber, idNumber.slice(0, 10), phone, form.address]) expect(dump).not.toContain(String(plain));

    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "case.register")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ entity: "case", entityId: caseId, actorUserId: caseworker.id, regionCode: "532923" });
    const summary = JSON.stringify(audit?.summary);
    expect(summary).toContain("sudden");
    for (const plain of [form.name, idNumber, idNumber.slice(6, 14), "1990001", "测试路"]) expect(summary).not.toContain(String(plain));
  });

  it.each([
    ["a wrong check digit", () => { const id = fakeResidentId(++serial); return { idNumber: id.slice(0, 17) + (id[17] === "1" ? "2" : "1") }; }, "idNumber", "cases:errors.idCheckDigit"],
    ["an impossible birth date", () => { const first17 = "53292319780230901"; return { idNumber: first17 + residentIdCheckChar(first17) }; }, "idNumber", "cases:errors.idBirthDate"],
    ["a birth year that is not the ID's", () => ({ birthYear: "1950" }), "birthYear", "cases:errors.birthYearMismatch"],
    ["a sex that is not the ID's", () => ({ sex: "female" }), "sex", "cases:errors.sexMismatch"],
    ["a landline instead of a mobile", () => ({ phone: "0872-7123456" }), "phone", "cases:errors.phoneInvalid"],
    ["a negative income", () => ({ monthlyIncomePerHead: "-5" }), "monthlyIncomePerHead", "cases:errors.incomeInvalid"],
    ["no cause ticked", () => ({ causes: [] }), "causes", "cases:errors.causesRequired"],
  ])("refuses %s with a field error, writes nothing and keeps the input", async (_label, change, field, message) => {
    const before = await caseCount();
    const form = household(change());
    const result = await post(form);
    expect(statusOf(result)).toBe(400);
    const reply = replyOf(result);
    expect(reply.error?.[field]).toEqual([message]);
    expect(reply.initialValue?.name).toBe(form.name);
    expect(reply.initialValue?.address).toBe(form.address);
    expect(await caseCount()).toBe(before);
  });

  it("refuses an ID registered by another union, naming that union and nothing more", async () => {
    const before = await caseCount();
    const held = fakeResidentId(1, { region: "532924" });
    // The ID typed as people do: spaced, with full-width digits.
    const typed = `${held.slice(0, 6)} ${held.slice(6, 14).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))} ${held.slice(14)}`;
    const result = await post(household({ idNumber: typed, birthYear: String(1961), regionCode: "532923" }));
    expect(statusOf(result)).toBe(400);
    const errors = replyOf(result).error?.idNumber ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("宾川县总工会");
    const [binchuan] = await handle.db.select({ id: cases.id }).from(cases).where(eq(cases.regionCode, "532924"));
    for (const secret of [binchuan?.id ?? "-", "测试甲1", "532924", "测试路"]) expect(errors[0]).not.toContain(secret);
    expect(await caseCount()).toBe(before);
  });

  it("audits each answer naming the union that holds an ID, without the ID, and limits them per user with 429 and Retry-After", async () => {
    // A caseworker of 祥云 probes whether an ID belongs to a hardship household of 宾川.
    const prober = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    const held = fakeResidentId(1, { region: "532924" });
    const probe = () => post(household({ idNumber: held, birthYear: "1961", regionCode: "532923" }), prober);
    const [binchuan] = await handle.db.select({ id: cases.id }).from(cases).where(eq(cases.regionCode, "532924"));
    for (let i = 0; i < RATE_LIMITS.residentIdHolder.points; i++) {
      const answer = await probe();
      expect(statusOf(answer)).toBe(400);
      expect(replyOf(answer).error?.idNumber?.[0]).toContain("宾川县总工会");
    }
    const checks = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "case.resident-id-check"), eq(auditLog.actorUserId, prober.id)));
    expect(checks).toHaveLength(RATE_LIMITS.residentIdHolder.points);
    expect(checks[0]).toMatchObject({ entity: "case", entityId: binchuan?.id, regionCode: "532923", summary: { after: { outcome: "held-elsewhere" } } });
    const logged = JSON.stringify(checks, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
    for (const secret of [held, held.slice(6, 14), held.slice(0, 10), cipher.hashResidentId(held).toString("hex"), cipher.hashResidentId(held).toString("base64")]) expect(logged).not.toContain(secret);

    // The limit reached, every registration waits, a free ID as much as a held one: a refusal of
    // held IDs only would give the answer away. The input is kept and nothing is written.
    const before = await caseCount();
    for (const form of [household({ idNumber: held, birthYear: "1961" }), household()]) {
      const refused = await post(form, prober);
      expect(statusOf(refused)).toBe(429);
      const retryAfter = Number(isDataWithInit(refused) ? new Headers(refused.init.headers).get("Retry-After") : NaN);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.residentIdHolder.duration);
      const reply = replyOf(refused);
      expect(reply.error?.[""]?.[0]).toMatch(/^您近期录入的身份证号中已登记的较多。.*请 \d+ 分钟后再试/);
      expect(reply.error?.idNumber).toBeUndefined();
      expect(reply.initialValue?.name).toBe(form.name);
    }
    expect(await caseCount()).toBe(before);
    const refusals = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "case.resident-id-check"), eq(auditLog.actorUserId, prober.id)));
    expect(refusals.filter((row) => JSON.stringify(row.summary).includes("rate-limited"))).toHaveLength(2);

    // The limit is the prober's own: a colleague still registers and is still told.
    const colleague = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    expect(statusOf(await post(household({ idNumber: held, birthYear: "1961" }), colleague))).toBe(400);
    expect(statusOf(await post(household(), colleague))).toBe(302);
  });

  it("does not count registrations of IDs nobody holds", async () => {
    const busy = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
    for (let i = 0; i <= RATE_LIMITS.residentIdHolder.points; i++) expect(statusOf(await post(household(), busy))).toBe(302);
  });

  it("refuses a county outside the caseworker's region", async () => {
    const result = await post(household({ regionCode: "532924" }));
    expect(statusOf(result)).toBe(400);
    expect(replyOf(result).error?.regionCode).toEqual(["cases:errors.countyOutside"]);
  });

  it("offers a county caseworker their county and a prefecture caseworker every county of it", async () => {
    const county = await loader({ request: userRequest("/staff/cases/new", { cookie: caseworker.cookie }), context, params: {} });
    expect(county.counties.flatMap((g) => g.counties.map((c) => c.code))).toEqual(["532923"]);
    const dali = await createTestUser(handle.db, { organisation: "dali-union", role: "caseworker" });
    const prefecture = await loader({ request: userRequest("/staff/cases/new", { cookie: dali.cookie }), context, params: {} });
    const codes = prefecture.counties.flatMap((g) => g.counties.map((c) => c.code));
    expect(codes).toContain("532923");
    expect(codes).toContain("532924");
    expect(codes.every((code) => code.startsWith("5329") && code.length === 6)).toBe(true);
  });

  it("registers a prefecture union's household in a county as the prefecture union's own", async () => {
    const dali = await createTestUser(handle.db, { organisation: "dali-union", role: "caseworker" });
    const result = await post(household({ regionCode: "532924" }), dali);
    expect(statusOf(result)).toBe(302);
    const [row] = await handle.db.select({ regionCode: cases.regionCode, organisationId: cases.organisationId }).from(cases).orderBy(desc(cases.createdAt)).limit(1);
    const [org] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.importKey, "dali-union"));
    expect(row).toEqual({ regionCode: "532924", organisationId: org?.id });
  });

  it("is closed to auditors, who read cases but do not register them", async () => {
    const auditor = await createTestUser(handle.db, { organisation: "xy-union", role: "auditor" });
    expect(statusOf(await settle(loader({ request: userRequest("/staff/cases/new", { cookie: auditor.cookie }), context, params: {} })))).toBe(403);
    expect(statusOf(await post(household(), auditor))).toBe(403);
  });
});

describe("registering from an online application", () => {
  async function application(n: number) {
    const idNumber = fakeResidentId(n);
    const phone = `1990002${String(n).padStart(4, "0")}`;
    const [row] = await handle.db
      .insert(applications)
      .values({
        number: `A-T${String(n).padStart(6, "0")}`,
        regionCode: "532923",
        nameEnc: cipher.encrypt("name", `测试申请${n}`),
        idNumberEnc: cipher.encrypt("idNumber", idNumber),
        phoneEnc: cipher.encrypt("phone", phone),
        idHash: cipher.hashResidentId(idNumber),
        phoneHash: cipher.hashPhone(phone),
        whatHappened: "工地受伤，无法工作。",
        helpNeeded: "希望找一份轻体力工作。",
        consentAt: new Date(),
      })
      .returning({ id: applications.id });
    if (!row) throw new Error("no application");
    return { id: row.id, idNumber, phone, name: `测试申请${n}` };
  }

  it("prefills the form from the application and accepts it in the same transaction as the case", async () => {
    const applied = await application(500);
    const page = await loader({ request: userRequest(`/staff/cases/new?application=${applied.id}`, { cookie: caseworker.cookie }), context, params: {} });
    expect(page.prefill).toMatchObject({ applicationId: applied.id, name: applied.name, idNumber: applied.idNumber, phone: applied.phone, regionCode: "532923", birthYear: 1960 + (500 % 40), sex: "male" });
    expect(page.whatHappened).toBe("工地受伤，无法工作。");

    const result = await post(household({ name: applied.name, idNumber: applied.idNumber, phone: applied.phone, birthYear: String(1960 + (500 % 40)), applicationId: applied.id }));
    expect(statusOf(result)).toBe(302);
    const [row] = await handle.db.select({ status: applications.status, caseId: applications.caseId }).from(applications).where(eq(applications.id, applied.id));
    expect(row?.status).toBe("accepted");
    const [created] = await handle.db.select({ id: cases.id }).from(cases).where(eq(cases.idHash, cipher.hashResidentId(applied.idNumber)));
    expect(row?.caseId).toBe(created?.id);
  });

  it("says so when the application is not open in the caseworker's region, and prefills nothing", async () => {
    const page = await loader({ request: userRequest("/staff/cases/new?application=00000000-0000-4000-8000-000000000000", { cookie: caseworker.cookie }), context, params: {} });
    expect(page.applicationMissing).toBe(true);
    expect(page.prefill).toBeNull();
  });
});
