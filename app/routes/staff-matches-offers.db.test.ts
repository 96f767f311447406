// /staff/matches and /staff/offers/:ref through their real loaders and actions: matches by status
// within the region only, flagged past 7 days, withdrawn with a note; an offer overlapping the
// region with its suggested needs and "propose"; another region's offer or match is not found.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { matches } from "../../db/schema/matches";
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
import { proposeMatch } from "../domain/matching/propose-match.server";
import * as matchesRoute from "./staff.matches";
import * as offerRoute from "./staff.offers.$ref";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();
let needRefs: Record<string, string>;
let offerRefs: Record<string, string>;
let caseworker: TestUser;
let binchuan: TestUser;
let proposed: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 3, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const bc = fakeCase(99, { organisation: "bc-union", region: "532924" });
  bc.head = { ...bc.head, idNumber: fakeResidentId(99, { region: "532924" }) };
  document.cases?.push(bc);
  document.offers = [fakeOffer(1, { capacity: 3 }), fakeOffer(2, { regions: ["532924"] })];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRefs = imported.result.needs;
  offerRefs = imported.result.offers;
  caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
  binchuan = await createTestUser(handle.db, { organisation: "bc-union", role: "caseworker" });
  const actor = await actorOf(handle.db, caseworker);
  proposed = (await proposeMatch({ db: handle.db, actor, needRef: needRefs["need-1"] ?? "", offerRef: offerRefs["offer-1"] ?? "", ip: null })).ref;
  await handle.db.update(matches).set({ statusChangedAt: new Date(Date.now() - 9 * 24 * 60 * 60 * 1000) }).where(eq(matches.ref, proposed));
}, 60_000);
afterAll(() => handle.close());

const get = (route: typeof matchesRoute | typeof offerRoute, url: string, user: TestUser, params: Record<string, string> = {}) =>
  settle(route.loader({ request: userRequest(url, { cookie: user.cookie }), context, params }));
const post = (route: typeof matchesRoute | typeof offerRoute, url: string, user: TestUser, form: Record<string, string>, params: Record<string, string> = {}) =>
  settle(route.action({ request: userRequest(url, { cookie: user.cookie, form }), context, params }));

describe("/staff/matches", () => {
  it("lists the region's proposals waiting on the provider, flagged past 7 days, and none to another county", async () => {
    const mine = payloadOf(await get(matchesRoute, "/staff/matches?status=proposed", caseworker)) as Awaited<ReturnType<typeof matchesRoute.loader>>;
    expect(mine.items.map((m) => [m.ref, m.waitingDays, m.overdue])).toEqual([[proposed, 9, true]]);
    const overdue = payloadOf(await get(matchesRoute, "/staff/matches?overdue=1", caseworker)) as Awaited<ReturnType<typeof matchesRoute.loader>>;
    expect(overdue.items.map((m) => m.ref)).toEqual([proposed]);
    const theirs = payloadOf(await get(matchesRoute, "/staff/matches?status=proposed", binchuan)) as Awaited<ReturnType<typeof matchesRoute.loader>>;
    expect(theirs.items).toEqual([]);
  });

  it("withdraws with a note: another county's caseworker finds nothing (404), no note is a 400", async () => {
    expect(statusOf(await post(matchesRoute, "/staff/matches", binchuan, { intent: "withdraw", matchRef: proposed, note: "不是我们的" }))).toBe(404);
    expect(statusOf(await post(matchesRoute, "/staff/matches", caseworker, { intent: "withdraw", matchRef: proposed, note: "" }))).toBe(400);
    expect(statusOf(await post(matchesRoute, "/staff/matches", caseworker, { intent: "withdraw", matchRef: proposed, note: "家庭已搬走。" }))).toBe(302);
    const [row] = await handle.db.select({ status: matches.status }).from(matches).where(eq(matches.ref, proposed));
    expect(row?.status).toBe("withdrawn");
  });
});

describe("/staff/offers/:ref", () => {
  it("shows an offer covering the region with the region's needs it could meet, and proposes one", async () => {
    const ref = offerRefs["offer-1"] ?? "";
    const data = payloadOf(await get(offerRoute, `/staff/offers/${ref}`, caseworker, { ref })) as Awaited<ReturnType<typeof offerRoute.loader>>;
    const suggested = data.suggestions?.map((s) => s.ref) ?? [];
    expect(suggested).toContain(needRefs["need-2"]);
    expect(suggested).not.toContain(needRefs["need-99"]);
    const result = await post(offerRoute, `/staff/offers/${ref}`, caseworker, { intent: "propose", needRef: needRefs["need-2"] ?? "" }, { ref });
    expect(statusOf(result)).toBe(302);
  });

  it("is not found for an offer covering only another county", async () => {
    const ref = offerRefs["offer-2"] ?? "";
    expect(statusOf(await get(offerRoute, `/staff/offers/${ref}`, caseworker, { ref }))).toBe(404);
    expect(statusOf(await get(offerRoute, `/staff/offers/${ref}`, binchuan, { ref }))).toBe(200);
  });
});
