// /notifications and the header's unread count: a signed-in person sees their own notifications in
// their language, opens one (marked read, then taken where it leads) or marks all read, without
// JavaScript; nobody else's are shown or changed; the anonymous are sent to sign in.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { notifications } from "../../db/schema/notifications";
import { createTestUser, userRequest } from "../../tests/accounts";
import type { TestUser } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestLoadContext } from "../../tests/load-context";
import { settle, statusOf } from "../../tests/route-results";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { createTestCipher } from "../../tests/identity";
import { loader as rootLoader } from "../root";
import { action, loader } from "./notifications";

let handle: DatabaseHandle;
let context: AppLoadContext;
let reader: TestUser;
let other: TestUser;
let mine: string;
let theirs: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const cipher = createTestCipher();
  context = createTestLoadContext({ database: handle, cipher });
  const parsed = parseImportDocument(fakeDocument({ cases: 0, offers: 0 }));
  if (!parsed.ok) throw new Error("fixture");
  await importDocument({ db: handle.db, cipher, document: parsed.document });
  reader = await createTestUser(handle.db, { organisation: "dali-employer", role: "admin" });
  other = await createTestUser(handle.db, { organisation: "dali-employer", role: "member" });
  const params = { match: "M-7K3Q9MX", need: "N-7K3Q9MX", offer: "O-7K3Q9MX", offerTitle: "招聘水电工" };
  const rows = await handle.db
    .insert(notifications)
    .values([
      { userId: reader.id, kind: "match-proposed", params, href: "/organisation/matches/M-7K3Q9MX" },
      { userId: reader.id, kind: "match-withdrawn", params, href: "/organisation/matches/M-7K3Q9MX", readAt: new Date(), createdAt: new Date(Date.now() - 60_000) },
      { userId: other.id, kind: "match-proposed", params, href: "/organisation/matches/M-7K3Q9MX" },
    ])
    .returning({ id: notifications.id, userId: notifications.userId, readAt: notifications.readAt });
  mine = rows.find((r) => r.userId === reader.id && r.readAt === null)?.id ?? "";
  theirs = rows.find((r) => r.userId === other.id)?.id ?? "";
}, 60_000);
afterAll(() => handle.close());

const get = (cookie: string | undefined, lng = "zh-CN") => {
  const request = userRequest("/notifications", { cookie });
  request.headers.set("Accept-Language", lng);
  return settle(loader({ request, context, params: {} }));
};
const post = (cookie: string, form: Record<string, string>) => settle(action({ request: userRequest("/notifications", { cookie, form }), context, params: {} }));

describe("/notifications", () => {
  it("lists the reader's own notifications in their language, unread first marked", async () => {
    const page = await get(reader.cookie);
    expect(statusOf(page)).toBe(200);
    expect(page).toMatchObject({ unread: 1, items: [{ kind: "match-proposed", read: false }, { kind: "match-withdrawn", read: true }] });
    expect(page).toMatchObject({ title: expect.stringContaining("通知") });
    expect(await get(reader.cookie, "en")).toMatchObject({ title: expect.stringContaining("Notifications") });
  });

  it("sends the anonymous to sign in", async () => {
    const result = await get(undefined);
    expect(statusOf(result)).toBe(302);
    expect(result instanceof Response ? result.headers.get("Location") : null).toContain("/sign-in");
  });

  it("opens a notification: marked read, then where it leads; another's id changes nothing", async () => {
    const foreign = await post(reader.cookie, { intent: "open", id: theirs });
    expect(foreign instanceof Response ? foreign.headers.get("Location") : null).toBe("/notifications");
    const [still] = await handle.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, theirs));
    expect(still?.readAt).toBeNull();

    const before = await settle(rootLoader({ request: userRequest("/", { cookie: reader.cookie }), context, params: {} }));
    expect(before).toMatchObject({ unreadNotifications: 1 });
    const opened = await post(reader.cookie, { intent: "open", id: mine });
    expect(opened instanceof Response ? opened.headers.get("Location") : null).toBe("/organisation/matches/M-7K3Q9MX");
    const after = await settle(rootLoader({ request: userRequest("/", { cookie: reader.cookie }), context, params: {} }));
    expect(after).toMatchObject({ unreadNotifications: 0 });
    const anonymous = await settle(rootLoader({ request: userRequest("/"), context, params: {} }));
    expect(anonymous).toMatchObject({ actor: null, unreadNotifications: 0 });
  });

  it("marks all read", async () => {
    await post(other.cookie, { intent: "read-all" });
    const page = await get(other.cookie);
    expect(page).toMatchObject({ unread: 0 });
  });
});
