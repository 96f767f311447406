// How an organisation's own offer states its status: an offer closed past its end date reads
// "expired", not "closed", so its members know that a later end date opens it again. Pure.
import type { OfferCloseReason, OfferStatus } from "../domain/offers/offer-vocabulary";

export type OfferStatusKey = OfferStatus | "expired";

export function offerStatusKey(offer: { status: OfferStatus; closedReason: OfferCloseReason | null }): OfferStatusKey {
  return offer.status === "closed" && offer.closedReason === "expired" ? "expired" : offer.status;
}

export const OFFER_STATUS_STYLE: Readonly<Record<OfferStatusKey, string>> = {
  draft: "border-stone-300 bg-stone-50 text-stone-800",
  open: "border-emerald-300 bg-emerald-50 text-emerald-900",
  paused: "border-amber-300 bg-amber-50 text-amber-950",
  closed: "border-stone-400 bg-stone-100 text-stone-800",
  expired: "border-brand-700 bg-brand-50 text-brand-900",
};
