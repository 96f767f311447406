// The Actor a domain function receives, for a test user: read through the same session loader the
// guards use, so membership, organisation and scope are exactly what a request would carry.
import type { Actor } from "../app/domain/auth/actor";
import type { MembershipRole } from "../app/domain/auth/roles";
import { loadSession } from "../app/domain/auth/session.server";
import type { Database } from "../db/client.server";
import type { TestUser } from "./accounts";
import { createTestUser } from "./accounts";

export async function actorOf(db: Database, user: TestUser): Promise<Actor> {
  const raw = decodeURIComponent(user.cookie.replace(/^xy_session=/, ""));
  const token: unknown = JSON.parse(Buffer.from(raw, "base64").toString("utf8"));
  if (typeof token !== "string") throw new Error("no session token in the cookie");
  const session = await loadSession(db, token);
  if (!session) throw new Error("no session");
  return session.actor;
}

/** A new user of the organisation (import key) with the role, as an Actor. */
export async function createTestActor(db: Database, organisation: string, role: MembershipRole): Promise<Actor> {
  return actorOf(db, await createTestUser(db, { organisation, role }));
}
