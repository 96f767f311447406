// /organisation/offers, /new and /$ref through their loaders and actions, as the browser calls
// them: a verified provider's member posts, edits, pauses and closes an offer; bad input comes back
// with what was typed (400); a pending organisation keeps drafts; another organisation's offer is
// not there (404); people who write no offers get 403.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { offers } from "../../db/schema/offers";
import { organisations } from "../../db/schema/organisations";
import { searchOutbox } from "../../db/schema/search-outbox";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { loader as listLoader } from "./organisation.offers._index";
import { action as editAction, loader as editLoader } from "./organisation.offers.$ref";
import { action as newAction, loader as newLoader } from "./organisation.offers.new";

let handle: DatabaseHandle;
let organisationCount = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

const context = (): AppLoadContext => createTestLoadContext({ database: handle });

async function newOrganisation(status: "verified" | "pending" = "verified"): Promise<string> {
  const [row] = await handle.db
    .insert(organisations)
    .values({ kind: "training", name: `测试职业培训学校${++organisationCount}`, regionCode: "532923", status })
    .returning({ id: organisations.id });
  if (!row) throw new Error("no organisation");
  return row.id;
}

const FORM = {
  offerType: "course",
  category: "training",
  title: "电工上岗证培训班",
  description: "两个月培训，考试合格发电工证。",
  skills: "电工、水电工",
  regions: ["532923", "532901"],
  capacity: "25",
  amount: "",
  validFrom: "",
  validUntil: "2031-06-30",
  schedule: "每周六、周日",
  certificate: "低压电工作业证",
  learnerCost: "",
  // A vacancy's detail typed while the type was another: not kept for a course.
  hours: "每天八小时",
};

const locationOf = (result: unknown) => (result instanceof Response ? result.headers.get("Location") : null);
const post = (action: (args: ActionFunctionArgs) => Promise<unknown>, path: string, cookie: string, form: Record<string, string | string[]>, params: Record<string, string> = {}) =>
  settle(action({ request: userRequest(path, { cookie, form }), context: context(), params }));
const get = (loader: (args: LoaderFunctionArgs) => Promise<unknown>, path: string, cookie: string, params: Record<string, string> = {}) => settle(loader({ request: userRequest(path, { cookie }), context: context(), params }));
const offerOf = async (ref: string) => (await handle.db.select().from(offers).where(eq(offers.ref, ref)))[0];
const refOf = (location: string | null) => /\/organisation\/offers\/(O-[A-Z0-9]{7})/.exec(location ?? "")?.[1] ?? "";

describe("posting an offer", () => {
  it("publishes a verified school's course and lists it with its places", async () => {
    const member = await createTestUser(handle.db, { organisation: await newOrganisation(), role: "member" });
    const result = await post(newAction, "/organisation/offers/new", member.cookie, { ...FORM, intent: "publish" });
    expect(locationOf(result)).toMatch(/^\/organisation\/offers\/O-[A-Z0-9]{7}\?done=published$/);
    const ref = refOf(locationOf(result));
    expect(await offerOf(ref)).toMatchObject({
      status: "open",
      offerType: "course",
      regionCodes: ["532901", "532923"],
      skills: ["电工", "水电工"],
      capacity: 25,
      details: { schedule: "每周六、周日", certificate: "低压电工作业证" },
    });
    expect((await offerOf(ref))?.details).toEqual({ schedule: "每周六、周日", certificate: "低压电工作业证" });
    expect(await handle.db.select().from(searchOutbox).where(and(eq(searchOutbox.entity, "offer"), eq(searchOutbox.ref, ref)))).toHaveLength(1);
    const list = payloadOf(await get(listLoader, "/organisation/offers", member.cookie));
    expect(list).toHaveProperty("offers", [expect.objectContaining({ ref, status: "open", remainingCapacity: 25, capacity: 25, matchCount: 0 })]);
    const page = payloadOf(await get(editLoader, `/organisation/offers/${ref}?done=published`, member.cookie, { ref }));
    expect(page).toMatchObject({ notice: "published", formValues: { title: FORM.title, regions: ["532901", "532923"], schedule: "每周六、周日" } });
  });

  it("answers bad input with 400, what was typed and what is wrong, and writes nothing", async () => {
    const org = await newOrganisation();
    const member = await createTestUser(handle.db, { organisation: org, role: "member" });
    const result = await post(newAction, "/organisation/offers/new", member.cookie, { ...FORM, title: "", regions: [], capacity: "0", validFrom: "2031-07-01", intent: "publish" });
    expect(statusOf(result)).toBe(400);
    const reply = payloadOf(result);
    expect(reply).toMatchObject({
      reply: {
        initialValue: { description: FORM.description, skills: FORM.skills, capacity: "0" },
        error: { title: ["offers:errors.titleRequired"], regions: ["offers:errors.regionsRequired"], capacity: ["offers:errors.capacityInvalid"] },
      },
    });
    // Regions the tree does not know, and an end date already gone.
    const unknown = payloadOf(await post(newAction, "/organisation/offers/new", member.cookie, { ...FORM, regions: ["539999"], validUntil: "2020-01-01", intent: "publish" }));
    expect(unknown).toMatchObject({ reply: { error: { regions: ["offers:errors.unknownRegion"], validUntil: ["offers:errors.endInPast"] } } });
    const grant = payloadOf(await post(newAction, "/organisation/offers/new", member.cookie, { ...FORM, offerType: "grant", intent: "publish" }));
    expect(grant).toMatchObject({ reply: { error: { amount: ["offers:errors.grantAmountRequired"] } } });
    expect(await handle.db.select().from(offers).where(eq(offers.organisationId, org))).toHaveLength(0);
  });

  it("lets a pending organisation keep drafts but not publish (403)", async () => {
    const admin = await createTestUser(handle.db, { organisation: await newOrganisation("pending"), role: "admin" });
    expect(payloadOf(await get(newLoader, "/organisation/offers/new", admin.cookie))).toMatchObject({ canPublish: false });
    expect(statusOf(await post(newAction, "/organisation/offers/new", admin.cookie, { ...FORM, intent: "publish" }))).toBe(403);
    const saved = await post(newAction, "/organisation/offers/new", admin.cookie, { ...FORM, intent: "save" });
    expect(locationOf(saved)).toMatch(/\?done=created$/);
    expect(await offerOf(refOf(locationOf(saved)))).toMatchObject({ status: "draft" });
  });

  it("gives 403 to union staff and sends visitors to sign in", async () => {
    const [union] = await handle.db.insert(organisations).values({ kind: "union", name: "测试县总工会", regionCode: "532923", status: "verified" }).returning({ id: organisations.id });
    const caseworker = await createTestUser(handle.db, { organisation: union?.id ?? "", role: "caseworker" });
    expect(statusOf(await get(listLoader, "/organisation/offers", caseworker.cookie))).toBe(403);
    expect(statusOf(await post(newAction, "/organisation/offers/new", caseworker.cookie, { ...FORM, intent: "publish" }))).toBe(403);
    const anonymous = await settle(newLoader({ request: userRequest("/organisation/offers/new"), context: context(), params: {} }));
    expect(locationOf(anonymous)).toMatch(/^\/sign-in/);
  });
});

