// Writes one row of the append-only audit log, in the caller's transaction, so an action and its
// record commit or fail together (issue 4). Summaries name fields and states, never identity values.
import type { Database, Transaction } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import type { Actor } from "../auth/actor";
import type { AuditAction } from "./audit-actions";

export interface AuditEntry {
  actor: Pick<Actor, "userId" | "email"> | null;
  /** Verb-first, dotted: `organisation.verify`, `auth.sign-in`, `membership.remove` (audit-actions.ts). */
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  organisationId?: string | null;
  regionCode?: string | null;
  ip?: string | null;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
}

export async function recordAudit(db: Database | Transaction, entry: AuditEntry): Promise<void> {
  const summary = entry.before || entry.after || entry.note ? { before: entry.before, after: entry.after, note: entry.note } : null;
  await db.insert(auditLog).values({
    actorUserId: entry.actor?.userId ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    organisationId: entry.organisationId ?? null,
    regionCode: entry.regionCode ?? null,
    ip: entry.ip ?? null,
    summary,
  });
}
