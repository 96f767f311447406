// The provider's forms on matches, one schema each for Conform, shared by browser and server:
// "we can help" on a need's public page, and the answers on a match (accept, decline with a
// reason, fulfilled or failed with an outcome note). Messages are i18n keys: the need page's in
// `common`, the match page's in `matches`.
import { z } from "zod";

export const MATCH_MESSAGE_LENGTH = { min: 5, max: 1000 } as const;
export const MATCH_NOTE_LENGTH = { min: 2, max: 1000 } as const;

export const requestMatchSchema = z.object({
  intent: z.literal("request-match"),
  offer: z.string("weCanHelp.errors.offerRequired").trim().regex(/^O-[2-9A-HJKMNP-TV-Z]{7}$/, "weCanHelp.errors.offerRequired"),
  message: z
    .string("weCanHelp.errors.messageTooShort")
    .trim()
    .min(MATCH_MESSAGE_LENGTH.min, "weCanHelp.errors.messageTooShort")
    .max(MATCH_MESSAGE_LENGTH.max, "weCanHelp.errors.messageTooLong"),
});

const note = (required: string) =>
  z.string(required).trim().min(MATCH_NOTE_LENGTH.min, required).max(MATCH_NOTE_LENGTH.max, "matches:provider.errors.tooLong");

export const acceptMatchSchema = z.object({ intent: z.literal("accept") });
export const declineMatchSchema = z.object({ intent: z.literal("decline"), reason: note("matches:provider.errors.reasonRequired") });
/** One outcome note, two buttons: the match was fulfilled, or it failed. */
export const finishMatchSchema = z.object({ intent: z.enum(["fulfil", "fail"]), note: note("matches:provider.errors.noteRequired") });

export const PROVIDER_MATCH_INTENTS = ["accept", "decline", "fulfil", "fail"] as const;
export type ProviderMatchIntent = (typeof PROVIDER_MATCH_INTENTS)[number];

export function isProviderMatchIntent(value: unknown): value is ProviderMatchIntent {
  return typeof value === "string" && (PROVIDER_MATCH_INTENTS as readonly string[]).includes(value);
}
