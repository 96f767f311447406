// Session expiry: staff sessions end after an hour idle or twelve hours in all; a
// disabled account's sessions stop working at once.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { sessions, users } from "../../../db/schema/accounts";
import { createTestUser } from "../../../tests/accounts";
import { createTestDatabase } from "../../../tests/database";
import { MEMBER_SESSION, STAFF_SESSION, createSession, deleteExpiredSessions, loadSession, usesSecureCookie } from "./session.server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(() => handle.close());

describe("sessions", () => {
  it("give staff a short idle timeout and lifetime, others a long one", async () => {
    const user = await createTestUser(handle.db);
    const staff = await createSession(handle.db, { userId: user.id, staff: true });
    const member = await createSession(handle.db, { userId: user.id, staff: false });
    const rows = await handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(staff.id)?.idleSeconds).toBe(STAFF_SESSION.idleSeconds);
    expect(byId.get(member.id)?.idleSeconds).toBe(MEMBER_SESSION.idleSeconds);
    expect(staff.maxAgeSeconds).toBe(STAFF_SESSION.lifetimeSeconds);
  });

  it("end a staff session left idle for more than an hour, and delete it", async () => {
    const user = await createTestUser(handle.db);
    const session = await createSession(handle.db, { userId: user.id, staff: true });
    expect(await loadSession(handle.db, session.token)).not.toBeNull();
    await handle.db.update(sessions).set({ lastSeenAt: sql`now() - interval '61 minutes'` }).where(eq(sessions.id, session.id));
    expect(await loadSession(handle.db, session.token)).toBeNull();
    expect(await handle.db.select().from(sessions).where(eq(sessions.id, session.id))).toHaveLength(0);
  });

  it("end a session past its lifetime however active it was", async () => {
    const user = await createTestUser(handle.db);
    const session = await createSession(handle.db, { userId: user.id, staff: true });
    await handle.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.id, session.id));
    expect(await loadSession(handle.db, session.token)).toBeNull();
  });

  it("stop working when the account is disabled", async () => {
    const user = await createTestUser(handle.db);
    const session = await createSession(handle.db, { userId: user.id, staff: false });
    await handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await loadSession(handle.db, session.token)).toBeNull();
  });

  it("are swept when expired, and kept while alive", async () => {
    const user = await createTestUser(handle.db);
    const alive = await createSession(handle.db, { userId: user.id, staff: true });
    const idle = await createSession(handle.db, { userId: user.id, staff: true });
    await handle.db.update(sessions).set({ lastSeenAt: sql`now() - interval '2 hours'` }).where(eq(sessions.id, idle.id));
    await deleteExpiredSessions(handle.db);
    const left = (await handle.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).map((r) => r.id);
    expect(left).toContain(alive.id);
    expect(left).not.toContain(idle.id);
  });

  it("use Secure __Host- cookies over HTTPS and in production off loopback, plain ones on localhost", () => {
    expect(usesSecureCookie(new Request("https://xiangyun.example.org/"), "development")).toBe(true);
    expect(usesSecureCookie(new Request("http://xiangyun.example.org/"), "production")).toBe(true);
    expect(usesSecureCookie(new Request("http://localhost:3000/"), "production")).toBe(false);
    expect(usesSecureCookie(new Request("http://127.0.0.1:3000/"), "production")).toBe(false);
  });
});
