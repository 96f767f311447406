// "Offers that could help" on a need's public page (/needs/:ref), through its real loader: at most
// three listed offers that fit, as their public projection only; an offer of another category
// never appears. Without the search engine the suggestions come from PostgreSQL.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument, fakeOffer } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { PUBLIC_OFFER_FIELDS } from "../domain/offers/public-offer";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader } from "./needs.$ref";

let handle: DatabaseHandle;
let context: AppLoadContext;
let needRefs: Record<string, string>;
let offerRefs: Record<string, string>;

beforeAll(async () => {
  handle = await createTestDatabase();
  const cipher = createTestCipher();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 1, offers: 0 });
  document.offers = [1, 2, 3, 4].map((n) => fakeOffer(n)).concat([fakeOffer(5, { category: "legal", title: "法律援助", description: "免费法律咨询。", skills: [] })]);
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRefs = imported.result.needs;
  offerRefs = imported.result.offers;
}, 60_000);
afterAll(() => handle.close());

describe("offers that could help on a need's public page", () => {
  it("shows at most three fitting offers, public fields only, never one of another category", async () => {
    const ref = needRefs["need-1"] ?? "";
    const result = await settle(loader({ request: userRequest(`/needs/${ref}`), context, params: { ref } }));
    expect(statusOf(result)).toBe(200);
    const data = payloadOf(result) as Awaited<ReturnType<typeof loader>>;
    expect(data.couldHelp.length).toBe(3);
    expect(data.couldHelp.map((c) => c.offer.ref)).not.toContain(offerRefs["offer-5"]);
    for (const item of data.couldHelp) expect(Object.keys(item.offer).every((k) => (PUBLIC_OFFER_FIELDS as readonly string[]).includes(k))).toBe(true);
  });
});
