import { NEED_CATEGORIES } from "../../app/domain/needs/need-category";
import { OFFER_STATUSES } from "../../app/domain/offers/offer-vocabulary";
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { money, oneOf, timestamps } from "./columns";
import { organisations } from "./organisations";

/** A resource from an organisation: a vacancy, course, grant, service or public entitlement. */
export const offers = pgTable(
  "offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ref: text("ref").notNull().unique(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    category: text("category", { enum: NEED_CATEGORIES }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** Region codes covered; an offer for 53 covers 532923. */
    regionCodes: text("region_codes").array().notNull(),
    capacity: integer("capacity").notNull(),
    remainingCapacity: integer("remaining_capacity").notNull(),
    amount: money("amount"),
    validFrom: date("valid_from"),
    validUntil: date("valid_until"),
    status: text("status", { enum: OFFER_STATUSES }).notNull().default("draft"),
    version: integer("version").notNull().default(1),
    importKey: text("import_key").unique(),
    ...timestamps,
  },
  (t) => [
    index("offers_organisation_idx").on(t.organisationId),
    oneOf("offers_category_valid", t.category, NEED_CATEGORIES),
    oneOf("offers_status_valid", t.status, OFFER_STATUSES),
    index("offers_status_idx").on(t.status, t.updatedAt),
    check("offers_capacity_range", sql`${t.remainingCapacity} >= 0 and ${t.remainingCapacity} <= ${t.capacity}`),
    check("offers_amount_positive", sql`${t.amount} is null or ${t.amount} > 0`),
    check("offers_valid_range", sql`${t.validFrom} is null or ${t.validUntil} is null or ${t.validFrom} <= ${t.validUntil}`),
  ],
);
