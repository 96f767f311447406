// A union admin reviews the organisations registered in their region, through the real loaders
// and actions: the region scope is inside every query (another region's organisation is a 404,
// never its data), a decision is taken once (then 409), audited, and emailed to the applicant.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { offers } from "../../db/schema/offers";
import { organisations } from "../../db/schema/organisations";
import { searchOutbox } from "../../db/schema/search-outbox";
import type { TestUser } from "../../tests/accounts";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader as organisationLoader } from "./organisation._index";
import { action as reviewAction, loader as detailLoader } from "./staff.organisations.$id";
import { loader as listLoader } from "./staff.organisations._index";

let handle: DatabaseHandle;
const cipher = createTestCipher();
let counter = 0;
let xiangyunAdmin: TestUser;
let daliAdmin: TestUser;
let xiangyunCaseworker: TestUser;

beforeAll(async () => {
  handle = await createTestDatabase();
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "km-union", kind: "union", name: "昆明市总工会", region: "5301" });
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  xiangyunAdmin = await createTestUser(handle.db, { organisation: "xy-union", role: "admin", totp: true, cipher });
  daliAdmin = await createTestUser(handle.db, { organisation: "dali-union", role: "admin", totp: true, cipher });
  xiangyunCaseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

function contextFor(): AppLoadContext {
  return createTestLoadContext({ database: handle, cipher, clientIp: `198.51.100.${++counter % 250}` });
}

/** A pending charity registered in `regionCode`, with its applicant as first admin. */
async function pendingOrganisation(regionCode: string) {
  const [row] = await handle.db
    .insert(organisations)
    .values({
      kind: "charity",
      name: `测试慈善会${++counter}`,
      regionCode,
      status: "pending",
      description: "测试数据。",
      contactName: "测试联系人",
      contactEmail: `contact${counter}@test.xiangyun.invalid`,
      contactPhone: "0872-7123456",
    })
    .returning({ id: organisations.id });
  if (!row) throw new Error("no organisation");
  const applicant = await createTestUser(handle.db, { organisation: row.id, role: "admin" });
  return { id: row.id, applicant };
}

const path = (id: string) => `/staff/organisations/${id}`;
const openDetail = (user: TestUser, id: string, context = contextFor()) => settle(detailLoader({ request: userRequest(path(id), { cookie: user.cookie }), context, params: { id } }));
const review = (user: TestUser, id: string, form: Record<string, string>, context = contextFor()) =>
  settle(reviewAction({ request: userRequest(path(id), { cookie: user.cookie, form }), context, params: { id } }));
const list = (user: TestUser, query = "") => settle(listLoader({ request: userRequest(`/staff/organisations${query}`, { cookie: user.cookie }), context: contextFor(), params: {} }));

async function statusOfOrganisation(id: string) {
  const [row] = await handle.db.select({ status: organisations.status, reviewedBy: organisations.reviewedBy, rejectionReason: organisations.rejectionReason }).from(organisations).where(eq(organisations.id, id));
  return row;
}

const auditOf = (id: string) => handle.db.select().from(auditLog).where(eq(auditLog.entityId, id));

describe("the list of organisations to review", () => {
  it("shows a union admin the pending organisations of their region only, and no unions", async () => {
    const inXiangyun = await pendingOrganisation("532923");
    const inKunming = await pendingOrganisation("530102");
    const inDali = await pendingOrganisation("532901");
    const page = payloadOf(await list(xiangyunAdmin));
    const ids = (typeof page === "object" && page !== null && "organisations" in page && Array.isArray(page.organisations) ? page.organisations : []).map((o: { id: string }) => o.id);
    expect(ids).toContain(inXiangyun.id);
    expect(ids).not.toContain(inKunming.id);
    expect(ids).not.toContain(inDali.id);
    expect(page).toMatchObject({ status: "pending" });
    // The prefecture's admin sees the whole prefecture.
    const daliPage = JSON.stringify(payloadOf(await list(daliAdmin)));
    expect(daliPage).toContain(inXiangyun.id);
    expect(daliPage).toContain(inDali.id);
    expect(daliPage).not.toContain(inKunming.id);
    expect(daliPage).not.toContain("祥云县总工会");
  });

  it("lists the verified ones under ?status=verified", async () => {
    const page = payloadOf(await list(daliAdmin, "?status=verified"));
    // The employer of the fixture was imported as verified.
    expect(JSON.stringify(page)).toContain("测试建材有限公司");
    expect(page).toMatchObject({ status: "verified" });
  });

  it("is 403 for a caseworker", async () => {
    expect(statusOf(await list(xiangyunCaseworker))).toBe(403);
  });
});

