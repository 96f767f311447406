// Writes that change a public projection without touching the need or offer row itself: a case's
// tier (the need's urgency), a birth year (its age band), an organisation's name (its offers). Each
// must move the version and queue the search update in its own transaction, whatever the path —
// the JSON import, the sheet import — and search-check must see a document whose content differs
// even where the versions agree.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportDocumentInput } from "../app/domain/import/import-document";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import type { DatabaseHandle } from "../db/client.server";
import { needs } from "../db/schema/needs";
import { offers } from "../db/schema/offers";
import { searchOutbox } from "../db/schema/search-outbox";
import { action } from "../app/routes/staff.households.import";
import { createTestUser, userRequest } from "../tests/accounts";
import { createTestDatabase } from "../tests/database";
import { fakeBirth, fakeCase, fakeOffer, fakeResidentId } from "../tests/factories";
import { createTestCipher } from "../tests/identity";
import { createTestLoadContext } from "../tests/load-context";
import type { TestSearch } from "../tests/search-fixture";
import { startTestSearch } from "../tests/search-fixture";
import { ORGANISATIONS } from "./__fixtures__/outbox-harness";
import { NEEDS_INDEX, OFFERS_INDEX, indexName } from "./index-settings";
import { checkSearchDrift, formatDrift } from "./search-drift.server";
import { drainOutbox } from "./search-sync.server";

let handle: DatabaseHandle;
let search: TestSearch;
// One key for the JSON imports and the sheet import, so the sheet finds the households by their ID.
const cipher = createTestCipher();

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

async function importDoc(input: ImportDocumentInput) {
  const parsed = parseImportDocument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  return imported.result;
}

const drain = async () => expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toMatchObject({ failed: 0 });
const needRow = async (ref: string) => (await handle.db.select({ version: needs.version }).from(needs).where(eq(needs.ref, ref)))[0];
const offerRow = async (ref: string) => (await handle.db.select({ version: offers.version }).from(offers).where(eq(offers.ref, ref)))[0];
const pending = async (ref: string) => handle.db.select({ id: searchOutbox.id }).from(searchOutbox).where(and(eq(searchOutbox.ref, ref), eq(searchOutbox.status, "pending")));
const indexed = (index: string, ref: string) => search.client.index(indexName(index, search.indexPrefix)).getDocument(ref);
const withCases = (...cases: NonNullable<ImportDocumentInput["cases"]>): ImportDocumentInput => ({ version: 1, organisations: ORGANISATIONS, cases });

async function expectNoDrift() {
  const drift = await checkSearchDrift({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix });
  expect(drift.total, formatDrift(drift)).toBe(0);
}

