// The moves an offer's organisation makes (DESIGN §2: draft → open → paused → closed): a draft is
// opened (published) or discarded, an open offer paused or closed, a paused one reopened or closed,
// a closed one reopened while its end date has not passed. Expiry is the job's move, not theirs. Pure.
import type { OfferStatus } from "./offer-vocabulary";

export type OfferMove = "open" | "paused" | "closed";

const MOVES: Readonly<Record<OfferStatus, readonly OfferMove[]>> = {
  draft: ["open", "closed"],
  open: ["paused", "closed"],
  paused: ["open", "closed"],
  closed: ["open"],
};

export function canMoveOffer(from: OfferStatus, to: OfferMove): boolean {
  return MOVES[from].includes(to);
}

/** The moves offered from a status, in button order. */
export function offerMovesFrom(from: OfferStatus): readonly OfferMove[] {
  return MOVES[from];
}

/** Past its end date on `today` (YYYY-MM-DD, Asia/Shanghai): the last valid day is validUntil itself. */
export function isPastEnd(validUntil: string | null, today: string): boolean {
  return validUntil !== null && validUntil < today;
}

/** The audit code of a move. */
export const OFFER_MOVE_AUDIT = { open: "offer.open", paused: "offer.pause", closed: "offer.close" } as const;
