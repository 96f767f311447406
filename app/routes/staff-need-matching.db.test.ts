// The matching on a need's staff page (/staff/needs/:ref), through its real loader and action:
// suggested offers with their reasons, "propose", a provider's request approved or declined, a
// match withdrawn, the need marked fulfilled from a fulfilled match; another county's need or a
// match of another need is not found, bad input is a 400 naming its form, a step taken meanwhile a
// 409. Without a search engine the suggestions come from PostgreSQL (the engine's own fallback).
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { matches } from "../../db/schema/matches";
import { needs } from "../../db/schema/needs";
import type { TestUser } from "../../tests/accounts";
import { createTestUser, userRequest } from "../../tests/accounts";
import { actorOf } from "../../tests/actors";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeOffer, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { acceptMatch } from "../domain/matching/accept-match.server";
import { fulfilMatch } from "../domain/matching/finish-match.server";
import { requestMatch } from "../domain/matching/request-match.server";
import { action, loader } from "./staff.needs.$ref";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();
let needRefs: Record<string, string>;
let offerRefs: Record<string, string>;
let caseworker: TestUser;
let auditor: TestUser;
let provider: TestUser;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 6, offers: 0 });
  document.organisations?.push(
    { key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" },
    { key: "xy-school", kind: "training", name: "测试职业技能培训学校", region: "532923" },
  );
  const binchuan = fakeCase(99, { organisation: "bc-union", region: "532924" });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(99, { region: "532924" }) };
  document.cases?.push(binchuan);
  document.offers = [
    fakeOffer(1, { capacity: 3 }),
    fakeOffer(2, { organisation: "xy-school", category: "training", title: "电工职业技能培训班", description: "低压电工证培训，结业可上岗。", skills: ["电工"], regions: ["532923"], capacity: 5 }),
    fakeOffer(3, { category: "legal", title: "法律援助", description: "免费法律咨询。", skills: [] }),
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRefs = imported.result.needs;
  offerRefs = imported.result.offers;
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
  auditor = await createTestUser(handle.db, { organisation: "xy-union", role: "auditor" });
  provider = await createTestUser(handle.db, { organisation: "dali-employer", role: "member" });
}, 60_000);
afterAll(() => handle.close());

const ref = (key: string) => needRefs[key] ?? "";
const offer = (key: string) => offerRefs[key] ?? "";

async function page(needRef: string, user: TestUser = caseworker) {
  return settle(loader({ request: userRequest(`/staff/needs/${needRef}`, { cookie: user.cookie }), context, params: { ref: needRef } }));
}
async function pageData(needRef: string) {
  const result = await page(needRef);
  expect(statusOf(result)).toBe(200);
  return payloadOf(result) as Awaited<ReturnType<typeof loader>>;
}
async function post(needRef: string, form: Record<string, string>, user: TestUser = caseworker) {
  return settle(action({ request: userRequest(`/staff/needs/${needRef}`, { cookie: user.cookie, form }), context, params: { ref: needRef } }));
}
async function matchOf(needRef: string, offerRef: string) {
  const [need] = await handle.db.select({ id: needs.id }).from(needs).where(eq(needs.ref, needRef));
  const rows = await handle.db.select({ ref: matches.ref, status: matches.status, offerId: matches.offerId, message: matches.message, reasons: matches.reasons }).from(matches).where(eq(matches.needId, need?.id ?? ""));
  const data = await pageData(needRef);
  const shown = data.matches.find((m) => m.offer.ref === offerRef);
  return shown ? rows.find((r) => r.ref === shown.ref) : undefined;
}
async function requestAs(user: TestUser, needRef: string, offerRef: string) {
  return requestMatch({ db: handle.db, actor: await actorOf(handle.db, user), needRef, offerRef, message: "我们有合适的岗位，可以安排面试。", ip: null });
}

