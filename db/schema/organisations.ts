import { ORGANISATION_KINDS, ORGANISATION_STATUSES } from "../../app/domain/organisations/organisation-vocabulary";
import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { oneOf, timestamps } from "./columns";
import { regions } from "./regions";

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    name: text("name").notNull(),
    description: text("description"),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    /** The union above this one; null for a top-level union and for non-union organisations. */
    parentId: uuid("parent_id"),
    status: text("status", { enum: ORGANISATION_STATUSES }).notNull().default("pending"),
    /** Private contact of a registered organisation, for the union admin who reviews it; never public. */
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    website: text("website"),
    /** Shown to the applicant when a union admin rejects the registration. */
    rejectionReason: text("rejection_reason"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by"),
    importKey: text("import_key").unique(),
    ...timestamps,
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
    index("organisations_region_idx").on(t.regionCode),
    oneOf("organisations_kind_valid", t.kind, ORGANISATION_KINDS),
    oneOf("organisations_status_valid", t.status, ORGANISATION_STATUSES),
    check("organisations_parent_is_for_unions", sql`${t.parentId} is null or ${t.kind} = 'union'`),
    check("organisations_rejection_has_reason", sql`${t.status} <> 'rejected' or ${t.rejectionReason} is not null`),
  ],
);
