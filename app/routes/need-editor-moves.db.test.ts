// The need editor's other paths: unpublishing and withdrawing (public at once), edits of a
// published need (through the PII guard, live), a matched need that can no longer be edited (409),
// the region scope (another county's need or case is a 404), and pages that carry no identity.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import type { TestUser } from "../../tests/accounts";
import { createTestUser } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { createTestCipher } from "../../tests/identity";
import { auditRows, createdRef, editorContext, editorRoutes, needForm, needRow, outboxRows, seedEditorWorld } from "../../tests/need-editor";
import { payloadOf, statusOf } from "../../tests/route-results";
import { moveNeeds } from "../domain/needs/need-lifecycle.server";

let handle: DatabaseHandle;
const cipher = createTestCipher();
let world: Awaited<ReturnType<typeof seedEditorWorld>>;
let caseworker: TestUser;
let routes: ReturnType<typeof editorRoutes>;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await seedEditorWorld(handle, cipher);
  routes = editorRoutes(editorContext(handle, cipher).context);
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
}, 60_000);
afterAll(() => handle.close());

async function published(user: TestUser = caseworker, caseId = world.caseIds.ready) {
  const ref = createdRef(await routes.postNew(user, caseId, needForm()));
  expect(statusOf(await routes.postEdit(user, ref, needForm({ intent: "publish" })))).toBe(302);
  return ref;
}

const identityValues = (head: { name: string; idNumber: string; phone: string; address: string }) => [head.name, head.idNumber, head.phone, head.address, head.idNumber.slice(6, 14)];

describe("need status moves", () => {
  it("unpublishes a published need back to draft, queued for the index and audited", async () => {
    const ref = await published();
    const outboxBefore = (await outboxRows(handle, ref)).length;
    expect(statusOf(await routes.postEdit(caseworker, ref, { intent: "unpublish" }))).toBe(302);
    expect((await needRow(handle, ref)).status).toBe("draft");
    expect(await outboxRows(handle, ref)).toHaveLength(outboxBefore + 1);
    const [row] = await auditRows(handle, "need.unpublish", ref);
    expect(row?.summary).toEqual({ before: { status: "published" }, after: { status: "draft" } });
  });

  it("withdraws a need, then restores it as a draft; unpublishing a draft is a 409", async () => {
    const ref = await published();
    expect(statusOf(await routes.postEdit(caseworker, ref, { intent: "withdraw" }))).toBe(302);
    expect((await needRow(handle, ref)).status).toBe("withdrawn");
    expect(await auditRows(handle, "need.withdraw", ref)).toHaveLength(1);
    expect(statusOf(await routes.postEdit(caseworker, ref, { intent: "restore" }))).toBe(302);
    expect((await needRow(handle, ref)).status).toBe("draft");
    const again = await routes.postEdit(caseworker, ref, { intent: "unpublish" });
    expect(statusOf(again)).toBe(409);
    expect(payloadOf(again)).toMatchObject({ conflict: "draft" });
  });

  it("puts a published need's edit live at once: version, outbox row, audit", async () => {
    const ref = await published();
    const before = await needRow(handle, ref);
    const result = await routes.postEdit(caseworker, ref, needForm({ intent: "save", story: "腿伤已好转，希望找一份电工学徒以外的工作。" }));
    expect(result instanceof Response && result.headers.get("Location")).toBe(`/staff/needs/${ref}/edit?done=saved-live`);
    const after = await needRow(handle, ref);
    expect(after).toMatchObject({ status: "published", version: before.version + 1, story: "腿伤已好转，希望找一份电工学徒以外的工作。" });
    expect((await outboxRows(handle, ref)).filter((r) => r.status === "pending").length).toBeGreaterThanOrEqual(2);
    const [edit] = await auditRows(handle, "need.edit", ref);
    expect(edit?.summary).toEqual({ after: { status: "published", fields: ["story"] } });
  });

  it("runs the PII guard on a published need's edit too: the household's name is blocked", async () => {
    const ref = await published();
    const before = await needRow(handle, ref);
    const result = await routes.postEdit(caseworker, ref, needForm({ intent: "save", story: `户主${world.heads.ready.name}需要工作。` }));
    expect(statusOf(result)).toBe(400);
    expect(await needRow(handle, ref)).toEqual(before);
  });

  it("answers 409 to an edit of a matched need and shows it read-only", async () => {
    const ref = await published();
    const row = await needRow(handle, ref);
    await handle.db.transaction((tx) => moveNeeds(tx, { needIds: [row.id], to: "matched" }));
    const result = await routes.postEdit(caseworker, ref, needForm({ intent: "save", title: "改过的标题" }));
    expect(statusOf(result)).toBe(409);
    expect(payloadOf(result)).toMatchObject({ conflict: "matched" });
    expect((await needRow(handle, ref)).title).toBe(row.title);
    expect(statusOf(await routes.postEdit(caseworker, ref, needForm({ intent: "publish" })))).toBe(409);
    expect(payloadOf(await routes.openEdit(caseworker, ref))).toMatchObject({ editable: false, status: "matched" });
  });
});

