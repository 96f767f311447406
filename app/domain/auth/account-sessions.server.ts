// A person's own sessions: the list on /account, ending one of the others, ending all.
// Every query is scoped by the actor's user id, so a session id of someone else is never found.
import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { sessions } from "../../../db/schema/accounts";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "./actor";
import { deleteUserSessions } from "./session.server";

export interface AccountSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
  isCurrent: boolean;
}

function auditScope(actor: Actor) {
  return { organisationId: actor.membership?.organisationId ?? null, regionCode: actor.membership?.regionCode ?? null };
}

/** The actor's live, signed-in sessions (not those waiting for a second factor), latest activity first. */
export async function listAccountSessions({ db, actor }: { db: Database; actor: Actor }): Promise<AccountSession[]> {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, actor.userId),
        eq(sessions.secondFactorPending, false),
        gt(sessions.expiresAt, new Date()),
        sql`${sessions.lastSeenAt} + make_interval(secs => ${sessions.idleSeconds}) > now()`,
      ),
    )
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  return rows.map((row) => ({ ...row, isCurrent: row.id === actor.sessionId }));
}

/** Ends one of the actor's other sessions; false when the actor has no such session. */
export async function revokeSession({ db, actor, sessionId, ip }: { db: Database; actor: Actor; sessionId: string; ip: string | null }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId)))
      .returning({ id: sessions.id });
    if (deleted.length === 0) return false;
    await recordAudit(tx, { actor, action: "auth.session-revoke", entity: "user", entityId: actor.userId, ...auditScope(actor), ip });
    return true;
  });
}

/** Ends every session of the actor, this one included (the caller clears the cookie). */
export async function signOutEverywhere({ db, actor, ip }: { db: Database; actor: Actor; ip: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const ended = await deleteUserSessions(tx, actor.userId);
    await recordAudit(tx, { actor, action: "auth.sign-out-everywhere", entity: "user", entityId: actor.userId, ...auditScope(actor), ip, after: { sessionsEnded: ended } });
  });
}
