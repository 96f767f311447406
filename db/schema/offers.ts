import { NEED_CATEGORIES } from "../../app/domain/needs/need-category";
import type { OfferDetails } from "../../app/domain/offers/offer-details";
import { OFFER_CLOSE_REASONS, OFFER_STATUSES, OFFER_TYPES } from "../../app/domain/offers/offer-vocabulary";
import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { money, oneOf, sqlList, timestamps } from "./columns";
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
    /** Vacancy, course, grant, service, entitlement or goods: which details it carries. */
    offerType: text("offer_type", { enum: OFFER_TYPES }).notNull().default("service"),
    /** The type's own public details (pay range, schedule, who qualifies …), checked by offer-details.ts. */
    details: jsonb("details").$type<OfferDetails>().notNull().default(sql`'{}'::jsonb`),
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
    /** Set while closed: by its organisation, or past its end date. */
    closedReason: text("closed_reason", { enum: OFFER_CLOSE_REASONS }),
    /** The member who created it; null for imported offers. */
    createdBy: uuid("created_by"),
    version: integer("version").notNull().default(1),
    importKey: text("import_key").unique(),
    ...timestamps,
  },
  (t) => [
    index("offers_organisation_idx").on(t.organisationId),
    oneOf("offers_category_valid", t.category, NEED_CATEGORIES),
    oneOf("offers_status_valid", t.status, OFFER_STATUSES),
    oneOf("offers_type_valid", t.offerType, OFFER_TYPES),
    check("offers_closed_reason", sql`(${t.status} = 'closed') = (${t.closedReason} is not null)`),
    check("offers_closed_reason_valid", sql`${t.closedReason} is null or ${t.closedReason} in (${sqlList(OFFER_CLOSE_REASONS)})`),
    index("offers_status_idx").on(t.status, t.updatedAt),
    check("offers_capacity_range", sql`${t.remainingCapacity} >= 0 and ${t.remainingCapacity} <= ${t.capacity}`),
    check("offers_amount_positive", sql`${t.amount} is null or ${t.amount} > 0`),
    check("offers_valid_range", sql`${t.validFrom} is null or ${t.validUntil} is null or ${t.validFrom} <= ${t.validUntil}`),
  ],
);
