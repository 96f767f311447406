// The demo data set's matches: one in every status, each with its events, between published
// Xiangyun needs and the demo training school's offers; the demo people have notifications; a
// second seed adds nothing.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MATCH_STATUSES } from "../../app/domain/matching/match-status";
import { unreadCount } from "../../app/domain/notifications/list-notifications.server";
import { createTestCipher } from "../../tests/identity";
import { createTestDatabase } from "../../tests/database";
import type { DatabaseHandle } from "../client.server";
import { users } from "../schema/accounts";
import { matchEvents, matches } from "../schema/matches";
import { needs } from "../schema/needs";
import { seedDemo } from "./seed.server";

let handle: DatabaseHandle;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  handle = await createTestDatabase();
  seeded = await seedDemo({ db: handle.db, cipher: createTestCipher() });
}, 180_000);
afterAll(() => handle.close());

describe("demo matches", () => {
  it("include every status, each with its events", async () => {
    expect(seeded.matches).toBe(8);
    const rows = await handle.db.select({ id: matches.id, status: matches.status, needId: matches.needId, statusChangedAt: matches.statusChangedAt }).from(matches);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(MATCH_STATUSES));
    const events = await handle.db.select({ matchId: matchEvents.matchId }).from(matchEvents);
    for (const row of rows) expect(events.some((e) => e.matchId === row.id)).toBe(true);
    // One proposal has waited more than a week; one need was marked fulfilled, one is matched.
    expect(rows.some((r) => r.status === "proposed" && Date.now() - r.statusChangedAt.getTime() > 7 * 24 * 3600 * 1000)).toBe(true);
    const needStatuses = (await handle.db.select({ status: needs.status }).from(needs).where(inArray(needs.id, rows.map((r) => r.needId)))).map((n) => n.status);
    expect(needStatuses).toContain("fulfilled");
    expect(needStatuses).toContain("matched");
  });

  it("leave notifications for the demo caseworker and the school", async () => {
    for (const email of ["caseworker@demo.xiangyun.invalid", "provider-admin@demo.xiangyun.invalid"]) {
      const [user] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      expect(await unreadCount(handle.db, user?.id ?? ""), email).toBeGreaterThan(0);
    }
  });

  it("are seeded once", async () => {
    const again = await seedDemo({ db: handle.db, cipher: createTestCipher() });
    expect(again.matches).toBe(0);
    expect((await handle.db.select({ id: matches.id }).from(matches)).length).toBe(8);
  });
});
