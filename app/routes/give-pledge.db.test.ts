// The donor's pages through their loaders and actions with real Requests: /give makes one pledge per
// form however often it is sent and keeps what was typed on bad input; /pledges/track and
// /pledges/receipt open a pledge by its code (POST only) and answer every unknown code alike; both
// are rate-limited per address and never cached.
import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../db/client.server";
import { pledges } from "../../db/schema/ledger";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { rowsOf } from "../../tests/ledger-fixture";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { action as giveAction, loader as giveLoader } from "./give";
import { action as receiptAction } from "./pledges.receipt";
import { action as trackAction } from "./pledges.track";

let handle: DatabaseHandle;
let needRef: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const parsed = parseImportDocument(fakeDocument({ cases: 1, offers: 0 }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRef = imported.result.needs["need-1"] ?? "";
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

let address = 0;
/** Each test from its own address, so rate limits of one test never reach another. */
const contextFor = (clientIp = `192.0.2.${++address}`): AppLoadContext => createTestLoadContext({ database: handle, clientIp });

const pageData = z.object({ key: z.string(), need: z.object({ ref: z.string(), title: z.string(), unionName: z.string() }).nullable() });
const created = z.object({ kind: z.literal("created"), pledge: z.object({ ref: z.string(), amount: z.string(), trackingCode: z.string(), unionName: z.string(), bank: z.null() }) });
const formAnswer = z.object({ kind: z.literal("form"), result: z.object({ initialValue: z.record(z.string(), z.unknown()).nullish(), error: z.record(z.string(), z.array(z.string()).nullable()).nullish() }) });

async function freshForm(context = contextFor()) {
  const result = await giveLoader({ request: userRequest(`/give?need=${needRef}`), params: {}, context });
  return { page: pageData.parse(payloadOf(result)), result };
}

const send = (form: Record<string, string>, context = contextFor()) => settle(giveAction({ request: userRequest("/give", { form }), params: {}, context }));

async function countPledges() {
  const [row] = await rowsOf(handle.db, z.object({ n: z.coerce.number() }), sql`select count(*) as n from pledges`);
  return row?.n ?? 0;
}

/** The headers a loader or action answered with `data(…, { headers })`. */
function headersOf(result: unknown): Headers {
  const answered = z.object({ init: z.object({ headers: z.record(z.string(), z.string()) }) }).safeParse(result);
  return new Headers(answered.success ? answered.data.init.headers : undefined);
}

describe("/give", () => {
  it("offers a form with a fresh key for a public need, never cached", async () => {
    const first = await freshForm();
    const second = await freshForm();
    expect(first.page.need).toMatchObject({ ref: needRef, unionName: "祥云县总工会" });
    expect(first.page.key).not.toBe(second.page.key);
    expect(headersOf(first.result).get("Cache-Control")).toBe("private, no-store");
  });

  it("records a pledge and shows its reference, the union and a tracking code", async () => {
    const { page } = await freshForm();
    const answer = created.parse(payloadOf(await send({ key: page.key, need: needRef, amount: "1,234.5", displayName: "测试捐赠人", contact: "donor@example.invalid" })));
    expect(answer.pledge).toMatchObject({ amount: "¥1,234.50", unionName: "祥云县总工会", bank: null });
    expect(answer.pledge.ref).toMatch(/^P-/);
    expect(JSON.stringify(answer)).not.toContain("donor@example.invalid");
  });

  it("makes one pledge of a form sent twice, answering the same reference and code", async () => {
    const { page } = await freshForm();
    const form = { key: page.key, need: needRef, amount: "88", anonymous: "on" };
    const before = await countPledges();
    const first = created.parse(payloadOf(await send(form)));
    const second = created.parse(payloadOf(await send(form)));
    expect(second.pledge).toEqual(first.pledge);
    expect(await countPledges()).toBe(before + 1);
  });

  it.each([
    ["three decimals", "12.345"],
    ["empty", ""],
    ["negative", "-20"],
    ["over the limit", "1000000.01"],
  ])("refuses an amount that is %s with 400, keeping what was typed and writing nothing", async (_, amount) => {
    const { page } = await freshForm();
    const before = await countPledges();
    const result = await send({ key: page.key, need: needRef, amount, displayName: "测试捐赠人", message: "加油" });
    expect(statusOf(result)).toBe(400);
    const answer = formAnswer.parse(payloadOf(result));
    // Conform leaves an empty field out of what it sends back.
    expect(answer.result.initialValue).toMatchObject({ displayName: "测试捐赠人", message: "加油", ...(amount ? { amount } : {}) });
    expect(answer.result.error?.amount?.length).toBeGreaterThan(0);
    expect(await countPledges()).toBe(before);
  });

  it("makes no pledge of a form whose hidden honeypot field was filled", async () => {
    const { page } = await freshForm();
    const before = await countPledges();
    const result = await send({ key: page.key, need: needRef, amount: "50", anonymous: "on", website_url: "http://spam.invalid" });
    expect(statusOf(result)).toBe(400);
    expect(formAnswer.parse(payloadOf(result)).result.error?.[""]).toEqual(["pledges:errors.notSent"]);
    expect(await countPledges()).toBe(before);
  });

  it("asks for a name unless the donor gives anonymously", async () => {
    const { page } = await freshForm();
    const result = await send({ key: page.key, need: needRef, amount: "10" });
    expect(statusOf(result)).toBe(400);
    expect(formAnswer.parse(payloadOf(result)).result.error?.displayName).toEqual(["pledges:errors.displayNameRequired"]);
  });

  it("answers the same form with another amount with 409 and writes nothing", async () => {
    const { page } = await freshForm();
    await send({ key: page.key, need: needRef, amount: "100", anonymous: "on" });
    const before = await countPledges();
    const result = await send({ key: page.key, need: needRef, amount: "1000", anonymous: "on" });
    expect(statusOf(result)).toBe(409);
    expect(formAnswer.parse(payloadOf(result)).result.error?.[""]).toEqual(["pledges:errors.keyReused"]);
    expect(await countPledges()).toBe(before);
  });

  it("gives to the union chosen on the general fund's form", async () => {
    const context = contextFor();
    const page = z.object({ key: z.string(), unions: z.array(z.object({ id: z.string(), name: z.string() })) }).parse(payloadOf(await giveLoader({ request: userRequest("/give"), params: {}, context })));
    const union = page.unions.find((u) => u.name === "祥云县总工会");
    expect(union).toBeDefined();
    const missing = await send({ key: page.key, amount: "10", anonymous: "on" }, context);
    expect(formAnswer.parse(payloadOf(missing)).result.error?.union).toEqual(["pledges:errors.unionRequired"]);
    const answer = await send({ key: page.key, union: union?.id ?? "", amount: "10", anonymous: "on" }, context);
    expect(payloadOf(answer)).toMatchObject({ kind: "created", pledge: { unionName: "祥云县总工会", need: null } });
  });

  it("answers a need that is not public with 404", async () => {
    const result = await settle(giveLoader({ request: userRequest("/give?need=N-2222222"), params: {}, context: contextFor() }));
    expect(statusOf(result)).toBe(404);
  });

  it("limits pledges per address with 429 and Retry-After", async () => {
    const context = contextFor("198.51.100.7");
    for (let i = 0; i < 20; i++) await send({ key: "0".repeat(26), need: needRef, amount: "" }, context);
    const result = await send({ key: "0".repeat(26), need: needRef, amount: "" }, context);
    expect(statusOf(result)).toBe(429);
    expect(headersOf(result).get("Retry-After")).toMatch(/^\d+$/);
  });
});

describe("/pledges/track and /pledges/receipt", () => {
  async function pledgeWithCode() {
    const { page } = await freshForm();
    const answer = created.parse(payloadOf(await send({ key: page.key, need: needRef, amount: "66", displayName: "测试捐赠人", contact: "13900000000" })));
    return answer.pledge;
  }
  const track = (code: string, context = contextFor()) => settle(trackAction({ request: userRequest("/pledges/track", { form: { code } }), params: {}, context }));

  it("shows the journey of the pledge a code names, typed in any case and grouping", async () => {
    const pledge = await pledgeWithCode();
    const result = await track(pledge.trackingCode.toLowerCase().replaceAll("-", " "));
    expect(statusOf(result)).toBe(200);
    expect(payloadOf(result)).toMatchObject({ kind: "found", journey: { ref: pledge.ref, amount: "¥66.00", status: "open", receipts: [], need: { ref: needRef } } });
    expect(JSON.stringify(payloadOf(result))).not.toContain("13900000000");
  });

  it("answers a wrong code, a malformed one and an empty one without naming any pledge", async () => {
    const wrong = await track("0000-0000-0000-0000-0000-0000-0000");
    const malformed = await track("P-2222222");
    expect(statusOf(wrong)).toBe(404);
    expect(statusOf(malformed)).toBe(404);
    expect(payloadOf(wrong)).toEqual({ kind: "error", error: "pledges:track.notFound", code: "0000-0000-0000-0000-0000-0000-0000" });
    expect(statusOf(await track(""))).toBe(400);
  });

  it("limits lookups per address", async () => {
    const context = contextFor("198.51.100.9");
    for (let i = 0; i < 30; i++) await track("0000-0000-0000-0000-0000-0000-0000", context);
    expect(statusOf(await track("0000-0000-0000-0000-0000-0000-0000", context))).toBe(429);
  });

  it("prints a receipt with the pledge reference, union and donor's public name, never the contact", async () => {
    const pledge = await pledgeWithCode();
    const result = await settle(receiptAction({ request: userRequest("/pledges/receipt", { form: { code: pledge.trackingCode } }), params: {}, context: contextFor() }));
    expect(payloadOf(result)).toMatchObject({ receipt: { ref: pledge.ref, unionName: "祥云县总工会", displayName: "测试捐赠人", receipts: [], received: "¥0.00" } });
    expect(JSON.stringify(payloadOf(result))).not.toContain("13900000000");
    const [row] = await handle.db.select({ contact: pledges.contact }).from(pledges).where(eq(pledges.ref, pledge.ref));
    expect(row?.contact).toBe("13900000000");
  });

  it("sends an unknown code on the receipt page back to the tracking form", async () => {
    const result = await settle(receiptAction({ request: userRequest("/pledges/receipt", { form: { code: "nothing" } }), params: {}, context: contextFor() }));
    expect(statusOf(result)).toBe(302);
  });
});
