// The lifecycle of a match (DESIGN §2): a provider asks (`requested`) or staff propose (`proposed`);
// the provider accepts, consuming one unit of the offer's capacity, or declines; an accepted match
// ends `fulfilled` or `failed`. Staff may withdraw an open match, and every open match of a need
// that ends (withdrawn, expired, fulfilled) is withdrawn with it. Pure; every move is an event (match_events).
export const MATCH_STATUSES = ["requested", "proposed", "accepted", "declined", "withdrawn", "fulfilled", "failed"] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** How a match began: a provider's "we can help", or a caseworker's proposal. */
export const MATCH_ORIGINS = ["requested", "proposed"] as const;
export type MatchOrigin = (typeof MATCH_ORIGINS)[number];

const NEXT: Record<MatchStatus, readonly MatchStatus[]> = {
  // Staff review a provider's request: proposing it back to the provider is the approval.
  requested: ["proposed", "declined", "withdrawn"],
  proposed: ["accepted", "declined", "withdrawn"],
  accepted: ["fulfilled", "failed", "withdrawn"],
  declined: [],
  withdrawn: [],
  fulfilled: [],
  failed: [],
};

export function canMoveMatch(from: MatchStatus, to: MatchStatus): boolean {
  return NEXT[from].includes(to);
}

export function matchStatusesAfter(status: MatchStatus): readonly MatchStatus[] {
  return NEXT[status];
}

/** Matches still in play: they hold a need and an offer together, and there is only one per pair. */
export const OPEN_MATCH_STATUSES = ["requested", "proposed", "accepted"] as const satisfies readonly MatchStatus[];
/** Waiting for someone to act: staff on a request, the provider on a proposal. */
export const WAITING_MATCH_STATUSES = ["requested", "proposed"] as const satisfies readonly MatchStatus[];
/** A match waiting longer than this is flagged on the caseworker's list. */
export const MATCH_WAITING_FLAG_DAYS = 7;

export function isOpenMatch(status: MatchStatus): boolean {
  return (OPEN_MATCH_STATUSES as readonly MatchStatus[]).includes(status);
}