describe("reviewing an organisation", () => {
  it("shows the reviewer the contact details and who registered it", async () => {
    const { id, applicant } = await pendingOrganisation("532923");
    const page = payloadOf(await openDetail(xiangyunAdmin, id));
    expect(page).toMatchObject({ organisation: { id, status: "pending", contactPhone: "0872-7123456", firstMember: { email: applicant.email } } });
  });

  it("lets the Xiangyun admin verify an organisation in Xiangyun: audited, emailed, and it may publish offers", async () => {
    const { id, applicant } = await pendingOrganisation("532923");
    const context = contextFor();
    const result = await review(xiangyunAdmin, id, { decision: "verify" }, context);
    expect(statusOf(result)).toBe(302);
    expect(result instanceof Response && result.headers.get("Location")).toBe(path(id));
    expect(await statusOfOrganisation(id)).toMatchObject({ status: "verified", reviewedBy: expect.any(String), rejectionReason: null });
    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "organisation.verify", actorEmail: xiangyunAdmin.email, regionCode: "532923", summary: { before: { status: "pending" }, after: { status: "verified" } } });
    expect(context.runtime.mailer.list().map((m) => m.to)).toEqual([applicant.email]);
    const own = payloadOf(await settle(organisationLoader({ request: userRequest("/organisation", { cookie: applicant.cookie }), context: contextFor(), params: {} })));
    expect(own).toMatchObject({ canPublishOffers: true, organisation: { status: "verified", reviewingUnion: "祥云县总工会" } });
  });

  it("moves the versions of a reviewed organisation's offers and queues them for the index", async () => {
    const { id } = await pendingOrganisation("532923");
    const [draft] = await handle.db
      .insert(offers)
      .values({ ref: "O-REVIEW1", organisationId: id, category: "training", title: "电工培训", description: "测试用的课程", regionCodes: ["532923"], capacity: 5, remainingCapacity: 5 })
      .returning({ version: offers.version });
    expect(statusOf(await review(xiangyunAdmin, id, { decision: "verify" }))).toBe(302);
    const [after] = await handle.db.select({ version: offers.version }).from(offers).where(eq(offers.ref, "O-REVIEW1"));
    expect(after?.version).toBe((draft?.version ?? 0) + 1);
    expect(await handle.db.select({ ref: searchOutbox.ref }).from(searchOutbox).where(eq(searchOutbox.ref, "O-REVIEW1"))).toHaveLength(1);
  });

  it("gives the Xiangyun admin 404 for an organisation in Kunming, or in Dali above their county, and changes nothing", async () => {
    for (const region of ["530102", "5329"]) {
      const { id } = await pendingOrganisation(region);
      const detail = await openDetail(xiangyunAdmin, id);
      expect(statusOf(detail)).toBe(404);
      expect(detail instanceof Response ? await detail.text() : "").not.toContain("测试");
      expect(statusOf(await review(xiangyunAdmin, id, { decision: "verify" }))).toBe(404);
      expect(await statusOfOrganisation(id)).toMatchObject({ status: "pending", reviewedBy: null });
      expect(await auditOf(id)).toHaveLength(0);
    }
  });

  it("gives 404 for a union and for an id that is not one", async () => {
    const [union] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.importKey, "xy-union"));
    expect(statusOf(await openDetail(daliAdmin, union?.id ?? ""))).toBe(404);
    expect(statusOf(await openDetail(daliAdmin, "not-a-uuid"))).toBe(404);
  });

  it("lets the Dali prefecture admin review an organisation in Xiangyun", async () => {
    const { id } = await pendingOrganisation("532923");
    expect(statusOf(await review(daliAdmin, id, { decision: "verify" }))).toBe(302);
    expect(await statusOfOrganisation(id)).toMatchObject({ status: "verified" });
  });

  it("is 403 for a caseworker, on the page and the action", async () => {
    const { id } = await pendingOrganisation("532923");
    expect(statusOf(await openDetail(xiangyunCaseworker, id))).toBe(403);
    expect(statusOf(await review(xiangyunCaseworker, id, { decision: "verify" }))).toBe(403);
    expect(await statusOfOrganisation(id)).toMatchObject({ status: "pending" });
  });

  it("needs a reason to reject, and the applicant reads it on /organisation and in the email", async () => {
    const { id, applicant } = await pendingOrganisation("532923");
    for (const reason of ["", "短", "x".repeat(501)]) {
      const refused = await review(xiangyunAdmin, id, { decision: "reject", reason });
      expect(statusOf(refused)).toBe(400);
      expect(JSON.stringify(payloadOf(refused))).toMatch(/organisations:errors\.reason(TooShort|TooLong)/);
    }
    expect(await statusOfOrganisation(id)).toMatchObject({ status: "pending" });

    const reason = "无法核实该机构的登记信息，请提供登记证书。";
    const context = contextFor();
    expect(statusOf(await review(xiangyunAdmin, id, { decision: "reject", reason: `  ${reason} ` }, context))).toBe(302);
    expect(await statusOfOrganisation(id)).toMatchObject({ status: "rejected", rejectionReason: reason });
    const [audit] = await auditOf(id);
    expect(audit).toMatchObject({ action: "organisation.reject", summary: { before: { status: "pending" }, after: { status: "rejected", rejectionReason: reason } } });
    const [mail] = context.runtime.mailer.list();
    expect(mail).toMatchObject({ to: applicant.email });
    expect(mail?.text).toContain(reason);
    const own = payloadOf(await settle(organisationLoader({ request: userRequest("/organisation", { cookie: applicant.cookie }), context: contextFor(), params: {} })));
    expect(own).toMatchObject({ canPublishOffers: false, organisation: { status: "rejected", rejectionReason: reason, reviewingUnion: "祥云县总工会" } });
  });

  it("answers a second review with 409 and keeps the first decision", async () => {
    const { id } = await pendingOrganisation("532923");
    expect(statusOf(await review(xiangyunAdmin, id, { decision: "verify" }))).toBe(302);
    const context = contextFor();
    const second = await review(daliAdmin, id, { decision: "reject", reason: "重复审核的测试理由。" }, context);
    expect(statusOf(second)).toBe(409);
    expect(second instanceof Response ? await second.text() : "").toMatch(/already been reviewed/);
    expect(await statusOfOrganisation(id)).toMatchObject({ status: "verified", rejectionReason: null });
    expect(await auditOf(id)).toHaveLength(1);
    expect(context.runtime.mailer.list()).toEqual([]);
  });
});
