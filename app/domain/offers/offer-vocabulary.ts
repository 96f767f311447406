export const OFFER_STATUSES = ["draft", "open", "paused", "closed"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
