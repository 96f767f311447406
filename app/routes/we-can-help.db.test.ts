// "We can help" on /needs/:ref through its loader and action, as the browser calls them: anonymous
// visitors get the page as before (the same answer for everyone, so it stays cacheable); a member
// of a verified provider sees only its offers that may serve the need and sends one with a message;
// everyone else is refused, and bad input comes back with what was written.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { matches } from "../../db/schema/matches";
import { needs } from "../../db/schema/needs";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { createTestLoadContext } from "../../tests/load-context";
import type { ProviderMatchFixture } from "../../tests/provider-match-fixture";
import { refOf, seedProviderMatchFixture } from "../../tests/provider-match-fixture";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { action, loader } from "./needs.$ref";

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
const needPath = (ref: string) => `/needs/${ref}`;

async function pageFor(needRef: string, cookie?: string) {
  return loader({ request: userRequest(needPath(needRef), { cookie }), params: { ref: needRef }, context: contextFor() });
}

function send(needRef: string, cookie: string, form: Record<string, string>) {
  return settle(action({ request: userRequest(needPath(needRef), { cookie, form: { intent: "request-match", ...form } }), params: { ref: needRef }, context: contextFor() }));
}

async function matchesOfNeed(needRef: string) {
  return handle.db.select({ status: matches.status, message: matches.message }).from(matches).innerJoin(needs, eq(needs.id, matches.needId)).where(eq(needs.ref, needRef));
}

describe("the need page for anonymous visitors", () => {
  it("answers exactly what it answered before: no field about who is asking", async () => {
    const page = await pageFor(refOf(world.needs, "need-1"));
    expect(page).not.toHaveProperty("help");
    expect(page).not.toHaveProperty("sent");
    expect(page).toEqual(await pageFor(refOf(world.needs, "need-1")));
  });

  it("sends an anonymous post to sign in, and records nothing", async () => {
    const needRef = refOf(world.needs, "need-1");
    const result = await settle(action({ request: userRequest(needPath(needRef), { form: { intent: "request-match", offer: refOf(world.offers, "offer-1"), message: "我们可以提供岗位。" } }), params: { ref: needRef }, context: contextFor() }));
    expect(statusOf(result)).toBe(302);
    expect(result instanceof Response ? result.headers.get("Location") : null).toMatch(/^\/sign-in\?redirectTo=/);
    expect(await matchesOfNeed(needRef)).toEqual([]);
  });
});

describe("who may offer help", () => {
  it("lists only the provider's own offers that pass every hard rule for the need", async () => {
    const page = await pageFor(refOf(world.needs, "need-1"), world.people.employerMember.cookie);
    expect(page.help).toMatchObject({ kind: "offers", inPlay: [] });
    // Not the offer for Kunming, the legal one, the paused one, nor another organisation's.
    expect(page.help?.kind === "offers" ? [...page.help.offers].sort((a, b) => a.remainingCapacity - b.remainingCapacity) : null).toEqual([
      { ref: refOf(world.offers, "offer-7"), title: "只剩一个名额的电工岗位", category: "job", remainingCapacity: 1 },
      { ref: refOf(world.offers, "offer-1"), title: "招聘水电工（大理）", category: "job", remainingCapacity: 10 },
    ]);
  });

  it("tells a member of an organisation waiting for verification why, and refuses its post", async () => {
    const needRef = refOf(world.needs, "need-2");
    const { pendingSchoolMember } = world.people;
    expect((await pageFor(needRef, pendingSchoolMember.cookie)).help).toEqual({ kind: "unverified" });
    expect(statusOf(await send(needRef, pendingSchoolMember.cookie, { offer: refOf(world.offers, "offer-6"), message: "我们可以提供免费课程。" }))).toBe(403);
    expect(await matchesOfNeed(needRef)).toEqual([]);
  });

  it.each(["caseworker", "donor"] as const)("shows a %s the explanation and refuses their post", async (who) => {
    const needRef = refOf(world.needs, "need-2");
    const person = world.people[who];
    expect((await pageFor(needRef, person.cookie)).help).toEqual({ kind: "not-provider" });
    expect(statusOf(await send(needRef, person.cookie, { offer: refOf(world.offers, "offer-1"), message: "我们可以提供岗位。" }))).toBe(403);
    expect(await matchesOfNeed(needRef)).toEqual([]);
  });

  it("answers 404 to anyone posting for a need that is not public, whoever they are", async () => {
    for (const cookie of [undefined, world.people.donor.cookie, world.people.employerMember.cookie]) {
      const result = await settle(action({ request: userRequest(needPath("N-AAAAAAA"), { cookie, form: { intent: "request-match" } }), params: { ref: "N-AAAAAAA" }, context: contextFor() }));
      expect(statusOf(result)).toBe(404);
    }
  });

  it("answers 404 when a provider names another organisation's offer", async () => {
    const needRef = refOf(world.needs, "need-2");
    const result = await send(needRef, world.people.employerMember.cookie, { offer: refOf(world.offers, "offer-5"), message: "我们可以提供岗位。" });
    expect(statusOf(result)).toBe(404);
    expect(await matchesOfNeed(needRef)).toEqual([]);
  });
});