describe("a case's public facts reach the index of its needs", () => {
  it("re-importing a case with a new tier moves the version and the index's urgency", async () => {
    const ref = (await importDoc(withCases(fakeCase(1, { status: "assisting", tier: "general" })))).needs["need-1"] ?? "";
    await drain();
    expect(await indexed(NEEDS_INDEX, ref)).toMatchObject({ urgency: "general", urgencyRank: 1 });
    const before = await needRow(ref);

    await importDoc(withCases(fakeCase(1, { status: "assisting", tier: "severe" })));
    expect((await needRow(ref))?.version).toBe((before?.version ?? 0) + 1);
    expect(await pending(ref)).toHaveLength(1);
    await drain();
    expect(await indexed(NEEDS_INDEX, ref)).toMatchObject({ urgency: "severe", urgencyRank: 3 });
    await expectNoDrift();
  });

  it("re-importing a case with a new birth year moves the index's age band", async () => {
    const base = fakeCase(2, { status: "assisting" });
    const ref = (await importDoc(withCases(base))).needs["need-2"] ?? "";
    await drain();
    const bandBefore = (await indexed(NEEDS_INDEX, ref)).ageBand;
    // A corrected ID with a birth year ten years later: n + 10 has the same day, another year.
    const corrected = { ...base, head: { ...base.head, idNumber: fakeResidentId(12), birthYear: fakeBirth(12).year } };
    await importDoc(withCases(corrected));
    expect(await pending(ref)).toHaveLength(1);
    await drain();
    expect((await indexed(NEEDS_INDEX, ref)).ageBand).not.toBe(bandBefore);
    await expectNoDrift();
  });

  it("a sheet import that changes a household's tier moves its needs' urgency in the index", async () => {
    const n = 3;
    const ref = (await importDoc(withCases(fakeCase(n, { status: "assisting", tier: "general" })))).needs[`need-${n}`] ?? "";
    await drain();
    const context: AppLoadContext = createTestLoadContext({ database: handle, cipher });
    const cookie = (await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" })).cookie;
    const headers = ["姓名", "身份证号", "联系电话", "住址", "出生年份", "性别", "家庭人口数", "家庭人均月收入（元）", "致困原因", "困难类型", "所在县", "是否同意"];
    const row = [`测试丁${n}`, fakeResidentId(n), `1990000000${n}`, `测试路 ${n} 号`, fakeBirth(n).year, "男", 3, "650", "残疾", "深度困难", "祥云县", "是"];
    const body = new FormData();
    body.set("file", new File([`${headers.join(",")}\n${row.join(",")}\n`], "households.csv", { type: "text/csv" }));
    const origin = "http://localhost:3000";
    const uploaded = await action({ request: new Request(`${origin}/staff/households/import`, { method: "POST", headers: { Cookie: cookie, "Sec-Fetch-Site": "same-origin", Origin: origin }, body }), context, params: {} });
    if (!("data" in uploaded) || uploaded.data.step !== "map") throw new Error(`expected the map step: ${JSON.stringify(uploaded)}`);
    const map = uploaded.data;
    const form = { token: map.token, intent: "import", ...Object.fromEntries(Object.entries(map.defaults).map(([field, column]) => [`columns.${field}`, String(column)])) };
    const done = await action({ request: userRequest("/staff/households/import", { cookie, form }), context, params: {} });
    expect(done instanceof Response && done.headers.get("Location")).toBe("/staff/households/import?created=0&updated=1&unchanged=0&refused=0");

    expect(await pending(ref)).toHaveLength(1);
    await drain();
    expect(await indexed(NEEDS_INDEX, ref)).toMatchObject({ urgency: "severe", urgencyRank: 3 });
    await expectNoDrift();
  });
});

describe("an organisation's name reaches the index of its offers", () => {
  it("re-importing an organisation under a new name moves its offers' version and name", async () => {
    const ref = (await importDoc({ version: 1, organisations: ORGANISATIONS, offers: [fakeOffer(1)] })).offers["offer-1"] ?? "";
    await drain();
    const before = await offerRow(ref);
    const renamed = ORGANISATIONS.map((o) => (o.key === "dali-employer" ? { ...o, name: "测试建材集团有限公司" } : o));
    await importDoc({ version: 1, organisations: renamed });
    expect((await offerRow(ref))?.version).toBe((before?.version ?? 0) + 1);
    await drain();
    expect(await indexed(OFFERS_INDEX, ref)).toMatchObject({ organisationName: "测试建材集团有限公司" });
    await expectNoDrift();
  });
});

describe("search-check", () => {
  it("reports a document whose content differs from the projection at the same version", async () => {
    await expectNoDrift();
    const [document] = (await search.client.index(indexName(NEEDS_INDEX, search.indexPrefix)).getDocuments({ limit: 1 })).results;
    if (!document) throw new Error("expected an indexed need");
    await search.client.index(indexName(NEEDS_INDEX, search.indexPrefix)).updateDocuments([{ ref: document.ref, urgency: "general", urgencyRank: 1, title: "旧的标题" }]).waitTask({ timeout: 60_000 });
    const drift = await checkSearchDrift({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix });
    expect(drift.total).toBe(1);
    expect(drift.needs.stale).toEqual([expect.objectContaining({ ref: document.ref, database: document.version, index: document.version })]);
    expect(formatDrift(drift)).toContain(`stale   ${String(document.ref)}`);
  });
});
