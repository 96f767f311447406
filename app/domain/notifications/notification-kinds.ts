// What a person can be told about (a notification's `kind`), each with its message in both languages
// (locales/<lng>/notifications.json, `kind.<kind>`). Params fill the message: match, need and offer
// references and the offer's public title — never an identity value. Pure.
export const NOTIFICATION_KINDS = [
  "match-requested",
  "match-proposed",
  "match-accepted",
  "match-declined",
  "match-fulfilled",
  "match-failed",
  "match-withdrawn",
  "match-withdrawn-consent",
  "need-fulfilled",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The only params a notification may carry: references and public titles. */
export const NOTIFICATION_PARAMS = ["match", "need", "offer", "offerTitle"] as const;
export type NotificationParams = Partial<Record<(typeof NOTIFICATION_PARAMS)[number], string>>;
