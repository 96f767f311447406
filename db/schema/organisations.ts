import { ORGANISATION_KINDS, ORGANISATION_STATUSES } from "../../app/domain/organisations/organisation-vocabulary";
import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
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
    importKey: text("import_key").unique(),
    ...timestamps,
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
    index("organisations_region_idx").on(t.regionCode),
    oneOf("organisations_kind_valid", t.kind, ORGANISATION_KINDS),
    oneOf("organisations_status_valid", t.status, ORGANISATION_STATUSES),
    check("organisations_parent_is_for_unions", sql`${t.parentId} is null or ${t.kind} = 'union'`),
  ],
);
