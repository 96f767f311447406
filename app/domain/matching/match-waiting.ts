// How long a match has waited for someone to act, and whether the caseworker's list flags it. Pure.
import type { MatchStatus } from "./match-status";
import { MATCH_WAITING_FLAG_DAYS, WAITING_MATCH_STATUSES } from "./match-status";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MatchWaiting {
  /** Whole days since the status last changed. */
  waitingDays: number;
  /** Waiting (requested or proposed) for more than MATCH_WAITING_FLAG_DAYS days. */
  isOverdue: boolean;
}

export function matchWaiting(status: MatchStatus, statusChangedAt: Date, now: Date = new Date()): MatchWaiting {
  const elapsed = Math.max(0, now.getTime() - statusChangedAt.getTime());
  const waiting = (WAITING_MATCH_STATUSES as readonly MatchStatus[]).includes(status);
  return { waitingDays: Math.floor(elapsed / DAY_MS), isOverdue: waiting && elapsed > MATCH_WAITING_FLAG_DAYS * DAY_MS };
}

/** The moment before which a waiting match is overdue. */
export function overdueBefore(now: Date = new Date()): Date {
  return new Date(now.getTime() - MATCH_WAITING_FLAG_DAYS * DAY_MS);
}
