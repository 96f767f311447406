// Only verified organisations publish offers, also through the importer: an open offer
// of an organisation that is not verified once the file is in is a problem with its JSON path,
// and nothing is written. Drafts and paused offers may wait for the verification.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { buildDemoDocument } from "../../../db/seed/demo-document";
import { createTestDatabase } from "../../../tests/database";
import { fakeDocument, fakeOffer } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import type { ImportDocumentInput } from "./import-document";
import { parseImportDocument } from "./import-document";
import { importDocument } from "./import-document.server";

let handle: DatabaseHandle;
const cipher = createTestCipher();

beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

async function run(input: ImportDocumentInput) {
  const parsed = parseImportDocument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return importDocument({ db: handle.db, cipher, document: parsed.document });
}

const offerCount = async () => (await handle.db.select({ n: count() }).from(offers))[0]?.n ?? 0;

/** The fixture with a pending charity in Xiangyun and the given offers. */
function withPendingCharity(offerList: NonNullable<ImportDocumentInput["offers"]>): ImportDocumentInput {
  const doc = fakeDocument({ cases: 0, offers: 0 });
  doc.organisations?.push({ key: "pending-charity", kind: "charity", name: "测试待审慈善会", region: "532923", verified: false });
  return { ...doc, offers: offerList };
}

describe("open offers need a verified organisation", () => {
  it("refuses an open offer of a pending organisation and writes nothing", async () => {
    const before = await offerCount();
    const imported = await run(withPendingCharity([fakeOffer(1), fakeOffer(2, { organisation: "pending-charity" })]));
    expect(imported).toEqual({
      ok: false,
      problems: [{ path: "offers[1].status", message: '"pending-charity" is not verified (it is pending): only a verified organisation has open offers' }],
    });
    expect(await offerCount()).toBe(before);
    expect(await handle.db.select().from(organisations).where(eq(organisations.importKey, "pending-charity"))).toEqual([]);
  });

  it("accepts a draft or paused offer of a pending organisation", async () => {
    const imported = await run(withPendingCharity([fakeOffer(3, { organisation: "pending-charity", status: "draft" }), fakeOffer(4, { organisation: "pending-charity", status: "paused" })]));
    expect(imported.ok).toBe(true);
  });

  it("refuses an open offer of a pending organisation imported earlier, referenced by key only", async () => {
    const imported = await run({ version: 1, offers: [fakeOffer(5, { organisation: "pending-charity" })] });
    expect(imported).toMatchObject({ ok: false, problems: [{ path: "offers[0].status" }] });
  });

  it("keeps a verification made on the site: the organisation may then open offers", async () => {
    await handle.db.update(organisations).set({ status: "verified", reviewedAt: new Date() }).where(eq(organisations.importKey, "pending-charity"));
    const imported = await run(withPendingCharity([fakeOffer(6, { organisation: "pending-charity" })]));
    expect(imported.ok).toBe(true);
    const [row] = await handle.db.select({ status: organisations.status }).from(organisations).where(eq(organisations.importKey, "pending-charity"));
    expect(row?.status).toBe("verified");
  });

  it("imports the demo data set, whose pending organisations have no open offer", async () => {
    const imported = await run(buildDemoDocument());
    expect(imported.ok ? [] : imported.problems).toEqual([]);
  });
});
