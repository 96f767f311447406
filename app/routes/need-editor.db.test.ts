// The need editor, through its real loaders and actions: a caseworker writes a draft and publishes
// it (status, outbox row, audit); the PII guard blocks the household's own phone number or any
// valid resident ID and changes nothing; an override with a reason publishes and is audited;
// publishing without the household's consent, or before it is verified, is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import type { TestUser } from "../../tests/accounts";
import { createTestUser } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { auditRows, blockedOf, createdRef, editorContext, editorRoutes, needForm, needRow, outboxRows, seedEditorWorld } from "../../tests/need-editor";
import { payloadOf, statusOf } from "../../tests/route-results";

let handle: DatabaseHandle;
const cipher = createTestCipher();
let world: Awaited<ReturnType<typeof seedEditorWorld>>;
let caseworker: TestUser;
let routes: ReturnType<typeof editorRoutes>;
let kicks: { count: number };

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await seedEditorWorld(handle, cipher);
  const editor = editorContext(handle, cipher);
  routes = editorRoutes(editor.context);
  kicks = editor.kicks;
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
}, 60_000);
afterAll(() => handle.close());

async function draft(caseKey: "ready" | "no-consent" | "unverified" = "ready", form: Record<string, string> = {}) {
  return createdRef(await routes.postNew(caseworker, world.caseIds[caseKey], needForm(form)));
}

