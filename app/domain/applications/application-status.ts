// The lifecycle of an online application: new → contacted (after the call-back) →
// accepted (a case was created from it) | merged (into an existing case) | declined (with a reason
// the applicant reads). Staff may skip the call-back; a decided application is final. Pure: the
// domain functions ask before they write and answer an impossible move with 409.
import type { ApplicationStatus } from "../cases/case-records-vocabulary";

const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  new: ["contacted", "accepted", "merged", "declined"],
  contacted: ["accepted", "merged", "declined"],
  accepted: [],
  merged: [],
  declined: [],
};

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

/** Still waiting for the union: shown in the queue, open to a decision. */
export function isApplicationOpen(status: ApplicationStatus): boolean {
  return NEXT[status].length > 0;
}

/** The statuses of the staff queue, in the order staff work through them. */
export const OPEN_APPLICATION_STATUSES = ["new", "contacted"] as const satisfies readonly ApplicationStatus[];