describe("sending help", () => {
  it("keeps the input and names the field when the message is missing (400)", async () => {
    const needRef = refOf(world.needs, "need-3");
    const offer = refOf(world.offers, "offer-1");
    const result = await send(needRef, world.people.employerMember.cookie, { offer, message: "  " });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result)).toMatchObject({ status: "error", initialValue: { offer }, error: { message: ["weCanHelp.errors.messageTooShort"] } });
    expect(await matchesOfNeed(needRef)).toEqual([]);
  });

  it("says which field when no offer is chosen (400)", async () => {
    const needRef = refOf(world.needs, "need-3");
    const result = await send(needRef, world.people.employerMember.cookie, { offer: "", message: "我们可以提供一个岗位。" });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result)).toMatchObject({ initialValue: { message: "我们可以提供一个岗位。" }, error: { offer: ["weCanHelp.errors.offerRequired"] } });
  });

  it("records a requested match, thanks the provider, and lists the offer as already sent", async () => {
    const needRef = refOf(world.needs, "need-3");
    const offer = refOf(world.offers, "offer-1");
    const { employerMember, employerAdmin } = world.people;
    const result = await send(needRef, employerMember.cookie, { offer, message: "我们有水电工岗位，包食宿。" });
    expect(statusOf(result)).toBe(302);
    expect(result instanceof Response ? result.headers.get("Location") : null).toBe(`/needs/${needRef}?sent=1#we-can-help`);
    expect(await matchesOfNeed(needRef)).toEqual([{ status: "requested", message: "我们有水电工岗位，包食宿。" }]);

    const after = await loader({ request: userRequest(`${needPath(needRef)}?sent=1`, { cookie: employerAdmin.cookie }), params: { ref: needRef }, context: contextFor() });
    expect(after.sent).toBe(true);
    expect(after.help).toMatchObject({ kind: "offers", inPlay: [{ offerRef: offer, status: "requested" }] });
    expect(after.help?.kind === "offers" ? after.help.offers.map((o) => o.ref) : null).not.toContain(offer);
  });

  it("answers 409 on the form, input kept, when the same offer is sent twice for a need", async () => {
    const needRef = refOf(world.needs, "need-4");
    const offer = refOf(world.offers, "offer-1");
    expect(statusOf(await send(needRef, world.people.employerMember.cookie, { offer, message: "第一次提交。" }))).toBe(302);
    const again = await send(needRef, world.people.employerAdmin.cookie, { offer, message: "再次提交同一项资源。" });
    expect(statusOf(again)).toBe(409);
    expect(payloadOf(again)).toMatchObject({ initialValue: { offer, message: "再次提交同一项资源。" }, error: { "": ["这条需求和这项资源已有一个进行中的对接。"] } });
    expect(await matchesOfNeed(needRef)).toHaveLength(1);
  });
});
