// The dashboard's matches at /staff, through its real loader: a need with a match in play leaves
// the "unmatched for 30 days" panel, and the providers' requests to review and the matches waiting
// more than 7 days are counted — within the actor's region only.
import type { AppLoadContext } from "@remix-run/node";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { matches } from "../../db/schema/matches";
import { needs } from "../../db/schema/needs";
import { offers } from "../../db/schema/offers";
import type { MatchStatus } from "../domain/matching/match-status";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader } from "./staff._index";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();
let needRefs: Record<string, string>;
let offerRefs: Record<string, string>;

const DAY = 24 * 60 * 60 * 1000;
const need = (key: string) => ({ key, category: "job" as const, title: `需求 ${key}`, story: "需要一份工作。", skills: [], amount: null, publish: true });

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 0, offers: 3 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(9, { organisation: "bc-union", region: "532924", needs: [need("bc-requested")] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(9, { region: "532924" }) };
  document.cases = [fakeCase(1, { needs: [need("xy-none"), need("xy-proposed"), need("xy-declined"), need("xy-requested")] }), binchuan];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRefs = imported.result.needs;
  offerRefs = imported.result.offers;
  await handle.db.update(needs).set({ publishedAt: new Date(Date.now() - 40 * DAY) }).where(inArray(needs.ref, Object.values(needRefs)));
  const needId = async (key: string) => (await handle.db.select({ id: needs.id }).from(needs).where(eq(needs.ref, needRefs[key] ?? "")))[0]?.id ?? "";
  const offerId = async (key: string) => (await handle.db.select({ id: offers.id }).from(offers).where(eq(offers.ref, offerRefs[key] ?? "")))[0]?.id ?? "";
  let n = 0;
  const match = async (needKey: string, offerKey: string, status: MatchStatus, waitingDays: number) =>
    handle.db.insert(matches).values({
      ref: `M-TEST${String(++n).padStart(3, "0")}`,
      needId: await needId(needKey),
      offerId: await offerId(offerKey),
      origin: status === "requested" ? "requested" : "proposed",
      status,
      declineReason: status === "declined" ? "名额已满" : null,
      statusChangedAt: new Date(Date.now() - waitingDays * DAY),
    });
  await match("xy-proposed", "offer-1", "proposed", 9);
  await match("xy-declined", "offer-1", "declined", 20);
  await match("xy-requested", "offer-2", "requested", 2);
  await match("xy-requested", "offer-3", "requested", 10);
  await match("bc-requested", "offer-1", "requested", 12);
}, 60_000);
afterAll(() => handle.close());

async function dashboardOf(organisation: string) {
  const user = await createTestUser(handle.db, { organisation, role: "caseworker" });
  const data = await loader({ request: userRequest("/staff", { cookie: user.cookie }), context, params: {} });
  return data.dashboard;
}

describe("matches on the staff dashboard", () => {
  it("lists as unmatched only the needs with no match in play (a declined one does not count)", async () => {
    const dashboard = await dashboardOf("xy-union");
    expect(new Set(dashboard?.staleNeeds.items.map((n) => n.ref))).toEqual(new Set([needRefs["xy-none"], needRefs["xy-declined"]]));
    expect(dashboard?.staleNeeds.total).toBe(2);
  });

  it("counts the providers' requests to review and the matches waiting more than 7 days, in the region only", async () => {
    expect((await dashboardOf("xy-union"))?.matches).toEqual({ requested: 2, overdue: 2 });
    expect((await dashboardOf("bc-union"))?.matches).toEqual({ requested: 1, overdue: 1 });
    expect((await dashboardOf("dali-union"))?.matches).toEqual({ requested: 3, overdue: 3 });
  });
});
