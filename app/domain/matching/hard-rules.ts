// The hard rules of matching (DESIGN §4): a pair that breaks one is never suggested, requested,
// proposed or accepted, whatever its score. The engine puts them in its Meilisearch filter (and in
// SQL when it falls back to PostgreSQL) and checks them again here on the database rows. Pure.
import type { NeedCategory, NeedStatus } from "../needs/need-category";
import type { OfferStatus } from "../offers/offer-vocabulary";
import { offerCategoriesFor } from "./category-compatibility";
import { beijingDay } from "../pledges/beijing-day";

export const HARD_RULES = [
  "need-not-public",
  "offer-not-open",
  "offer-not-yet-valid",
  "offer-expired",
  "offer-full",
  "organisation-unverified",
  "region-not-covered",
  "category-incompatible",
] as const;
export type HardRule = (typeof HARD_RULES)[number];

export interface HardRuleNeed {
  category: NeedCategory;
  /** The need's county (6 digits). */
  regionCode: string;
  status: NeedStatus;
}

export interface HardRuleOffer {
  category: NeedCategory;
  status: OfferStatus;
  remainingCapacity: number;
  /** ISO dates (YYYY-MM-DD) or null for "no limit". */
  validFrom: string | null;
  validUntil: string | null;
  /** Regions covered: a province (2 digits), a prefecture (4) or a county (6). */
  regionCodes: readonly string[];
  organisationVerified: boolean;
}

/**
 * GB/T 2260 codes nest by prefix and their length is their level, so an offer for 53 covers
 * 532923 and one for 5329 covers every county of Dali.
 */
export function coversRegion(offerRegionCodes: readonly string[], regionCode: string): boolean {
  return offerRegionCodes.some((code) => regionCode.startsWith(code));
}

/** The rules an offer breaks on its own, whatever the need (the offer side of hardRuleFailures). */
export function offerRuleFailures(offer: Omit<HardRuleOffer, "category" | "regionCodes">, today: string): HardRule[] {
  const failures: HardRule[] = [];
  if (offer.status !== "open") failures.push("offer-not-open");
  // ISO dates compare as text.
  if (offer.validFrom !== null && offer.validFrom > today) failures.push("offer-not-yet-valid");
  if (offer.validUntil !== null && offer.validUntil < today) failures.push("offer-expired");
  if (offer.remainingCapacity <= 0) failures.push("offer-full");
  if (!offer.organisationVerified) failures.push("organisation-unverified");
  return failures;
}

/** Why this need and this offer may not be matched; [] when they may. `today` is YYYY-MM-DD in Asia/Shanghai. */
export function hardRuleFailures(need: HardRuleNeed, offer: HardRuleOffer, today: string): HardRule[] {
  const failures: HardRule[] = [];
  if (need.status !== "published" && need.status !== "matched") failures.push("need-not-public");
  failures.push(...offerRuleFailures(offer, today));
  if (!coversRegion(offer.regionCodes, need.regionCode)) failures.push("region-not-covered");
  if (!offerCategoriesFor(need.category).includes(offer.category)) failures.push("category-incompatible");
  return failures;
}

/** Today's date in Asia/Shanghai (the site's day), as YYYY-MM-DD. */
export function matchingToday(now: Date = new Date()): string {
  // One formatter for the process (building one per call was ≈ 1.4 % of a need page's CPU).
  return beijingDay(now);
}
