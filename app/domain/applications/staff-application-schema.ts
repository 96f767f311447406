// The forms on a staff member's application page, one schema each for Conform; the
// server parses their union by `intent`. Messages are i18n keys of the "applications" namespace.
import { z } from "zod";
import { parseCaseNumber } from "../cases/case-number";
import { REVEAL_REASONS } from "../cases/case-records-vocabulary";

export const DECLINE_REASON_LENGTH = { min: 5, max: 500 } as const;

export const revealSchema = z.object({ intent: z.literal("reveal"), reason: z.enum(REVEAL_REASONS, "applications:errors.revealReasonRequired") });

export const contactedSchema = z.object({ intent: z.literal("contacted") });

export const mergeSchema = z.object({
  intent: z.literal("merge"),
  // The case number the case pages show (532923-2026-0042), the full id, or the older 8-character short id.
  caseReference: z
    .string("applications:errors.caseReferenceInvalid")
    .trim()
    .max(64, "applications:errors.caseReferenceInvalid")
    .refine(
      (v) => parseCaseNumber(v) !== null || /^([0-9a-f]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.test(v),
      "applications:errors.caseReferenceInvalid",
    ),
});

export const declineSchema = z.object({
  intent: z.literal("decline"),
  reason: z
    .string("applications:errors.declineReasonTooShort")
    .trim()
    .min(DECLINE_REASON_LENGTH.min, "applications:errors.declineReasonTooShort")
    .max(DECLINE_REASON_LENGTH.max, "applications:errors.declineReasonTooLong"),
});

export const applicationActionSchema = z.discriminatedUnion("intent", [revealSchema, contactedSchema, mergeSchema, declineSchema]);

export type ApplicationAction = z.output<typeof applicationActionSchema>;
