// Reading the audit log. The reader's scope is part of every query: a union admin or
// auditor sees the rows of their union's region and below, and the rows of their own union;
// a platform admin sees all. Rows with no region (an unknown email's failed sign-in) are theirs.
import type { SQL } from "drizzle-orm";
import { and, count, desc, eq, gte, lt, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { startOfChinaDay } from "../../ui/format-time";
import type { Actor } from "../auth/actor";
import { canReadAudit, staffRegion } from "../auth/permissions";
import { forbidden } from "../errors/domain-error";
import { inRegionScope } from "../regions/region-scope.server";
import type { AuditEntryRow } from "./audit-entry";
import type { AuditFilters } from "./audit-filters";

export const AUDIT_PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The rows this actor may read, as a condition (none for a platform admin: everything). */
function scopeOf(actor: Actor): SQL | undefined {
  if (!canReadAudit(actor)) throw forbidden();
  if (actor.isPlatformAdmin) return undefined;
  const region = staffRegion(actor);
  const organisationId = actor.membership?.organisationId;
  if (!region || !organisationId) throw forbidden();
  return or(inRegionScope(auditLog.regionCode, region), eq(auditLog.organisationId, organisationId));
}

function filterConditions(filters: AuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  // Part of the address, any case; strpos needs no escaping of % and _ as LIKE would.
  if (filters.actor) conditions.push(sql`strpos(lower(${auditLog.actorEmail}), ${filters.actor.toLowerCase()}) > 0`);
  if (filters.entity) conditions.push(eq(auditLog.entity, filters.entity));
  if (filters.entityId) conditions.push(eq(auditLog.entityId, filters.entityId));
  if (filters.from) conditions.push(gte(auditLog.occurredAt, startOfChinaDay(filters.from)));
  if (filters.to) conditions.push(lt(auditLog.occurredAt, new Date(startOfChinaDay(filters.to).getTime() + DAY_MS)));
  return conditions;
}

const columns = {
  id: sql<string>`${auditLog.id}::text`,
  occurredAt: auditLog.occurredAt,
  actorEmail: auditLog.actorEmail,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  regionCode: auditLog.regionCode,
  ip: auditLog.ip,
  summary: auditLog.summary,
};

/** One page of the rows the actor may read that match the filters, newest first. */
export async function listAuditEntries(options: { db: Database; actor: Actor; filters: AuditFilters }): Promise<{ entries: AuditEntryRow[]; total: number; page: number; pageCount: number }> {
  const where = and(scopeOf(options.actor), ...filterConditions(options.filters));
  const { page } = options.filters;
  const [entries, [total]] = await Promise.all([
    options.db
      .select(columns)
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE),
    options.db.select({ n: count() }).from(auditLog).where(where),
  ]);
  const totalCount = total?.n ?? 0;
  return { entries, total: totalCount, page, pageCount: Math.max(1, Math.ceil(totalCount / AUDIT_PAGE_SIZE)) };
}

/** The actions that occur in the rows the actor may read, for the filter's list. */
export async function listAuditActions(options: { db: Database; actor: Actor }): Promise<string[]> {
  const rows = await options.db.selectDistinct({ action: auditLog.action }).from(auditLog).where(scopeOf(options.actor)).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

/**
 * Every row the actor may read that matches the filters (all pages), newest first, in batches.
 * Keyset paging on (occurred_at, id) keeps each batch cheap however long the log is; the cursor's
 * time stays PostgreSQL text because a JS Date would drop the microseconds.
 */
export async function* eachAuditBatch(options: { db: Database; actor: Actor; filters: AuditFilters; batchSize?: number }): AsyncGenerator<AuditEntryRow[]> {
  const scope = scopeOf(options.actor);
  const conditions = filterConditions(options.filters);
  const batchSize = options.batchSize ?? 1000;
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const after: SQL | undefined = cursor ? sql`(${auditLog.occurredAt}, ${auditLog.id}) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : undefined;
    const rows = await options.db
      .select({ ...columns, cursorAt: sql<string>`${auditLog.occurredAt}::text` })
      .from(auditLog)
      .where(and(scope, ...conditions, after))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(batchSize);
    const last = rows.at(-1);
    if (!last) return;
    yield rows.map(({ cursorAt: _cursorAt, ...row }) => row);
    if (rows.length < batchSize) return;
    cursor = { at: last.cursorAt, id: last.id };
  }
}
