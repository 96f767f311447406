import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { oneOf } from "./columns";

/**
 * Transactional outbox for the search index (DESIGN §4): the transaction that changes what is
 * public inserts a row here; a worker re-reads the current projection and upserts or deletes it.
 */
export const searchOutbox = pgTable(
  "search_outbox",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    entity: text("entity", { enum: ["need", "offer"] }).notNull(),
    ref: text("ref").notNull(),
    status: text("status", { enum: ["pending", "done", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    index("search_outbox_pending_idx").on(t.status, t.nextAttemptAt),
    oneOf("search_outbox_entity_valid", t.entity, ["need", "offer"]),
    oneOf("search_outbox_status_valid", t.status, ["pending", "done", "dead"]),
  ],
);
