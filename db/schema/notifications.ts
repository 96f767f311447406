import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { matches } from "./matches";

/**
 * What a person is told in the site (a list with an unread count) and by email. `params` fill the
 * message's translation (refs, titles of public records, a status): never an identity value.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    matchId: uuid("match_id").references(() => matches.id),
    params: jsonb("params").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** Where the notification leads in the site (a path). */
    href: text("href"),
    readAt: timestamp("read_at", { withTimezone: true }),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt), index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`)],
);
