import { NEED_CATEGORIES, NEED_STATUSES } from "../../app/domain/needs/need-category";
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { money, oneOf, timestamps } from "./columns";
import { cases } from "./cases";
import { regions } from "./regions";

/** One item of a case's plan (一户一策), and the public face of the case once published. */
export const needs = pgTable(
  "needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Public reference, random (N-7K3Q9M), never derived from the row id. */
    ref: text("ref").notNull().unique(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** County of the case, copied so public queries never join the case table's identity columns. */
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    category: text("category", { enum: NEED_CATEGORIES }).notNull(),
    title: text("title").notNull(),
    story: text("story").notNull(),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    targetAmount: money("target_amount"),
    status: text("status", { enum: NEED_STATUSES })
      .notNull()
      .default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** Bumped on every change that reaches the public projection; lets the index be compared with the database. */
    version: integer("version").notNull().default(1),
    importKey: text("import_key").unique(),
    ...timestamps,
  },
  (t) => [
    index("needs_case_idx").on(t.caseId),
    oneOf("needs_category_valid", t.category, NEED_CATEGORIES),
    oneOf("needs_status_valid", t.status, NEED_STATUSES),
    index("needs_public_idx").on(t.status, t.publishedAt),
    // Public needs newest first (the home page, the listing's first pages): read in index order, a
    // page at a time, instead of sorting every public need for each page.
    index("needs_public_newest_idx").on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.status} in ('published', 'matched')`),
    // A region's needs by publication, for reports (a prefix scope: see cases_region_created_idx).
    index("needs_region_published_idx").on(t.regionCode.op("text_pattern_ops"), t.publishedAt),
    check("needs_target_positive", sql`${t.targetAmount} is null or ${t.targetAmount} > 0`),
    check("needs_published_has_date", sql`${t.status} not in ('published', 'matched') or ${t.publishedAt} is not null`),
  ],
);
