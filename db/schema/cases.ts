import { CASE_STATUSES, CASE_TIERS, HARDSHIP_CAUSES, SEXES } from "../../app/domain/cases/case-vocabulary";
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { bytea, money, oneOf, sqlList, timestamps } from "./columns";
import { organisations } from "./organisations";
import { regions } from "./regions";

/**
 * 建档立卡 households. The four identity fields are AES-256-GCM ciphertext (app/domain/privacy);
 * `idHash` is an HMAC of the normalised resident ID, unique across the whole platform.
 * Public code never selects this table's identity columns.
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** How staff name the case: county code, year of registration (Beijing), sequence (532923-2026-0042). */
    caseNumber: text("case_number").notNull().unique("cases_case_number_key"),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    headNameEnc: bytea("head_name_enc").notNull(),
    headIdNumberEnc: bytea("head_id_number_enc").notNull(),
    headPhoneEnc: bytea("head_phone_enc").notNull(),
    headAddressEnc: bytea("head_address_enc").notNull(),
    idHash: bytea("id_hash").notNull().unique("cases_id_hash_key"),
    birthYear: integer("birth_year").notNull(),
    sex: text("sex", { enum: SEXES }).notNull(),
    householdSize: integer("household_size").notNull(),
    monthlyIncomePerHead: money("monthly_income_per_head").notNull(),
    causes: text("causes").array().notNull(),
    tier: text("tier", { enum: CASE_TIERS }).notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("registered"),
    consent: boolean("consent").notNull().default(false),
    followUpOn: date("follow_up_on"),
    importKey: text("import_key").unique(),
    ...timestamps,
  },
  (t) => [
    index("cases_organisation_idx").on(t.organisationId),
    oneOf("cases_sex_valid", t.sex, SEXES),
    oneOf("cases_tier_valid", t.tier, CASE_TIERS),
    oneOf("cases_status_valid", t.status, CASE_STATUSES),
    check("cases_causes_valid", sql`${t.causes} <@ array[${sqlList(HARDSHIP_CAUSES)}]::text[]`),
    // Region scopes are code prefixes (starts_with): text_pattern_ops lets a btree serve them under
    // any database collation (a plain one does only under "C"), and the day bounds a report's period.
    index("cases_region_created_idx").on(t.regionCode.op("text_pattern_ops"), t.createdAt),
    check("cases_household_size_positive", sql`${t.householdSize} > 0`),
    check("cases_income_not_negative", sql`${t.monthlyIncomePerHead} >= 0`),
    check("cases_case_number_format", sql`${t.caseNumber} ~ '^[0-9]{6}-[0-9]{4}-[0-9]{4,}$'`),
  ],
);

/**
 * The last case number given per county and year. It only moves forward, so a number is never
 * given twice; the row lock it takes orders concurrent registrations of one county.
 */
export const caseNumberCounters = pgTable(
  "case_number_counters",
  {
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    year: integer("year").notNull(),
    lastNumber: integer("last_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] }), check("case_number_counters_positive", sql`${t.lastNumber} > 0`)],
);
