// Providers writing their offers: create, edit, open/pause/close/reopen, who may, what is refused,
// and that every change the public side sees moves the version and queues one search-outbox row in
// the same transaction. Expiry closes what ended before today, with a system audit row.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { createTestUser, userRequest } from "../../../tests/accounts";
import { createTestDatabase } from "../../../tests/database";
import { createTestLoadContext } from "../../../tests/load-context";
import type { Actor } from "../auth/actor";
import { getActor } from "../auth/guards.server";
import { isDomainError } from "../errors/domain-error";
import { changeOfferStatus } from "./change-offer-status.server";
import { createOffer } from "./create-offer.server";
import { expireOffers } from "./expire-offers.server";
import type { OfferContent } from "./offer-form";
import { getOrganisationOffer, listOrganisationOffers } from "./organisation-offers.server";
import { getPublicOffer } from "./public-offers.server";
import { updateOffer } from "./update-offer.server";

let handle: DatabaseHandle;
let organisationCount = 0;
const TODAY = "2026-12-04";
const ip = "203.0.113.9";

beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

async function newOrganisation(status: "verified" | "pending" | "rejected" = "verified", kind: "training" | "employer" = "training"): Promise<string> {
  const [row] = await handle.db
    .insert(organisations)
    .values({ kind, name: `测试培训学校${++organisationCount}`, regionCode: "532923", status, rejectionReason: status === "rejected" ? "材料不全" : null })
    .returning({ id: organisations.id });
  if (!row) throw new Error("no organisation");
  return row.id;
}

async function actorIn(organisation: string | null, role: "admin" | "member" | "caseworker" = "member"): Promise<Actor> {
  const user = await createTestUser(handle.db, organisation ? { organisation, role } : {});
  const actor = await getActor(userRequest("/", { cookie: user.cookie }), createTestLoadContext({ database: handle }));
  if (!actor) throw new Error("no actor");
  return actor;
}

const course = (overrides: Partial<OfferContent> = {}): OfferContent => ({
  offerType: "course",
  category: "training",
  title: "焊工职业技能培训班",
  description: "三个月脱产培训，考试合格发焊工证。",
  skills: ["焊工"],
  regionCodes: ["532923"],
  capacity: 20,
  amount: null,
  validFrom: "2026-12-01",
  validUntil: "2027-03-31",
  details: { schedule: "周一至周五", certificate: "焊工证", learnerCost: "0.00" },
  ...overrides,
});

const outboxOf = (ref: string) => handle.db.select().from(searchOutbox).where(and(eq(searchOutbox.entity, "offer"), eq(searchOutbox.ref, ref)));
const offerRow = async (ref: string) => (await handle.db.select().from(offers).where(eq(offers.ref, ref)))[0];
const auditOf = (ref: string) => handle.db.select().from(auditLog).where(eq(auditLog.entityId, ref)).orderBy(auditLog.occurredAt);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return `${error.kind}:${error.messageKey}`;
    throw error;
  }
  return "no refusal";
}

describe("creating an offer", () => {
  it("publishes a verified organisation's offer at once: open, version 1, one outbox row, audited", async () => {
    const actor = await actorIn(await newOrganisation());
    const { ref } = await createOffer({ db: handle.db, actor, content: course(), publish: true, ip, today: TODAY });
    expect(ref).toMatch(/^O-[2-9A-HJKMNP-TV-Z]{7}$/);
    expect(await offerRow(ref)).toMatchObject({ status: "open", version: 1, capacity: 20, remainingCapacity: 20, offerType: "course", createdBy: actor.userId, closedReason: null });
    expect(await outboxOf(ref)).toHaveLength(1);
    expect(await auditOf(ref)).toEqual([expect.objectContaining({ action: "offer.create", actorUserId: actor.userId, regionCode: "532923", ip })]);
    expect(await getPublicOffer(handle.db, ref)).toMatchObject({ offerType: "course", details: { schedule: "周一至周五", certificate: "焊工证", learnerCost: "0.00" } });
  });

  it("keeps a draft out of the index; a pending organisation may keep drafts but not publish", async () => {
    const pending = await actorIn(await newOrganisation("pending"), "admin");
    const { ref } = await createOffer({ db: handle.db, actor: pending, content: course(), publish: false, ip, today: TODAY });
    expect(await offerRow(ref)).toMatchObject({ status: "draft" });
    expect(await outboxOf(ref)).toHaveLength(0);
    expect(await refusal(createOffer({ db: handle.db, actor: pending, content: course(), publish: true, ip, today: TODAY }))).toBe("forbidden:offerPublishingNotVerified");
    expect(await refusal(changeOfferStatus({ db: handle.db, actor: pending, ref, to: "open", ip, today: TODAY }))).toBe("forbidden:offerPublishingNotVerified");
  });

  it("stores amounts through the money module and a province as covering all below it", async () => {
    const actor = await actorIn(await newOrganisation("verified", "employer"));
    const { ref } = await createOffer({
      db: handle.db,
      actor,
      content: course({ offerType: "vacancy", category: "job", regionCodes: ["532923", "53", "5329"], details: { payMin: "3500", payMax: "4500.5", payPeriod: "month" } }),
      publish: true,
      ip,
      today: TODAY,
    });
    expect(await offerRow(ref)).toMatchObject({ regionCodes: ["53"], details: { payMin: "3500.00", payMax: "4500.50", payPeriod: "month" } });
  });

  it("refuses unknown regions, a grant without its amount, an end date gone, and people who write no offers", async () => {
    const org = await newOrganisation();
    const actor = await actorIn(org);
    expect(await refusal(createOffer({ db: handle.db, actor, content: course({ regionCodes: ["999999"] }), publish: true, ip, today: TODAY }))).toBe("invalid:invalidInput");
    expect(await refusal(createOffer({ db: handle.db, actor, content: course({ offerType: "grant", details: {} }), publish: true, ip, today: TODAY }))).toBe("invalid:invalidInput");
    expect(await refusal(createOffer({ db: handle.db, actor, content: course({ validFrom: null, validUntil: "2026-12-03" }), publish: true, ip, today: TODAY }))).toBe("invalid:invalidInput");
    expect(await refusal(createOffer({ db: handle.db, actor: await actorIn(null), content: course(), publish: true, ip, today: TODAY }))).toBe("forbidden:noAccess");
    expect(await refusal(createOffer({ db: handle.db, actor: await actorIn(await newOrganisation("rejected"), "admin"), content: course(), publish: false, ip, today: TODAY }))).toBe("forbidden:noAccess");
    expect(await handle.db.select().from(offers).where(eq(offers.organisationId, org))).toHaveLength(0);
  });
});

