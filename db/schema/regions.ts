import { index, pgTable, text } from "drizzle-orm/pg-core";
import { oneOf } from "./columns";

/** GB/T 2260 administrative divisions: province (2 digits), prefecture (4), county (6). */
export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    level: text("level", { enum: ["province", "prefecture", "county"] }).notNull(),
    parentCode: text("parent_code"),
    /** Ancestor codes including this one, province first. */
    path: text("path").array().notNull(),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode), oneOf("regions_level_valid", t.level, ["province", "prefecture", "county"])],
);
