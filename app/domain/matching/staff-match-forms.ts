// The caseworker's forms on matches, one schema each for Conform, shared by browser and server:
// propose an offer (from a suggestion, with an optional message), approve or decline a provider's
// request, withdraw a match with a note, and mark a need fulfilled from a fulfilled match. Error
// messages are i18n keys in `matches`.
import { z } from "zod";
import { MATCH_NOTE_LENGTH } from "./provider-match-forms";

const REFERENCE = /[2-9A-HJKMNP-TV-Z]{7}$/;
const offerRef = z.string().trim().regex(new RegExp(`^O-${REFERENCE.source}`));
const matchRef = z.string().trim().regex(new RegExp(`^M-${REFERENCE.source}`));
const needRef = z.string().trim().regex(new RegExp(`^N-${REFERENCE.source}`));
const note = (required: string) =>
  z.string(required).trim().min(MATCH_NOTE_LENGTH.min, required).max(MATCH_NOTE_LENGTH.max, "matches:staff.errors.tooLong");

/** From the need's page (an offer) or the offer's page (a need): the other side of the pair is the page's. */
export const proposeSchema = z.object({
  intent: z.literal("propose"),
  offerRef: offerRef.optional(),
  needRef: needRef.optional(),
  message: z.string().trim().max(MATCH_NOTE_LENGTH.max, "matches:staff.errors.tooLong").optional(),
});
export const approveSchema = z.object({ intent: z.literal("approve"), matchRef });
export const declineSchema = z.object({ intent: z.literal("decline"), matchRef, reason: note("matches:staff.errors.reasonRequired") });
export const withdrawSchema = z.object({ intent: z.literal("withdraw"), matchRef, note: note("matches:staff.errors.noteRequired") });
export const fulfilNeedSchema = z.object({ intent: z.literal("fulfil-need"), matchRef });

export const staffMatchActionSchema = z.discriminatedUnion("intent", [proposeSchema, approveSchema, declineSchema, withdrawSchema, fulfilNeedSchema]);
export type StaffMatchAction = z.output<typeof staffMatchActionSchema>;
export const STAFF_MATCH_INTENTS = ["propose", "approve", "decline", "withdraw", "fulfil-need"] as const;
export type StaffMatchIntent = (typeof STAFF_MATCH_INTENTS)[number];

export function isStaffMatchIntent(value: unknown): value is StaffMatchIntent {
  return typeof value === "string" && (STAFF_MATCH_INTENTS as readonly string[]).includes(value);
}
