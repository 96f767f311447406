// The public application form and status check as a browser posts them: a valid
// application is stored with its identity encrypted and audited without identity values; bad
// input, a missing consent, a honeypot and a flood store nothing; the status check answers only the
// right number and phone pair.
import type { AppLoadContext } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { applications } from "../../db/schema/case-records";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { RATE_LIMITS } from "../domain/auth/rate-limit.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { HONEYPOT_FIELD } from "../ui/form";
import { action as applyAction, loader as applyLoader } from "./apply._index";
import { action as statusAction } from "./apply.status";
import { loader as submittedLoader } from "./apply.submitted";

let handle: DatabaseHandle;
const cipher = createTestCipher();
let counter = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  const parsed = parseImportDocument(fakeDocument({ cases: 0, offers: 0 }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

/** Each test its own client address, so the per-address limit counts one test at a time. */
function contextFor(clientIp = `198.51.100.${++counter}`): AppLoadContext {
  return createTestLoadContext({ database: handle, cipher, clientIp });
}

function applicationForm(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const n = 500 + ++counter;
  const form: Record<string, string | undefined> = {
    name: `测试申请人${n}`,
    idNumber: fakeResidentId(n),
    phone: `+86 199-0000-${String(n).padStart(4, "0")}`,
    province: "53",
    county: "532923",
    whatHappened: "测试：丈夫去年工伤后不能干重活，家里靠我一个人打零工。",
    helpNeeded: "想找一份离家近的工作，孩子的学费也交不上。",
    consent: "on",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function apply(form: Record<string, string>, context = contextFor()) {
  return settle(applyAction({ request: userRequest("/apply?province=53", { form }), context, params: {} }));
}

async function applicationCount(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(applications);
  return row?.n ?? 0;
}

/** Submits a valid application and reads the number off the receipt page, as the browser would. */
async function submitted(form: Record<string, string>): Promise<string> {
  const result = await apply(form);
  expect(statusOf(result)).toBe(302);
  if (!(result instanceof Response)) throw new Error("expected a redirect");
  expect(result.headers.get("Location")).toBe("/apply/submitted");
  const cookie = (result.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
  const receipt = await submittedLoader({ request: userRequest("/apply/submitted", { cookie }), context: contextFor(), params: {} });
  if (!receipt.number) throw new Error("no number on the receipt");
  return receipt.number;
}

function fieldErrors(result: unknown): Record<string, unknown> {
  const payload = payloadOf(result);
  if (typeof payload !== "object" || payload === null || !("error" in payload)) return {};
  const error = payload.error;
  return typeof error === "object" && error !== null ? { ...error } : {};
}

describe("/apply", () => {
  it("offers the counties of the chosen province, grouped by prefecture", async () => {
    const page = await applyLoader({ request: userRequest("/apply?province=53"), context: contextFor(), params: {} });
    expect(page.provinces.some((p) => p.code === "53")).toBe(true);
    const dali = page.regions?.prefectures.find((p) => p.code === "5329");
    expect(dali?.counties.some((c) => c.code === "532923")).toBe(true);
  });

  it("stores an application with its identity encrypted, hashes for matching, and an audit row without identity values", async () => {
    const form = applicationForm();
    const number = await submitted(form);
    expect(number).toMatch(/^A-[2-9A-HJKMNP-TV-Z]{7}$/);
    const [row] = await handle.db.select().from(applications).where(eq(applications.number, number));
    if (!row) throw new Error("no row");
    const plain = { name: form.name ?? "", idNumber: form.idNumber ?? "", phone: (form.phone ?? "").replace(/\D/g, "").slice(2) };
    expect(row).toMatchObject({ regionCode: "532923", status: "new", caseId: null, whatHappened: form.whatHappened, helpNeeded: form.helpNeeded });
    expect(row.consentAt).toBeInstanceOf(Date);
    for (const [field, ciphertext] of [["name", row.nameEnc], ["idNumber", row.idNumberEnc], ["phone", row.phoneEnc]] as const) {
      expect(ciphertext.includes(Buffer.from(plain[field]))).toBe(false);
      expect(cipher.decrypt(field, ciphertext)).toBe(plain[field]);
    }
    expect(row.idHash.equals(cipher.hashResidentId(plain.idNumber))).toBe(true);
    expect(row.phoneHash.equals(cipher.hashPhone(plain.phone))).toBe(true);

    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, row.id));
    expect(audit).toMatchObject({ action: "application.submit", entity: "application", regionCode: "532923", actorUserId: null });
    expect(audit?.summary).toMatchObject({ after: { status: "new", number } });
    const logged = JSON.stringify(audit?.summary);
    for (const value of [plain.name, plain.idNumber, plain.phone, plain.idNumber.slice(6, 14), plain.phone.slice(3)]) expect(logged).not.toContain(value);
  });

  it.each([
    ["a wrong check digit", { idNumber: `${fakeResidentId(901).slice(0, 17)}${fakeResidentId(901).endsWith("0") ? "1" : "0"}` }, "idNumber", "applications:errors.idCheckDigit"],
    ["an impossible birth date", { idNumber: "532923199902301234" }, "idNumber", "applications:errors.idBirthDate"],
    ["a landline", { phone: "0872-7123456" }, "phone", "applications:errors.phoneInvalid"],
    ["no consent", { consent: undefined }, "consent", "applications:errors.consentRequired"],
    ["a prefecture instead of a county", { county: "5329" }, "county", "applications:errors.countyRequired"],
    ["a county no union covers", { province: "11", county: "110101" }, "county", "applications:errors.countyNotCovered"],
  ])("refuses %s with a field error and stores nothing", async (_what, overrides, field, message) => {
    const before = await applicationCount();
    const result = await apply(applicationForm(overrides));
    expect(statusOf(result)).toBe(400);
    expect(fieldErrors(result)[field]).toEqual([message]);
    expect(await applicationCount()).toBe(before);
  });

  it("thanks a bot that filled the honeypot with a receipt like everyone's, and stores nothing", async () => {
    const before = await applicationCount();
    const result = await apply(applicationForm({ [HONEYPOT_FIELD]: "http://spam.example" }));
    expect(statusOf(result)).toBe(302);
    if (!(result instanceof Response)) throw new Error("expected a redirect");
    expect(result.headers.get("Location")).toBe("/apply/submitted");
    const cookie = (result.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
    const receipt = await submittedLoader({ request: userRequest("/apply/submitted", { cookie }), context: contextFor(), params: {} });
    expect(receipt.number).toMatch(/^A-[2-9A-HJKMNP-TV-Z]{7}$/);
    expect(await applicationCount()).toBe(before);
  });

  it("answers 429 with a form error once an address has used up the public-form limit", async () => {
    const context = contextFor();
    for (let i = 0; i < RATE_LIMITS.publicFormIp.points; i++) await context.runtime.rateLimits.consume("publicFormIp", context.clientIp);
    const before = await applicationCount();
    const result = await apply(applicationForm(), context);
    expect(statusOf(result)).toBe(429);
    expect(payloadOf(result)).toMatchObject({ error: { "": ["applications:errors.rateLimited"] } });
    expect(await applicationCount()).toBe(before);
  });

  it("shows no number on the receipt page without the receipt cookie", async () => {
    const receipt = await submittedLoader({ request: userRequest("/apply/submitted"), context: contextFor(), params: {} });
    expect(receipt.number).toBeNull();
  });
});

describe("/apply/status", () => {
  async function check(form: Record<string, string>, context = contextFor()) {
    return settle(statusAction({ request: userRequest("/apply/status", { form }), context, params: {} }));
  }

  it("tells the applicant the status for the right number and phone, typed loosely", async () => {
    const form = applicationForm();
    const number = await submitted(form);
    const loose = number.toLowerCase().replace("-", " ");
    const result = await check({ number: loose, phone: form.phone ?? "" });
    expect(statusOf(result)).toBe(200);
    expect(payloadOf(result)).toMatchObject({ found: { number, status: "new", declineReason: null } });
    // Nothing else about the application: no texts, no region, no identity.
    expect(JSON.stringify(payloadOf(result))).not.toContain("测试");
  });

  it("says not found, the same way, for a wrong phone and for an unknown number", async () => {
    const form = applicationForm();
    const number = await submitted(form);
    const wrongPhone = await check({ number, phone: "19900009999" });
    const wrongNumber = await check({ number: "A-2222222", phone: form.phone ?? "" });
    for (const result of [wrongPhone, wrongNumber]) {
      expect(statusOf(result)).toBe(404);
      expect(payloadOf(result)).toMatchObject({ found: null, reply: { error: { "": ["applications:errors.notFound"] } } });
    }
  });

  it("is rate limited per address, apart from the applications' own count", async () => {
    const context = contextFor();
    for (let i = 0; i < RATE_LIMITS.publicFormIp.points; i++) expect(statusOf(await check({ number: "A-2222222", phone: "19900009999" }, context))).toBe(404);
    expect(statusOf(await check({ number: "A-2222222", phone: "19900009999" }, context))).toBe(429);
    // Applying from that address still works: checking used its own counter.
    expect(statusOf(await apply(applicationForm(), context))).toBe(302);
  });
});
