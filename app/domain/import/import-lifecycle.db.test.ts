// The importer moves cases and needs through the same lifecycle as the editor: it publishes only
// for a household the editor would publish for, moves a case only by a step its page allows,
// leaves consent withdrawal to the case page, and every need move goes through moveNeeds (endNeeds
// for a withdrawal).
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { createTestActor } from "../../../tests/actors";
import { endNeeds } from "../needs/need-lifecycle.server";
import type { ImportDocumentInput } from "./import-document";
import { parseImportDocument } from "./import-document";
import { importDocument } from "./import-document.server";

let handle: DatabaseHandle;
const cipher = createTestCipher();

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

type CaseInput = NonNullable<ImportDocumentInput["cases"]>[number];
const withCases = (...list: CaseInput[]): ImportDocumentInput => ({ ...fakeDocument({ cases: 0, offers: 0 }), cases: list });

async function run(input: ImportDocumentInput) {
  const parsed = parseImportDocument(input);
  if (!parsed.ok) return { ok: false as const, problems: parsed.problems };
  return importDocument({ db: handle.db, cipher, document: parsed.document });
}
const need = (publish: boolean) => ({ key: "need-x", category: "job" as const, title: "需要一份门卫工作", story: "腿脚不便，希望找一份值班的工作。", skills: [], amount: null, publish });
const needRow = async (key: string) => (await handle.db.select({ id: needs.id, status: needs.status, version: needs.version, publishedAt: needs.publishedAt }).from(needs).where(eq(needs.importKey, key)))[0];
const outboxRows = async () => (await handle.db.select({ n: count() }).from(searchOutbox))[0]?.n ?? 0;

describe("publishing through the importer", () => {
  it("refuses to publish a need of a household that is only registered, as the editor does", async () => {
    const result = await run(withCases(fakeCase(1, { status: "registered", needs: [{ ...need(true), key: "need-registered" }] })));
    expect(result).toEqual({ ok: false, problems: [{ path: "cases[0].needs[0].publish", message: "cannot publish for a household that is registered: needs are published for verified or assisting households" }] });
    expect(await needRow("need-registered")).toBeUndefined();
  });

  it("refuses to publish for an exited household, and keeps the draft of one that is registered", async () => {
    const exited = await run(withCases(fakeCase(2, { status: "exited", needs: [need(true)] })));
    expect(exited.ok ? [] : exited.problems.map((p) => p.path)).toEqual(["cases[0].needs[0].publish"]);
    const registered = await run(withCases(fakeCase(2, { status: "registered", needs: [need(false)] })));
    expect(registered.ok).toBe(true);
    expect((await needRow("need-x"))?.status).toBe("draft");
  });
});

describe("a household's lifecycle through the importer", () => {
  it("moves an existing case only by a step its page allows", async () => {
    expect((await run(withCases(fakeCase(3, { status: "verified", needs: [] })))).ok).toBe(true);
    const back = await run(withCases(fakeCase(3, { status: "registered", needs: [] })));
    expect(back).toEqual({ ok: false, problems: [{ path: "cases[0].status", message: "a household cannot move from verified to registered" }] });
    const skip = await run(withCases(fakeCase(3, { status: "exited", needs: [] })));
    expect(skip.ok).toBe(false);
    expect((await run(withCases(fakeCase(3, { status: "assisting", needs: [] })))).ok).toBe(true);
    expect((await handle.db.select({ status: cases.status }).from(cases).where(eq(cases.importKey, "case-3")))[0]?.status).toBe("assisting");
  });

  it("leaves the withdrawal of consent to the case page, which withdraws the needs too", async () => {
    expect((await run(withCases(fakeCase(4)))).ok).toBe(true);
    const withdrawn = await run(withCases(fakeCase(4, { consent: false, needs: [{ ...fakeCase(4).needs![0]!, publish: false }] })));
    expect(withdrawn).toEqual({ ok: false, problems: [{ path: "cases[0].consent", message: "consent is withdrawn on the case page, which takes the household's needs off the site" }] });
    expect((await needRow("need-4"))?.status).toBe("published");
  });
});

describe("need moves through the importer", () => {
  it("unpublishes, publishes again and restores through moveNeeds, each move queued for the index", async () => {
    const household = (publish: boolean) => withCases(fakeCase(5, { needs: [{ ...need(publish), key: "need-5" }] }));
    expect((await run(household(true))).ok).toBe(true);
    const first = await needRow("need-5");
    expect(first).toMatchObject({ status: "published" });

    let queued = await outboxRows();
    expect((await run(household(false))).ok).toBe(true);
    expect(await needRow("need-5")).toMatchObject({ status: "draft", version: (first?.version ?? 0) + 1 });
    expect(await outboxRows()).toBe(queued + 1);

    queued = await outboxRows();
    expect((await run(household(true))).ok).toBe(true);
    expect(await needRow("need-5")).toMatchObject({ status: "published", version: (first?.version ?? 0) + 2, publishedAt: first?.publishedAt });
    expect(await outboxRows()).toBe(queued + 1);

    // Withdrawn on the case page; a later file that publishes it restores it first.
    const caseworker = await createTestActor(handle.db, "xy-union", "caseworker");
    await handle.db.transaction((tx) => endNeeds(tx, { needIds: [first?.id ?? ""], to: "withdrawn", actor: caseworker, ip: null }));
    expect((await run(household(true))).ok).toBe(true);
    expect(await needRow("need-5")).toMatchObject({ status: "published", version: (first?.version ?? 0) + 5 });
  });
});
