// The lifecycle of a case (DESIGN §2): registered → verified → assisting → exited, and back to
// assisting on relapse (动态监测). Pure: the domain functions ask before they write, and answer an
// impossible transition with 409 and this module's reason.
import type { CaseStatus } from "./case-vocabulary";

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  registered: ["verified"],
  verified: ["assisting"],
  assisting: ["exited"],
  exited: ["assisting"],
};

export function caseStatusesAfter(status: CaseStatus): readonly CaseStatus[] {
  return NEXT[status];
}

export function canMoveCase(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT[from].includes(to);
}

/** Needs are published only for households that were checked (verified or later). */
export function canPublishForCase(status: CaseStatus, hasPublishConsent: boolean): boolean {
  return hasPublishConsent && (status === "verified" || status === "assisting");
}

/** An exited household stays monitored: it must have a follow-up date. */
export function needsFollowUpDate(status: CaseStatus): boolean {
  return status === "exited";
}
