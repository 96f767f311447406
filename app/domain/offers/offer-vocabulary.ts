export const OFFER_STATUSES = ["draft", "open", "paused", "closed"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * What kind of resource an offer is; each type has its own details (offer-details.ts). The category
 * says what it helps with (a course for a job need is type `course`, category `training` or `job`).
 */
export const OFFER_TYPES = ["vacancy", "course", "grant", "service", "entitlement", "goods"] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

/**
 * Why a closed offer closed: by its organisation, or past its end date. An offer with no capacity
 * left stays open (its organisation may add seats) but is no longer listed or suggested.
 */
export const OFFER_CLOSE_REASONS = ["closed", "expired"] as const;
export type OfferCloseReason = (typeof OFFER_CLOSE_REASONS)[number];
