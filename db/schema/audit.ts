import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Who did what to which record, when and from where. Append-only: a trigger in the
 * migration refuses UPDATE, DELETE and TRUNCATE. Written in the transaction of the action it records.
 * `regionCode` is the region the record belongs to, so auditors see the log of their scope.
 * The summary never holds identity values (names, ID numbers, phones, addresses) or secrets.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    /** The actor's email at the time (users can change); null for an anonymous visitor or the system. */
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    organisationId: uuid("organisation_id"),
    regionCode: text("region_code"),
    ip: text("ip"),
    summary: jsonb("summary").$type<{ before?: Record<string, unknown>; after?: Record<string, unknown>; note?: string }>(),
  },
  (t) => [
    index("audit_log_occurred_idx").on(t.occurredAt),
    index("audit_log_region_idx").on(t.regionCode, t.occurredAt),
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    // One action's rows in a region and period (a report's exits and relapses, from `case.status`);
    // text_pattern_ops so a region prefix (starts_with) uses it under any collation.
    index("audit_log_action_region_idx").on(t.action, t.regionCode.op("text_pattern_ops"), t.occurredAt),
  ],
);
