// The lifecycle of a need (DESIGN §2): draft → published → matched → fulfilled, or withdrawn /
// expired. Unpublishing takes a published need back to draft. Pure.
import type { NeedStatus } from "./need-category";

const NEXT: Record<NeedStatus, readonly NeedStatus[]> = {
  draft: ["published", "withdrawn"],
  published: ["draft", "matched", "withdrawn", "expired"],
  matched: ["fulfilled", "published", "withdrawn"],
  fulfilled: [],
  withdrawn: ["draft"],
  expired: ["draft", "withdrawn"],
};

export function canMoveNeed(from: NeedStatus, to: NeedStatus): boolean {
  return NEXT[from].includes(to);
}

/** Only drafts are edited freely; a published need's edits go live (and to the index) at once. */
export function canEditNeed(status: NeedStatus): boolean {
  return status === "draft" || status === "published" || status === "expired";
}

export function needStatusesAfter(status: NeedStatus): readonly NeedStatus[] {
  return NEXT[status];
}

/** Statuses that end a need's part in matching: its open matches are withdrawn with the move (endNeeds). */
export const ENDING_NEED_STATUSES = ["withdrawn", "expired", "fulfilled"] as const satisfies readonly NeedStatus[];
export type EndingNeedStatus = (typeof ENDING_NEED_STATUSES)[number];
/** Every other status: moveNeeds. */
export type OngoingNeedStatus = Exclude<NeedStatus, EndingNeedStatus>;

export function isEndingNeedStatus(status: NeedStatus): status is EndingNeedStatus {
  return (ENDING_NEED_STATUSES as readonly NeedStatus[]).includes(status);
}

// What each of a caseworker's moves starts from, defined here once for the editor, the consent
// withdrawal and the importers; every step is still a move of NEXT, made by moveNeeds (endNeeds
// for an ending status).
/** Published from: a draft, or an expired need (back to draft, then published). */
export const PUBLISHABLE_NEED_STATUSES = ["draft", "expired"] as const satisfies readonly NeedStatus[];
/** Unpublished (back to the drafts, off the site and out of the index) from. */
export const UNPUBLISHABLE_NEED_STATUSES = ["published"] as const satisfies readonly NeedStatus[];
/** Withdrawn from: anything not finished or withdrawn already. */
export const WITHDRAWABLE_NEED_STATUSES = ["draft", "published", "matched", "expired"] as const satisfies readonly NeedStatus[];
/** Restored (to a draft, to be checked and published anew) from. */
export const RESTORABLE_NEED_STATUSES = ["withdrawn", "expired"] as const satisfies readonly NeedStatus[];

const isIn = (statuses: readonly NeedStatus[], status: NeedStatus) => statuses.includes(status);

/**
 * The moves that make a need of this status public, each one of NEXT: [] when it is public
 * already, null when it cannot be (fulfilled). A withdrawn need is restored first.
 */
export function movesToPublish(from: NeedStatus): OngoingNeedStatus[] | null {
  if (from === "published" || from === "matched") return [];
  if (from === "draft") return ["published"];
  if (isIn(PUBLISHABLE_NEED_STATUSES, from) || isIn(RESTORABLE_NEED_STATUSES, from)) return ["draft", "published"];
  return null;
}

/** The moves that take a need of this status off the site: unpublishing, or none when it is not published. */
export function movesToUnpublish(from: NeedStatus): OngoingNeedStatus[] {
  return isIn(UNPUBLISHABLE_NEED_STATUSES, from) ? ["draft"] : [];
}