describe("the need editor", () => {
  it("creates a draft in the case's county, audited, with nothing queued for search", async () => {
    const ref = await draft("ready", { skills: "电工，焊工、电工", targetAmount: "¥3,000.5" });
    const row = await needRow(handle, ref);
    expect(row).toMatchObject({ status: "draft", regionCode: "532923", skills: ["电工", "焊工"], targetAmount: "3000.50", publishedAt: null, caseId: world.caseIds.ready });
    expect(await auditRows(handle, "need.create", ref)).toHaveLength(1);
    expect(await outboxRows(handle, ref)).toEqual([]);
  });

  it("publishes a draft: status and date, an outbox row, the audit and a kick of the search worker", async () => {
    const ref = await draft();
    const before = await needRow(handle, ref);
    const kicked = kicks.count;
    const result = await routes.postEdit(caseworker, ref, needForm({ intent: "publish", title: "电工工作（已核实）" }));
    expect(statusOf(result)).toBe(302);
    const after = await needRow(handle, ref);
    expect(after).toMatchObject({ status: "published", title: "电工工作（已核实）", version: before.version + 1 });
    expect(after.publishedAt).not.toBeNull();
    expect((await outboxRows(handle, ref)).map((r) => r.status)).toEqual(["pending"]);
    const [published] = await auditRows(handle, "need.publish", ref);
    expect(published?.summary).toEqual({ before: { status: "draft" }, after: { status: "published", fields: ["title"] } });
    const checks = await auditRows(handle, "identity.read-for-pii-check", world.caseIds.ready);
    expect(checks.some((r) => JSON.stringify(r.summary).includes(ref))).toBe(true);
    expect(kicks.count).toBe(kicked + 1);
  });

  it("blocks a story with the household's phone number, returns its span, and changes nothing", async () => {
    const ref = await draft();
    const before = await needRow(handle, ref);
    const phone = world.heads.ready.phone;
    const story = `有困难请联系 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}，谢谢。`;
    const result = await routes.postEdit(caseworker, ref, needForm({ intent: "publish", story }));
    expect(statusOf(result)).toBe(400);
    const { blocked, reply } = blockedOf(payloadOf(result));
    const span = blocked.spans.find((s) => s.field === "story");
    expect(span && blocked.texts.story?.slice(span.start, span.end)).toBe(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
    expect(["mobile", "own-phone"]).toContain(span?.kind);
    expect(reply.error?.story?.length).toBeGreaterThan(0);
    // The answer holds the caseworker's own text and where the finding is — no other identity value.
    const answer = JSON.stringify(payloadOf(result));
    for (const value of [world.heads.ready.name, world.heads.ready.idNumber, world.heads.ready.address]) expect(answer).not.toContain(value);
    expect(await needRow(handle, ref)).toEqual(before);
    expect(await outboxRows(handle, ref)).toEqual([]);
    expect(await auditRows(handle, "need.publish", ref)).toEqual([]);
  });

  it("blocks the title holding any valid resident ID, not only the household's", async () => {
    const ref = await draft();
    const stranger = fakeResidentId(777, { region: "110101" });
    const result = await routes.postEdit(caseworker, ref, needForm({ intent: "publish", title: `证件 ${stranger}` }));
    expect(statusOf(result)).toBe(400);
    const { blocked } = blockedOf(payloadOf(result));
    expect(blocked.spans).toContainEqual({ field: "title", kind: "resident-id", start: 3, end: 3 + stranger.length });
    expect((await needRow(handle, ref)).status).toBe("draft");
  });

  it("publishes over a finding with a written reason, and audits the override by kind", async () => {
    const ref = await draft();
    const story = "可拨打工会服务热线 13912345678 咨询。";
    const reason = "这是县总工会公开的服务热线号码，不属于该户。";
    const result = await routes.postEdit(caseworker, ref, needForm({ intent: "publish", story, overrideReason: reason }));
    expect(statusOf(result)).toBe(302);
    expect(await needRow(handle, ref)).toMatchObject({ status: "published", story });
    const [override] = await auditRows(handle, "need.publish-override", ref);
    expect(override?.summary).toEqual({ after: { kinds: ["mobile"], fields: ["story"] }, note: reason });
    expect(JSON.stringify(override?.summary)).not.toContain("13912345678");
  });

  it("refuses an override reason that is too short, or that repeats what it excuses", async () => {
    const ref = await draft();
    const story = `请联系 ${world.heads.ready.phone}`;
    const short = await routes.postEdit(caseworker, ref, needForm({ intent: "publish", story, overrideReason: "热线" }));
    expect(statusOf(short)).toBe(400);
    const repeating = await routes.postEdit(caseworker, ref, needForm({ intent: "publish", story, overrideReason: `号码 ${world.heads.ready.phone} 是热线` }));
    expect(statusOf(repeating)).toBe(400);
    expect(blockedOf(payloadOf(repeating)).blocked.spans.some((s) => s.field === "overrideReason")).toBe(true);
    expect((await needRow(handle, ref)).status).toBe("draft");
    expect(await auditRows(handle, "need.publish-override", ref)).toEqual([]);
  });

  it("refuses to publish without the household's consent, or before it is verified (409), saying why", async () => {
    for (const [caseKey, reason] of [
      ["no-consent", "no-consent"],
      ["unverified", "case-status"],
    ] as const) {
      const ref = await draft(caseKey);
      const result = await routes.postEdit(caseworker, ref, needForm({ intent: "publish" }));
      expect(statusOf(result)).toBe(409);
      expect(JSON.stringify(payloadOf(result))).toContain(`needEditor:errors.refused.${reason}`);
      expect((await needRow(handle, ref)).status).toBe("draft");
      expect(await outboxRows(handle, ref)).toEqual([]);
      const page = payloadOf(await routes.openEdit(caseworker, ref));
      expect(page).toMatchObject({ refusal: reason });
    }
  });

  it("keeps invalid input and answers 400 with the field's message", async () => {
    const ref = await draft();
    const result = await routes.postEdit(caseworker, ref, needForm({ intent: "save", targetAmount: "0", title: "" }));
    expect(statusOf(result)).toBe(400);
    const answer = JSON.stringify(payloadOf(result));
    expect(answer).toContain("needEditor:errors.amountInvalid");
    expect(answer).toContain("needEditor:errors.titleRequired");
  });
});
