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