describe("managing an offer", () => {
  it("saves an edit, pauses, reopens and closes", async () => {
    const member = await createTestUser(handle.db, { organisation: await newOrganisation(), role: "member" });
    const ref = refOf(locationOf(await post(newAction, "/organisation/offers/new", member.cookie, { ...FORM, intent: "publish" })));
    const path = `/organisation/offers/${ref}`;
    expect(locationOf(await post(editAction, path, member.cookie, { ...FORM, title: "电工培训班（秋季）", intent: "save" }, { ref }))).toBe(`${path}?done=saved`);
    expect(await offerOf(ref)).toMatchObject({ title: "电工培训班（秋季）", version: 2 });
    for (const to of ["paused", "open", "closed"]) {
      expect(locationOf(await post(editAction, path, member.cookie, { intent: "status", to }, { ref }))).toBe(`${path}?done=${to}`);
    }
    expect(await offerOf(ref)).toMatchObject({ status: "closed", closedReason: "closed", version: 5 });
    // A move the status does not allow is a 409.
    expect(statusOf(await post(editAction, path, member.cookie, { intent: "status", to: "paused" }, { ref }))).toBe(409);
  });

  it("refuses fewer places than are taken, naming the number, with what was typed", async () => {
    const member = await createTestUser(handle.db, { organisation: await newOrganisation(), role: "member" });
    const ref = refOf(locationOf(await post(newAction, "/organisation/offers/new", member.cookie, { ...FORM, intent: "publish" })));
    await handle.db.update(offers).set({ remainingCapacity: 15 }).where(eq(offers.ref, ref));
    const result = await post(editAction, `/organisation/offers/${ref}`, member.cookie, { ...FORM, capacity: "5", intent: "save" }, { ref });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result)).toMatchObject({ reply: { initialValue: { capacity: "5" }, error: { capacity: [expect.stringMatching(/10/)] } } });
    expect(await offerOf(ref)).toMatchObject({ capacity: 25, remainingCapacity: 15 });
  });

  it("finds another organisation's offer nowhere (404)", async () => {
    const owner = await createTestUser(handle.db, { organisation: await newOrganisation(), role: "member" });
    const stranger = await createTestUser(handle.db, { organisation: await newOrganisation(), role: "admin" });
    const ref = refOf(locationOf(await post(newAction, "/organisation/offers/new", owner.cookie, { ...FORM, intent: "publish" })));
    const path = `/organisation/offers/${ref}`;
    expect(statusOf(await get(editLoader, path, stranger.cookie, { ref }))).toBe(404);
    expect(statusOf(await post(editAction, path, stranger.cookie, { ...FORM, title: "改掉", intent: "save" }, { ref }))).toBe(404);
    expect(statusOf(await post(editAction, path, stranger.cookie, { intent: "status", to: "closed" }, { ref }))).toBe(404);
    expect(await offerOf(ref)).toMatchObject({ status: "open", title: FORM.title });
  });
});