describe("suggested offers on a need's staff page", () => {
  it("lists the offers that fit, best first, each with its reasons in the page's language, and never one of another category", async () => {
    const data = await pageData(ref("need-1"));
    const refs = data.suggestions?.map((s) => s.ref) ?? [];
    expect(refs).toContain(offer("offer-1"));
    expect(refs).not.toContain(offer("offer-3"));
    const employer = data.suggestions?.find((s) => s.ref === offer("offer-1"));
    expect(employer?.reasons.length).toBeGreaterThan(0);
    expect(employer?.reasons.join(" ")).toMatch(/[\u4e00-\u9fff]/);
    expect(employer?.href).toBe(`/staff/offers/${offer("offer-1")}`);
    expect(data.canCurate).toBe(true);
  });

  it("is not found for a need of another county, for the page and for its forms", async () => {
    expect(statusOf(await page(ref("need-99")))).toBe(404);
    expect(statusOf(await post(ref("need-99"), { intent: "propose", offerRef: offer("offer-1") }))).toBe(404);
  });

  it("lets an auditor read the suggestions but not propose", async () => {
    const result = await page(ref("need-1"), auditor);
    expect(statusOf(result)).toBe(200);
    expect((payloadOf(result) as Awaited<ReturnType<typeof loader>>).canCurate).toBe(false);
    expect(statusOf(await post(ref("need-1"), { intent: "propose", offerRef: offer("offer-1") }, auditor))).toBe(403);
    expect(await matchOf(ref("need-1"), offer("offer-1"))).toBeUndefined();
  });
});

describe("proposing", () => {
  it("turns a suggestion into a proposed match with the caseworker's message and the reasons shown, and stops suggesting it", async () => {
    const result = await post(ref("need-2"), { intent: "propose", offerRef: offer("offer-1"), message: "这位师傅有多年水电经验。" });
    expect(statusOf(result)).toBe(302);
    expect(result instanceof Response ? result.headers.get("Location") : null).toBe(`/staff/needs/${ref("need-2")}?saved=proposed`);
    const match = await matchOf(ref("need-2"), offer("offer-1"));
    expect(match?.status).toBe("proposed");
    expect(match?.message).toBe("这位师傅有多年水电经验。");
    expect(match?.reasons.length).toBeGreaterThan(0);
    const data = await pageData(ref("need-2"));
    expect(data.suggestions?.map((s) => s.ref)).not.toContain(offer("offer-1"));
    expect(data.matches.find((m) => m.offer.ref === offer("offer-1"))?.events.map((e) => e.status)).toEqual(["已推荐给资源方"]);
  });

  it("answers a second proposal of the same pair with 409, the first one kept", async () => {
    expect(statusOf(await post(ref("need-3"), { intent: "propose", offerRef: offer("offer-1") }))).toBe(302);
    expect(statusOf(await post(ref("need-3"), { intent: "propose", offerRef: offer("offer-1") }))).toBe(409);
    expect((await matchOf(ref("need-3"), offer("offer-1")))?.status).toBe("proposed");
  });

  it("refuses bad input with a 400 naming the form: a message too long, a malformed offer, an unknown form", async () => {
    const long = await post(ref("need-4"), { intent: "propose", offerRef: offer("offer-1"), message: "长".repeat(1001) });
    expect(statusOf(long)).toBe(400);
    expect(payloadOf(long)).toMatchObject({ intent: "propose", target: offer("offer-1"), result: { error: { message: ["matches:staff.errors.tooLong"] } } });
    expect(statusOf(await post(ref("need-4"), { intent: "propose", offerRef: "O-nope" }))).toBe(400);
    expect(statusOf(await post(ref("need-4"), { intent: "shred" }))).toBe(400);
    expect(await matchOf(ref("need-4"), offer("offer-1"))).toBeUndefined();
  });

  it("refuses an offer the rules do not allow for this need (another category) with 409", async () => {
    expect(statusOf(await post(ref("need-4"), { intent: "propose", offerRef: offer("offer-3") }))).toBe(409);
  });
});

