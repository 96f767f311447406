import { APPLICATION_STATUSES, CONSENT_SCOPES, VISIT_KINDS } from "../../app/domain/cases/case-records-vocabulary";
import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bytea, oneOf, sqlList, timestamps } from "./columns";
import { cases } from "./cases";
import { regions } from "./regions";

/**
 * The household's recorded consent (DESIGN §3.4): when it was given, what it covers, who witnessed
 * it. A withdrawal is recorded on the row; `cases.consent` mirrors whether a live consent covers
 * publishing. Rows are not deleted.
 */
export const caseConsents = pgTable(
  "case_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    givenOn: date("given_on").notNull(),
    covers: text("covers").array().notNull(),
    /** The member of staff or other person who witnessed it (not the household). */
    witnessedBy: text("witnessed_by").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("case_consents_case_idx").on(t.caseId, t.createdAt),
    check("case_consents_covers_valid", sql`${t.covers} <@ array[${sqlList(CONSENT_SCOPES)}]::text[] and cardinality(${t.covers}) > 0`),
  ],
);

/** 走访 / 回访: a visit to the household, its notes and the next follow-up date. */
export const caseVisits = pgTable(
  "case_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind", { enum: VISIT_KINDS }).notNull(),
    visitedOn: date("visited_on").notNull(),
    notes: text("notes").notNull(),
    nextFollowUpOn: date("next_follow_up_on"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_visits_case_idx").on(t.caseId, t.visitedOn), oneOf("case_visits_kind_valid", t.kind, VISIT_KINDS)],
);

/**
 * An application for help made online without an account. Its identity fields are protected
 * exactly like a case's (encrypted, HMAC of the resident ID); the phone's HMAC lets the applicant
 * check the status with the application number and their phone number.
 */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Shown to the applicant: A- and 7 characters, random. */
    number: text("number").notNull().unique("applications_number_key"),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    nameEnc: bytea("name_enc").notNull(),
    idNumberEnc: bytea("id_number_enc").notNull(),
    phoneEnc: bytea("phone_enc").notNull(),
    idHash: bytea("id_hash").notNull(),
    phoneHash: bytea("phone_hash").notNull(),
    whatHappened: text("what_happened").notNull(),
    helpNeeded: text("help_needed").notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("new"),
    /** Shown to the applicant when declined. */
    declineReason: text("decline_reason"),
    caseId: uuid("case_id").references(() => cases.id),
    handledBy: uuid("handled_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("applications_queue_idx").on(t.regionCode, t.status, t.createdAt),
    oneOf("applications_status_valid", t.status, APPLICATION_STATUSES),
    check("applications_declined_has_reason", sql`${t.status} <> 'declined' or ${t.declineReason} is not null`),
    check("applications_done_has_case", sql`${t.status} not in ('accepted', 'merged') or ${t.caseId} is not null`),
  ],
);
