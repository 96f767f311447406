import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { needs } from "../../../db/schema/needs";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { createTestActor } from "../../../tests/actors";
import type { Actor } from "../auth/actor";
import { NeedTransitionError, endNeeds, moveNeeds } from "./need-lifecycle.server";

let handle: DatabaseHandle;
let draftId: string;
let publishedId: string;
let caseworker: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.cases = [
    fakeCase(1, {
      needs: [
        { key: "draft", category: "job", title: "草稿", story: "草稿需求。", skills: [], amount: null, publish: false },
        { key: "live", category: "job", title: "已发布", story: "已发布的需求。", skills: [], amount: null, publish: true },
      ],
    }),
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error("fixture");
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error("import");
  const rows = await handle.db.select({ id: needs.id, key: needs.importKey }).from(needs);
  draftId = rows.find((r) => r.key === "draft")?.id ?? "";
  publishedId = rows.find((r) => r.key === "live")?.id ?? "";
  caseworker = await createTestActor(handle.db, "xy-union", "caseworker");
}, 60_000);
afterAll(() => handle.close());

describe("moveNeeds", () => {
  it("publishes a draft: status, first publication date, version and an outbox row together", async () => {
    const [before] = await handle.db.select().from(needs).where(eq(needs.id, draftId));
    const refs = await handle.db.transaction((tx) => moveNeeds(tx, { needIds: [draftId], to: "published" }));
    const [after] = await handle.db.select().from(needs).where(eq(needs.id, draftId));
    expect(refs).toEqual([before?.ref]);
    expect(after?.status).toBe("published");
    expect(after?.publishedAt).not.toBeNull();
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    const queued = await handle.db.select().from(searchOutbox).where(eq(searchOutbox.ref, before?.ref ?? ""));
    expect(queued.some((r) => r.status === "pending")).toBe(true);
  });

  it("withdraws several needs at once and skips those already withdrawn", async () => {
    const withdraw = { needIds: [draftId, publishedId], to: "withdrawn", actor: caseworker, ip: null } as const;
    const first = await handle.db.transaction((tx) => endNeeds(tx, withdraw));
    expect(first).toEqual({ refs: expect.any(Array), matches: { refs: [], notificationIds: [] } });
    expect(first.refs).toHaveLength(2);
    const again = await handle.db.transaction((tx) => endNeeds(tx, withdraw));
    expect(again.refs).toEqual([]);
    const rows = await handle.db.select({ status: needs.status }).from(needs).where(inArray(needs.id, [draftId, publishedId]));
    expect(rows.map((r) => r.status)).toEqual(["withdrawn", "withdrawn"]);
  });

  it("refuses an impossible move and changes nothing", async () => {
    const [before] = await handle.db.select().from(needs).where(eq(needs.id, publishedId));
    await expect(handle.db.transaction((tx) => endNeeds(tx, { needIds: [publishedId], to: "fulfilled", actor: caseworker, ip: null }))).rejects.toBeInstanceOf(NeedTransitionError);
    const [after] = await handle.db.select().from(needs).where(eq(needs.id, publishedId));
    expect(after?.version).toBe(before?.version);
  });
});