describe("need editor scope and privacy", () => {
  it("answers 404 to a Xiangyun caseworker for a Binchuan need or case, reading or writing", async () => {
    const binchuanWorker = await createTestUser(handle.db, { organisation: "bc-union", role: "caseworker" });
    const ref = await published(binchuanWorker, world.caseIds.binchuan);
    expect(statusOf(await routes.openEdit(caseworker, ref))).toBe(404);
    expect(statusOf(await routes.postEdit(caseworker, ref, needForm({ intent: "save", title: "不该改到" })))).toBe(404);
    expect(statusOf(await routes.postEdit(caseworker, ref, { intent: "withdraw" }))).toBe(404);
    expect(statusOf(await routes.openNew(caseworker, world.caseIds.binchuan))).toBe(404);
    expect(statusOf(await routes.postNew(caseworker, world.caseIds.binchuan, needForm()))).toBe(404);
    expect((await needRow(handle, ref)).status).toBe("published");
  });

  it("lets the Dali prefecture caseworker edit every Dali county's needs", async () => {
    const dali = await createTestUser(handle.db, { organisation: "dali-union", role: "caseworker" });
    const binchuanWorker = await createTestUser(handle.db, { organisation: "bc-union", role: "caseworker" });
    const ref = await published(binchuanWorker, world.caseIds.binchuan);
    expect(statusOf(await routes.openEdit(dali, ref))).toBe(200);
  });

  it("answers 403 to an auditor: they read needs but do not write them", async () => {
    const auditor = await createTestUser(handle.db, { organisation: "xy-union", role: "auditor", totp: true, cipher });
    expect(statusOf(await routes.openNew(auditor, world.caseIds.ready))).toBe(403);
  });

  it("sends the preview's case side (county, age band, urgency) and no identity, birth year included", async () => {
    const page = await routes.openNew(caseworker, world.caseIds.ready);
    expect(payloadOf(page)).toMatchObject({ base: { regionName: { zh: "祥云县" }, urgency: "severe", regionCode: "532923" } });
    const ref = await published();
    const preview = await routes.postEdit(caseworker, ref, needForm({ intent: "preview", title: "预览中的标题" }));
    expect(statusOf(preview)).toBe(200);
    expect((await needRow(handle, ref)).title).not.toBe("预览中的标题");
    for (const answer of [page, await routes.openEdit(caseworker, ref), preview]) {
      const text = JSON.stringify(payloadOf(answer));
      for (const value of identityValues(world.heads.ready)) expect(text).not.toContain(value);
      expect(text).not.toContain(String(world.heads.ready.birthYear));
      expect(text).not.toMatch(/birthYear|idNumber|phone|address/i);
    }
  });
});
