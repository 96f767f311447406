// The provider's inbox and match page through their loaders and actions, as the browser calls
// them: only the people of a verified provider see them, and only their own organisation's
// matches (another's reference is a 404); accepting takes a place and reveals the union's contact,
// never the household's; missing text is a 400 with the input kept; a match that moved is a 409.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { matches } from "../../db/schema/matches";
import { offers } from "../../db/schema/offers";
import type { TestUser } from "../../tests/accounts";
import { userRequest } from "../../tests/accounts";
import { actorOf } from "../../tests/actors";
import { createTestDatabase } from "../../tests/database";
import { createTestLoadContext } from "../../tests/load-context";
import type { ProviderMatchFixture } from "../../tests/provider-match-fixture";
import { refOf, seedProviderMatchFixture } from "../../tests/provider-match-fixture";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { proposeMatch } from "../domain/matching/propose-match.server";
import { requestMatch } from "../domain/matching/request-match.server";
import { loader as organisationLoader } from "./organisation._index";
import { action, loader } from "./organisation.matches.$ref";
import { loader as inboxLoader } from "./organisation.matches._index";

let handle: DatabaseHandle;
let world: ProviderMatchFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await seedProviderMatchFixture(handle);
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

const contextFor = (): AppLoadContext => createTestLoadContext({ database: handle });
const path = (ref: string) => `/organisation/matches/${ref}`;

/** The union's caseworker proposes offer → need; returns the match's reference. */
async function propose(needKey: string, offerKey: string, message = "这位职工有电工经验，请考虑。") {
  const actor = await actorOf(handle.db, world.people.caseworker);
  const { ref } = await proposeMatch({ db: handle.db, actor, needRef: refOf(world.needs, needKey), offerRef: refOf(world.offers, offerKey), message, ip: null });
  return ref;
}

const open = (ref: string, user: TestUser) => settle(loader({ request: userRequest(path(ref), { cookie: user.cookie }), params: { ref }, context: contextFor() }));
const answer = (ref: string, user: TestUser, form: Record<string, string>) => settle(action({ request: userRequest(path(ref), { cookie: user.cookie, form }), params: { ref }, context: contextFor() }));
const location = (result: unknown) => (result instanceof Response ? result.headers.get("Location") : null);

async function statusOfMatch(ref: string) {
  const [row] = await handle.db.select({ status: matches.status, declineReason: matches.declineReason, outcomeNote: matches.outcomeNote }).from(matches).where(eq(matches.ref, ref));
  return row;
}
async function placesLeft(offerKey: string) {
  const [row] = await handle.db.select({ remaining: offers.remainingCapacity }).from(offers).where(eq(offers.ref, refOf(world.offers, offerKey)));
  return row?.remaining;
}

/** Nothing that names a household may be in what the page sends. */
function expectNoHousehold(payload: unknown) {
  const sent = JSON.stringify(payload);
  for (const household of world.households) for (const value of Object.values(household)) expect(sent).not.toContain(value);
}

describe("who may see the provider's matches", () => {
  it.each(["pendingSchoolMember", "caseworker", "donor"] as const)("answers a %s 403", async (who) => {
    const user = world.people[who];
    expect(statusOf(await settle(inboxLoader({ request: userRequest("/organisation/matches", { cookie: user.cookie }), params: {}, context: contextFor() })))).toBe(403);
  });

  it("sends anonymous visitors to sign in", async () => {
    expect(statusOf(await settle(inboxLoader({ request: userRequest("/organisation/matches"), params: {}, context: contextFor() })))).toBe(302);
  });

  it("answers 404 for another organisation's match, on the page and to an answer, and changes nothing", async () => {
    const ref = await propose("need-1", "offer-5");
    const { employerMember } = world.people;
    expect(statusOf(await open(ref, employerMember))).toBe(404);
    expect(statusOf(await answer(ref, employerMember, { intent: "accept" }))).toBe(404);
    // Not there at all: bad input about it is not even read.
    expect(statusOf(await answer(ref, employerMember, { intent: "decline", reason: "" }))).toBe(404);
    expect(await statusOfMatch(ref)).toMatchObject({ status: "proposed" });
    expect(statusOf(await open("M-2222222", employerMember))).toBe(404);
  });
});

describe("the inbox", () => {
  it("puts proposals waiting for an answer first, then accepted, then the provider's own requests, with the need's public fields only", async () => {
    const { employerMember, employerAdmin } = world.people;
    const accepted = await propose("need-2", "offer-1");
    expect(statusOf(await answer(accepted, employerAdmin, { intent: "accept" }))).toBe(302);
    const requested = await requestMatch({ db: handle.db, actor: await actorOf(handle.db, employerAdmin), needRef: refOf(world.needs, "need-3"), offerRef: refOf(world.offers, "offer-7"), message: "我们可以提供岗位。", ip: null });
    const proposed = await propose("need-4", "offer-1", "请尽快答复。");

    const inbox = await inboxLoader({ request: userRequest("/organisation/matches", { cookie: employerMember.cookie }), params: {}, context: contextFor() });
    const bySection = Object.fromEntries(inbox.sections.map((s) => [s.key, s.items.map((i) => i.ref)]));
    expect(bySection).toMatchObject({ waiting: [proposed], accepted: [accepted], requested: [requested.ref] });
    expect(inbox.sections.map((s) => s.key)).toEqual(["waiting", "accepted", "requested", "closed"]);
    const item = inbox.sections[0]?.items[0];
    expect(item).toMatchObject({ status: "proposed", offerTitle: "招聘水电工（大理）", message: "请尽快答复。", waitingDays: 0, need: { category: "job", ageBand: expect.any(String), urgency: "general" } });
    expect(item?.need?.excerpt).toContain("水电安装");
    expectNoHousehold(inbox);

    const organisation = await organisationLoader({ request: userRequest("/organisation", { cookie: employerMember.cookie }), params: {}, context: contextFor() });
    expect(organisation.waitingMatches).toBe(1);
  });
});

