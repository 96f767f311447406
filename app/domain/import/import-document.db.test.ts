import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { PUBLIC_REFERENCE_PATTERN } from "../needs/public-reference.server";
import type { ImportDocumentInput } from "./import-document";
import { parseImportDocument } from "./import-document";
import { importDocument } from "./import-document.server";
import { exportDocument } from "./export-document.server";

let handle: DatabaseHandle;
const cipher = createTestCipher();

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function run(input: ImportDocumentInput) {
  const parsed = parseImportDocument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return importDocument({ db: handle.db, cipher, document: parsed.document });
}

async function counts() {
  const n = async (table: typeof cases | typeof needs | typeof offers | typeof organisations) => (await handle.db.select({ n: count() }).from(table))[0]?.n;
  return { organisations: await n(organisations), cases: await n(cases), needs: await n(needs), offers: await n(offers) };
}

describe("import", () => {
  it("imports a valid document and maps keys to public references", async () => {
    const imported = await run(fakeDocument({ cases: 3, offers: 2 }));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    expect(Object.keys(imported.result.needs)).toEqual(["need-1", "need-2", "need-3"]);
    for (const ref of Object.values(imported.result.needs)) expect(ref).toMatch(PUBLIC_REFERENCE_PATTERN);
    expect(Object.values(imported.result.offers).every((ref) => ref.startsWith("O-"))).toBe(true);
    expect(await counts()).toEqual({ organisations: 3, cases: 3, needs: 3, offers: 2 });
    expect(imported.result.queued).toBe(5);
  });

  it("stores identities as ciphertext only", async () => {
    const raw = await handle.db.execute(sql`select * from cases where import_key = 'case-1'`);
    const text = JSON.stringify(raw, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    const head = fakeCase(1).head;
    for (const value of [head.name, head.idNumber, head.phone, head.address]) expect(text).not.toContain(value);
    const [row] = await handle.db.select().from(cases).where(eq(cases.importKey, "case-1"));
    expect(row && cipher.decrypt("idNumber", row.headIdNumberEnc)).toBe(head.idNumber);
    expect(row && cipher.decrypt("name", row.headNameEnc)).toBe(head.name);
  });

  it("updates in place on re-import: same references, no duplicates, versions move only on change", async () => {
    const before = await run(fakeDocument({ cases: 3, offers: 2 }));
    const [published] = await handle.db.select({ version: needs.version }).from(needs).where(eq(needs.importKey, "need-1"));
    const doc = fakeDocument({ cases: 3, offers: 2 });
    doc.cases![0]!.needs![0]!.title = "需要一份电工工作（已更新）";
    const after = await run(doc);
    if (!before.ok || !after.ok) throw new Error("import failed");
    expect(after.result.needs).toEqual(before.result.needs);
    expect(after.result.offers).toEqual(before.result.offers);
    expect(before.result.queued).toBe(0);
    expect(after.result.queued).toBe(1);
    expect(await counts()).toEqual({ organisations: 3, cases: 3, needs: 3, offers: 2 });
    const [need] = await handle.db.select({ version: needs.version, title: needs.title }).from(needs).where(eq(needs.importKey, "need-1"));
    expect(need).toEqual({ version: (published?.version ?? 0) + 1, title: "需要一份电工工作（已更新）" });
  });

  it("refuses a resident ID registered under another key, names the union, and writes nothing", async () => {
    const before = await counts();
    const outboxBefore = (await handle.db.select({ n: count() }).from(searchOutbox))[0]?.n;
    const copy = fakeCase(1, { key: "someone-else" });
    const imported = await run({ ...fakeDocument({ cases: 0, offers: 0 }), cases: [fakeCase(50), { ...copy, needs: [] }] });
    expect(imported).toEqual({ ok: false, problems: [{ path: "cases[1].head.idNumber", message: "already registered with 祥云县总工会" }] });
    expect(await counts()).toEqual(before);
    expect((await handle.db.select({ n: count() }).from(searchOutbox))[0]?.n).toBe(outboxBefore);
  });

  it("has the database itself refuse a second case with the same resident ID", async () => {
    const [existing] = await handle.db.select().from(cases).where(eq(cases.importKey, "case-1"));
    if (!existing) throw new Error("case-1 missing");
    const { id: _id, importKey: _key, ...copy } = existing;
    await expect(handle.db.insert(cases).values({ ...copy, importKey: "sneaky-copy" })).rejects.toThrow();
  });

  it("refuses unknown regions, wrong organisations and cases outside their union", async () => {
    const base = fakeDocument({ cases: 0, offers: 0 });
    const imported = await run({
      ...base,
      organisations: [...base.organisations!, { key: "ghost", kind: "charity", name: "测试慈善会", region: "539999" }],
      cases: [
        fakeCase(61, { organisation: "dali-employer" }),
        fakeCase(62, { region: "530102", head: { ...fakeCase(62).head, idNumber: fakeResidentId(62, { region: "530102" }) } }),
      ],
      offers: [{ key: "o-x", organisation: "nobody", category: "job", title: "x", description: "x", regions: ["5329"], capacity: 1, validUntil: null }],
    });
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.problems).toEqual([
      { path: "organisations[3].region", message: 'unknown region code "539999"' },
      { path: "cases[0].organisation", message: '"dali-employer" is not a union (it is of kind employer)' },
      { path: "cases[1].region", message: "region 530102 is outside 祥云县总工会 (532923)" },
      { path: "offers[0].organisation", message: 'no organisation with key "nobody" in the file or the database' },
    ]);
  });

  it("exports what it imported, and re-importing the export changes nothing", async () => {
    const exported = await exportDocument({ db: handle.db, cipher, actor: { kind: "operator", osUser: "tester", host: "test" } });
    expect(exported.cases?.find((c) => c.key === "case-1")?.head.idNumber).toBe(fakeCase(1).head.idNumber);
    const again = await run(exported);
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.result.queued).toBe(0);
    expect(await counts()).toEqual({ organisations: 3, cases: 3, needs: 3, offers: 2 });
  });
});
