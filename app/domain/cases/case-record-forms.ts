// The forms of a case page (/staff/cases/:id), one schema each for browser and server (Conform):
// reveal the identity, record or withdraw consent, log a visit, move the status. Each carries an
// `intent` so one action can tell them apart. Messages are i18n keys of the "cases" namespace.
import { z } from "zod";
import { CONSENT_SCOPES, REVEAL_REASONS, VISIT_KINDS } from "./case-records-vocabulary";
import { CASE_STATUSES } from "./case-vocabulary";

export const CASE_INTENTS = ["reveal", "consent-record", "consent-withdraw", "visit", "status"] as const;
export type CaseIntent = (typeof CASE_INTENTS)[number];

export function isCaseIntent(value: unknown): value is CaseIntent {
  return typeof value === "string" && (CASE_INTENTS as readonly string[]).includes(value);
}

/** Today's date in China ("2026-05-01"), where the unions work, whatever the machine's zone. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

const day = (key: string) => z.iso.date(`cases:errors.${key}`);
const notInFuture = (key: string) => day(key).refine((value) => value <= chinaToday(), `cases:errors.${key}Future`);

export const revealSchema = z.object({
  intent: z.literal("reveal"),
  reason: z.enum(REVEAL_REASONS, "cases:errors.reasonRequired"),
});

export const consentSchema = z.object({
  intent: z.literal("consent-record"),
  givenOn: notInFuture("givenOn"),
  covers: z.array(z.enum(CONSENT_SCOPES, "cases:errors.coversRequired"), "cases:errors.coversRequired").min(1, "cases:errors.coversRequired"),
  witnessedBy: z.string("cases:errors.witnessRequired").trim().min(1, "cases:errors.witnessRequired").max(80, "cases:errors.max80"),
});

export const withdrawConsentSchema = z.object({
  intent: z.literal("consent-withdraw"),
});

export const visitSchema = z
  .object({
    intent: z.literal("visit"),
    kind: z.enum(VISIT_KINDS, "cases:errors.visitKindRequired"),
    visitedOn: notInFuture("visitedOn"),
    notes: z.string("cases:errors.notesRequired").trim().min(1, "cases:errors.notesRequired").max(4000, "cases:errors.max4000"),
    nextFollowUpOn: day("followUpOn").optional(),
  })
  .superRefine((visit, ctx) => {
    if (typeof visit.visitedOn === "string" && visit.nextFollowUpOn && visit.nextFollowUpOn <= visit.visitedOn) {
      ctx.addIssue({ code: "custom", path: ["nextFollowUpOn"], message: "cases:errors.followUpAfterVisit" });
    }
  });

export const statusSchema = z
  .object({
    intent: z.literal("status"),
    /** The status the form was drawn for: a stale form (someone moved the case meanwhile) is a 409. */
    from: z.enum(CASE_STATUSES),
    to: z.enum(CASE_STATUSES),
    followUpOn: day("followUpOn").optional(),
  })
  .superRefine((move, ctx) => {
    // An exited household stays monitored (动态监测): it must have its next follow-up date.
    if (move.to === "exited" && !move.followUpOn) ctx.addIssue({ code: "custom", path: ["followUpOn"], message: "cases:errors.followUpRequired" });
    if (move.followUpOn && move.followUpOn < chinaToday()) ctx.addIssue({ code: "custom", path: ["followUpOn"], message: "cases:errors.followUpPast" });
  });

export type ConsentForm = z.output<typeof consentSchema>;
export type VisitForm = z.output<typeof visitSchema>;
export type StatusForm = z.output<typeof statusSchema>;
