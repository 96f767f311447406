import { MATCH_ORIGINS, MATCH_STATUSES } from "../../app/domain/matching/match-status";
import { sql } from "drizzle-orm";
import { bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { oneOf, timestamps } from "./columns";
import { needs } from "./needs";
import { offers } from "./offers";
import { users } from "./accounts";

/**
 * A need paired with an offer (DESIGN §2). The union's caseworker mediates: the provider sees the
 * need's public projection and, once it accepts, the caseworker's contact — never the worker's.
 */
export const matches = pgTable(
  "matches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Public reference, random (M-7K3Q9M). */
    ref: text("ref").notNull().unique(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id),
    offerId: uuid("offer_id")
      .notNull()
      .references(() => offers.id),
    origin: text("origin", { enum: MATCH_ORIGINS }).notNull(),
    status: text("status", { enum: MATCH_STATUSES }).notNull(),
    /** The provider's message with a request, or the caseworker's with a proposal. */
    message: text("message"),
    /** The suggestion's score and reasons when it was proposed from one (reasons as shown, zh-CN keys resolved later). */
    score: text("score"),
    reasons: text("reasons").array().notNull().default(sql`'{}'::text[]`),
    /** Who asked or proposed. */
    createdBy: uuid("created_by").references(() => users.id),
    /** The union's contact for this match: the caseworker who proposed or reviewed it. */
    caseworkerId: uuid("caseworker_id").references(() => users.id),
    /** Why the provider declined (or staff declined a request). */
    declineReason: text("decline_reason"),
    /** What came of it, when fulfilled or failed. */
    outcomeNote: text("outcome_note"),
    /** When the status last changed: "waiting for 9 days" counts from here. */
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    oneOf("matches_status_valid", t.status, MATCH_STATUSES),
    oneOf("matches_origin_valid", t.origin, MATCH_ORIGINS),
    // One match in play per need and offer; a declined or finished one may be followed by another.
    uniqueIndex("matches_open_pair_idx")
      .on(t.needId, t.offerId)
      .where(sql`${t.status} in ('requested', 'proposed', 'accepted')`),
    index("matches_need_idx").on(t.needId),
    index("matches_offer_idx").on(t.offerId, t.status),
    index("matches_status_idx").on(t.status, t.statusChangedAt),
    check("matches_declined_has_reason", sql`${t.status} <> 'declined' or ${t.declineReason} is not null`),
    check("matches_finished_has_outcome", sql`${t.status} not in ('fulfilled', 'failed') or ${t.outcomeNote} is not null`),
  ],
);

/** Every move of a match, with who made it, when and why. Append-only (a trigger refuses changes). */
export const matchEvents = pgTable(
  "match_events",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    matchId: uuid("match_id")
      .notNull()
      .references(() => matches.id),
    fromStatus: text("from_status", { enum: MATCH_STATUSES }),
    toStatus: text("to_status", { enum: MATCH_STATUSES }).notNull(),
    /** Null for the system (an offer that expired, a consent withdrawn in an import). */
    actorUserId: uuid("actor_user_id").references(() => users.id),
    note: text("note"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("match_events_match_idx").on(t.matchId, t.occurredAt)],
);
