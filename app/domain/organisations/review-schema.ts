// The two forms a union admin reviews a registration with: verify, or reject with a
// reason the applicant reads. One schema per form for Conform; the server parses their union.
import { z } from "zod";

export const REJECTION_REASON_LENGTH = { min: 5, max: 500 } as const;

export const verifySchema = z.object({ decision: z.literal("verify") });

export const rejectSchema = z.object({
  decision: z.literal("reject"),
  reason: z
    .string("organisations:errors.reasonTooShort")
    .trim()
    .min(REJECTION_REASON_LENGTH.min, "organisations:errors.reasonTooShort")
    .max(REJECTION_REASON_LENGTH.max, "organisations:errors.reasonTooLong"),
});

export const reviewSchema = z.discriminatedUnion("decision", [verifySchema, rejectSchema]);

export type ReviewDecision = z.output<typeof reviewSchema>;