describe("editing an offer", () => {
  it("moves the version and queues an open offer's edit; keeps places taken", async () => {
    const actor = await actorIn(await newOrganisation());
    const { ref } = await createOffer({ db: handle.db, actor, content: course(), publish: true, ip, today: TODAY });
    // Five places taken by accepted matches.
    await handle.db.update(offers).set({ remainingCapacity: 15 }).where(eq(offers.ref, ref));
    const result = await updateOffer({ db: handle.db, actor, ref, content: course({ title: "焊工培训班（春季）", capacity: 30 }), ip, today: TODAY });
    expect(result.changed).toEqual(["title", "capacity"]);
    expect(await offerRow(ref)).toMatchObject({ title: "焊工培训班（春季）", capacity: 30, remainingCapacity: 25, version: 2 });
    expect(await outboxOf(ref)).toHaveLength(2);
    expect(await refusal(updateOffer({ db: handle.db, actor, ref, content: course({ capacity: 4 }), ip, today: TODAY }))).toBe("invalid:invalidInput");
    // Nothing changed: no version, no outbox row, no audit row.
    expect((await updateOffer({ db: handle.db, actor, ref, content: course({ title: "焊工培训班（春季）", capacity: 30 }), ip, today: TODAY })).changed).toEqual([]);
    expect(await outboxOf(ref)).toHaveLength(2);
    expect((await auditOf(ref)).map((a) => a.action)).toEqual(["offer.create", "offer.update"]);
  });

  it("edits a draft without queueing it", async () => {
    const actor = await actorIn(await newOrganisation());
    const { ref } = await createOffer({ db: handle.db, actor, content: course(), publish: false, ip, today: TODAY });
    await updateOffer({ db: handle.db, actor, ref, content: course({ description: "新的说明。" }), ip, today: TODAY });
    expect(await offerRow(ref)).toMatchObject({ description: "新的说明。", version: 1 });
    expect(await outboxOf(ref)).toHaveLength(0);
  });

  it("finds another organisation's offer nowhere (404), to read or to write", async () => {
    const owner = await actorIn(await newOrganisation());
    const stranger = await actorIn(await newOrganisation());
    const { ref } = await createOffer({ db: handle.db, actor: owner, content: course(), publish: true, ip, today: TODAY });
    expect(await refusal(getOrganisationOffer({ db: handle.db, actor: stranger, ref }))).toBe("not-found:offerNotFound");
    expect(await refusal(updateOffer({ db: handle.db, actor: stranger, ref, content: course({ title: "改掉" }), ip, today: TODAY }))).toBe("not-found:offerNotFound");
    expect(await refusal(changeOfferStatus({ db: handle.db, actor: stranger, ref, to: "closed", ip, today: TODAY }))).toBe("not-found:offerNotFound");
    expect(await listOrganisationOffers({ db: handle.db, actor: stranger })).toEqual([]);
    expect(await offerRow(ref)).toMatchObject({ status: "open", title: "焊工职业技能培训班" });
  });
});