describe("answering a proposal", () => {
  it("accepts: takes one place, and shows the union caseworker's contact — never the household's", async () => {
    const ref = await propose("need-1", "offer-7");
    const { employerMember, caseworker } = world.people;
    const before = payloadOf(await open(ref, employerMember));
    expect(before).toMatchObject({ match: { status: "proposed", contact: null } });

    const result = await answer(ref, employerMember, { intent: "accept" });
    expect(location(result)).toBe(`${path(ref)}?done=accepted`);
    expect(await statusOfMatch(ref)).toMatchObject({ status: "accepted" });
    expect(await placesLeft("offer-7")).toBe(0);

    const page = payloadOf(await open(ref, employerMember));
    expect(page).toMatchObject({ match: { status: "accepted", contact: { caseworkerEmail: caseworker.email, unionName: "祥云县总工会" } } });
    expectNoHousehold(page);
  });

  it("answers 409 when the match was answered meanwhile, and changes nothing more", async () => {
    const ref = await propose("need-3", "offer-1");
    const { employerMember, employerAdmin } = world.people;
    const left = await placesLeft("offer-1");
    expect(statusOf(await answer(ref, employerAdmin, { intent: "accept" }))).toBe(302);
    expect(statusOf(await answer(ref, employerMember, { intent: "accept" }))).toBe(409);
    expect(statusOf(await answer(ref, employerMember, { intent: "decline", reason: "名额已满。" }))).toBe(409);
    expect(await statusOfMatch(ref)).toMatchObject({ status: "accepted" });
    expect(await placesLeft("offer-1")).toBe((left ?? 0) - 1);
  });

  it("declines only with a reason: without one it is a 400 naming the field, and the match still waits", async () => {
    const ref = await propose("need-1", "offer-1");
    const { employerMember } = world.people;
    const bad = await answer(ref, employerMember, { intent: "decline", reason: " " });
    expect(statusOf(bad)).toBe(400);
    expect(payloadOf(bad)).toMatchObject({ intent: "decline", reply: { error: { reason: ["matches:provider.errors.reasonRequired"] } } });
    expect(await statusOfMatch(ref)).toMatchObject({ status: "proposed" });

    const result = await answer(ref, employerMember, { intent: "decline", reason: "本月岗位已招满。" });
    expect(location(result)).toBe(`${path(ref)}?done=declined`);
    expect(await statusOfMatch(ref)).toMatchObject({ status: "declined", declineReason: "本月岗位已招满。" });
  });

  it("refuses an unknown form with 400", async () => {
    const ref = await propose("need-5", "offer-1");
    expect(statusOf(await answer(ref, world.people.employerMember, { intent: "delete" }))).toBe(400);
    expect(await statusOfMatch(ref)).toMatchObject({ status: "proposed" });
  });
});

describe("closing the loop", () => {
  it("keeps the note's absence a 400 with the input kept, then marks fulfilled with the note", async () => {
    const ref = await propose("need-6", "offer-1");
    const { employerMember } = world.people;
    expect(statusOf(await answer(ref, employerMember, { intent: "accept" }))).toBe(302);
    const bad = await answer(ref, employerMember, { intent: "fulfil", note: "" });
    expect(statusOf(bad)).toBe(400);
    expect(payloadOf(bad)).toMatchObject({ intent: "finish", reply: { initialValue: { intent: "fulfil" }, error: { note: ["matches:provider.errors.noteRequired"] } } });
    expect(await statusOfMatch(ref)).toMatchObject({ status: "accepted" });

    expect(location(await answer(ref, employerMember, { intent: "fulfil", note: "已入职，试用期一个月。" }))).toBe(`${path(ref)}?done=fulfilled`);
    expect(await statusOfMatch(ref)).toMatchObject({ status: "fulfilled", outcomeNote: "已入职，试用期一个月。" });
    const page = payloadOf(await open(ref, employerMember));
    expect(page).toMatchObject({ match: { status: "fulfilled", outcomeNote: "已入职，试用期一个月。" } });
    expectNoHousehold(page);
  });

  it("marks failed with a note and gives the place back", async () => {
    const ref = await propose("need-7", "offer-1");
    const { employerAdmin } = world.people;
    expect(statusOf(await answer(ref, employerAdmin, { intent: "accept" }))).toBe(302);
    const left = await placesLeft("offer-1");
    expect(location(await answer(ref, employerAdmin, { intent: "fail", note: "职工身体原因未能到岗。" }))).toBe(`${path(ref)}?done=failed`);
    expect(await statusOfMatch(ref)).toMatchObject({ status: "failed", outcomeNote: "职工身体原因未能到岗。" });
    expect(await placesLeft("offer-1")).toBe((left ?? 0) + 1);
  });
});
