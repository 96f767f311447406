// The state machine of a match, every pair of statuses: the moves DESIGN §2 names are allowed and
// every other one is refused; the finished statuses lead nowhere; waiting and overdue are counted.
import { describe, expect, it } from "vitest";
import { MATCH_STATUSES, canMoveMatch, isOpenMatch, matchStatusesAfter } from "./match-status";
import type { MatchStatus } from "./match-status";
import { matchWaiting } from "./match-waiting";

const ALLOWED: readonly (readonly [MatchStatus, MatchStatus])[] = [
  ["requested", "proposed"],
  ["requested", "declined"],
  ["requested", "withdrawn"],
  ["proposed", "accepted"],
  ["proposed", "declined"],
  ["proposed", "withdrawn"],
  ["accepted", "fulfilled"],
  ["accepted", "failed"],
  ["accepted", "withdrawn"],
];

describe("canMoveMatch", () => {
  for (const from of MATCH_STATUSES) {
    for (const to of MATCH_STATUSES) {
      const allowed = ALLOWED.some(([a, b]) => a === from && b === to);
      it(`${allowed ? "allows" : "refuses"} ${from} → ${to}`, () => {
        expect(canMoveMatch(from, to)).toBe(allowed);
      });
    }
  }

  it("leaves declined, withdrawn, fulfilled and failed with no way out", () => {
    for (const status of ["declined", "withdrawn", "fulfilled", "failed"] as const) {
      expect(matchStatusesAfter(status)).toEqual([]);
      expect(isOpenMatch(status)).toBe(false);
    }
    for (const status of ["requested", "proposed", "accepted"] as const) expect(isOpenMatch(status)).toBe(true);
  });
});

describe("matchWaiting", () => {
  const now = new Date("2026-12-04T12:00:00Z");
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

  it("counts whole days and flags a match waiting on someone for more than 7 days", () => {
    expect(matchWaiting("proposed", daysAgo(7), now)).toEqual({ waitingDays: 7, isOverdue: false });
    expect(matchWaiting("proposed", daysAgo(7.01), now)).toEqual({ waitingDays: 7, isOverdue: true });
    expect(matchWaiting("requested", daysAgo(30), now)).toEqual({ waitingDays: 30, isOverdue: true });
  });

  it("never flags a match that waits on nobody", () => {
    for (const status of ["accepted", "declined", "withdrawn", "fulfilled", "failed"] as const) expect(matchWaiting(status, daysAgo(30), now).isOverdue).toBe(false);
  });
});