describe("opening, pausing, closing", () => {
  it("pauses, reopens and closes, each moving the version with an outbox row and its audit code", async () => {
    const actor = await actorIn(await newOrganisation(), "admin");
    const { ref } = await createOffer({ db: handle.db, actor, content: course(), publish: false, ip, today: TODAY });
    for (const to of ["open", "paused", "open", "closed"] as const) await changeOfferStatus({ db: handle.db, actor, ref, to, ip, today: TODAY });
    expect(await offerRow(ref)).toMatchObject({ status: "closed", closedReason: "closed", version: 5 });
    expect(await outboxOf(ref)).toHaveLength(4);
    expect((await auditOf(ref)).map((a) => a.action)).toEqual(["offer.create", "offer.open", "offer.pause", "offer.open", "offer.close"]);
    // Reopened while its end date has not passed.
    await changeOfferStatus({ db: handle.db, actor, ref, to: "open", ip, today: TODAY });
    expect(await offerRow(ref)).toMatchObject({ status: "open", closedReason: null });
  });

  it("refuses a move the status does not allow (409), and reopening past the end date", async () => {
    const actor = await actorIn(await newOrganisation());
    const { ref } = await createOffer({ db: handle.db, actor, content: course(), publish: false, ip, today: TODAY });
    expect(await refusal(changeOfferStatus({ db: handle.db, actor, ref, to: "paused", ip, today: TODAY }))).toBe("conflict:offerMoveRefused");
    await changeOfferStatus({ db: handle.db, actor, ref, to: "open", ip, today: TODAY });
    await changeOfferStatus({ db: handle.db, actor, ref, to: "closed", ip, today: TODAY });
    expect(await refusal(changeOfferStatus({ db: handle.db, actor, ref, to: "open", ip, today: "2027-04-01" }))).toBe("conflict:offerPastEnd");
    expect(await offerRow(ref)).toMatchObject({ status: "closed" });
  });

  it("lists the organisation's offers with places left and match counts, drafts included", async () => {
    const actor = await actorIn(await newOrganisation());
    const draft = await createOffer({ db: handle.db, actor, content: course({ title: "草稿" }), publish: false, ip, today: TODAY });
    const open = await createOffer({ db: handle.db, actor, content: course({ title: "开放" }), publish: true, ip, today: TODAY });
    const list = await listOrganisationOffers({ db: handle.db, actor });
    expect(list.map((o) => o.ref).sort()).toEqual([draft.ref, open.ref].sort());
    expect(list.find((o) => o.ref === open.ref)).toMatchObject({ status: "open", capacity: 20, remainingCapacity: 20, matchCount: 0 });
    expect(await listOrganisationOffers({ db: handle.db, actor, status: "draft" })).toEqual([expect.objectContaining({ ref: draft.ref })]);
  });
});

describe("expireOffers", () => {
  it("closes open and paused offers that ended before today, as expired, with version, outbox and a system audit row", async () => {
    const actor = await actorIn(await newOrganisation());
    const ending = await createOffer({ db: handle.db, actor, content: course({ validUntil: "2026-12-10" }), publish: true, ip, today: TODAY });
    const paused = await createOffer({ db: handle.db, actor, content: course({ validUntil: "2026-12-09" }), publish: true, ip, today: TODAY });
    await changeOfferStatus({ db: handle.db, actor, ref: paused.ref, to: "paused", ip, today: TODAY });
    const later = await createOffer({ db: handle.db, actor, content: course({ validUntil: "2026-12-11" }), publish: true, ip, today: TODAY });
    const draft = await createOffer({ db: handle.db, actor, content: course({ validUntil: "2026-12-05" }), publish: false, ip, today: TODAY });

    // The last valid day is the end date itself.
    expect(await expireOffers(handle.db, "2026-12-09")).toEqual([]);
    const expired = await expireOffers(handle.db, "2026-12-11");
    expect(expired.sort()).toEqual([ending.ref, paused.ref].sort());
    expect(await offerRow(ending.ref)).toMatchObject({ status: "closed", closedReason: "expired", version: 2 });
    expect(await offerRow(paused.ref)).toMatchObject({ status: "closed", closedReason: "expired", version: 3 });
    expect(await offerRow(later.ref)).toMatchObject({ status: "open" });
    expect(await offerRow(draft.ref)).toMatchObject({ status: "draft" });
    expect(await outboxOf(ending.ref)).toHaveLength(2);
    const [audit] = (await auditOf(ending.ref)).filter((a) => a.action === "offer.expire");
    expect(audit).toMatchObject({ actorUserId: null, actorEmail: null, regionCode: "532923", summary: { after: { status: "closed", closedReason: "expired" } } });
    expect(await expireOffers(handle.db, "2026-12-11")).toEqual([]);
    // The provider sees it as expired, and cannot reopen it until its end date moves.
    expect((await listOrganisationOffers({ db: handle.db, actor })).find((o) => o.ref === ending.ref)).toMatchObject({ status: "closed", closedReason: "expired" });
    expect(await refusal(changeOfferStatus({ db: handle.db, actor, ref: ending.ref, to: "open", ip, today: "2026-12-11" }))).toBe("conflict:offerPastEnd");
  });
});
