// Writes one row of the append-only audit log, in the caller's transaction, so an action and its
// record commit or fail together. Summaries name fields and states, never identity values.
import type { Database, Transaction } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import type { Actor } from "../auth/actor";
import type { AuditAction } from "./audit-actions";

/**
 * Someone at the server's command line (`npm run cli`): no account, known by the operating-system
 * user and host. Logged with no user id and `cli:<user>@<host>` where an account's email would be.
 */
export interface OperatorActor {
  kind: "operator";
  osUser: string;
  host: string;
}

/** Who an audit row names: a signed-in account, or an operator at the command line. */
export type AuditActor = Pick<Actor, "userId" | "email"> | OperatorActor;

export interface AuditEntry {
  /** Null for an anonymous visitor (a failed sign-in, a public form). */
  actor: AuditActor | null;
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

function isOperator(actor: AuditActor): actor is OperatorActor {
  return "kind" in actor && actor.kind === "operator";
}

/** How an operator appears in the log's actor column. */
export function operatorLabel(actor: OperatorActor): string {
  return `cli:${actor.osUser}@${actor.host}`;
}

/** The audit row an entry is written as (for a writer that inserts it within a statement of its own). */
export function auditRowOf(entry: AuditEntry) {
  const summary = entry.before || entry.after || entry.note ? { before: entry.before, after: entry.after, note: entry.note } : null;
  return {
    actorUserId: entry.actor && !isOperator(entry.actor) ? entry.actor.userId : null,
    actorEmail: entry.actor ? (isOperator(entry.actor) ? operatorLabel(entry.actor) : entry.actor.email) : null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    organisationId: entry.organisationId ?? null,
    regionCode: entry.regionCode ?? null,
    ip: entry.ip ?? null,
    summary,
  } satisfies typeof auditLog.$inferInsert;
}

export async function recordAudit(db: Database | Transaction, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRowOf(entry));
}