describe("a provider's request", () => {
  it("waits at the top of the list and is approved into a proposal", async () => {
    const { ref: matchRef } = await requestAs(provider, ref("need-5"), offer("offer-1"));
    const data = await pageData(ref("need-5"));
    expect(data.requests.map((r) => r.matchRef)).toEqual([matchRef]);
    expect(data.requests[0]?.message).toBe("我们有合适的岗位，可以安排面试。");
    expect(data.suggestions?.map((s) => s.ref)).not.toContain(offer("offer-1"));
    expect(statusOf(await post(ref("need-5"), { intent: "approve", matchRef }))).toBe(302);
    expect((await matchOf(ref("need-5"), offer("offer-1")))?.status).toBe("proposed");
    // Approving it again: it moved meanwhile.
    expect(statusOf(await post(ref("need-5"), { intent: "approve", matchRef }))).toBe(409);
  });

  it("is declined only with a reason, which the provider reads", async () => {
    const { ref: matchRef } = await requestAs(provider, ref("need-6"), offer("offer-1"));
    const missing = await post(ref("need-6"), { intent: "decline", matchRef, reason: " " });
    expect(statusOf(missing)).toBe(400);
    expect(payloadOf(missing)).toMatchObject({ intent: "decline", target: matchRef, result: { error: { reason: ["matches:staff.errors.reasonRequired"] } } });
    expect(statusOf(await post(ref("need-6"), { intent: "decline", matchRef, reason: "这户已找到工作。" }))).toBe(302);
    const data = await pageData(ref("need-6"));
    expect(data.matches[0]).toMatchObject({ ref: matchRef, status: "declined", declineReason: "这户已找到工作。" });
    expect(data.requests).toEqual([]);
  });

  it("is not found when its reference belongs to another need's match", async () => {
    const { ref: matchRef } = await requestAs(provider, ref("need-4"), offer("offer-1"));
    expect(statusOf(await post(ref("need-6"), { intent: "decline", matchRef, reason: "不是这项需求的" }))).toBe(404);
    expect(statusOf(await post(ref("need-6"), { intent: "approve", matchRef: "M-2222222" }))).toBe(404);
  });
});

describe("withdrawing and closing the loop", () => {
  it("withdraws a proposed match with a note (required)", async () => {
    const match = await matchOf(ref("need-3"), offer("offer-1"));
    const matchRef = match?.ref ?? "";
    expect(statusOf(await post(ref("need-3"), { intent: "withdraw", matchRef, note: "" }))).toBe(400);
    expect(statusOf(await post(ref("need-3"), { intent: "withdraw", matchRef, note: "家庭情况有变化。" }))).toBe(302);
    expect((await matchOf(ref("need-3"), offer("offer-1")))?.status).toBe("withdrawn");
    expect(statusOf(await post(ref("need-3"), { intent: "withdraw", matchRef, note: "再撤一次" }))).toBe(409);
  });

  it("marks the need fulfilled from a match its provider fulfilled, and not before", async () => {
    const match = await matchOf(ref("need-2"), offer("offer-1"));
    const matchRef = match?.ref ?? "";
    const providerActor = await actorOf(handle.db, provider);
    await acceptMatch({ db: handle.db, actor: providerActor, matchRef, ip: null });
    expect((await pageData(ref("need-2"))).matches[0]?.canFulfilNeed).toBe(false);
    expect(statusOf(await post(ref("need-2"), { intent: "fulfil-need", matchRef }))).toBe(409);
    await fulfilMatch({ db: handle.db, actor: providerActor, matchRef, note: "已入职，签了一年合同。", ip: null });
    const before = await pageData(ref("need-2"));
    expect(before.matches[0]).toMatchObject({ status: "fulfilled", canFulfilNeed: true, outcomeNote: "已入职，签了一年合同。" });
    const result = await post(ref("need-2"), { intent: "fulfil-need", matchRef });
    expect(statusOf(result)).toBe(302);
    const after = await pageData(ref("need-2"));
    expect(after.need.status).toBe("fulfilled");
    expect(after.matches[0]?.canFulfilNeed).toBe(false);
    expect(after.isSuggested).toBe(false);
  });
});
