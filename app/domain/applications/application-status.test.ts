import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "../cases/case-records-vocabulary";
import { canMoveApplication, isApplicationOpen } from "./application-status";

describe("the application lifecycle", () => {
  it("goes new → contacted → accepted | merged | declined, and may skip the call-back", () => {
    for (const to of ["contacted", "accepted", "merged", "declined"] as const) expect(canMoveApplication("new", to)).toBe(true);
    for (const to of ["accepted", "merged", "declined"] as const) expect(canMoveApplication("contacted", to)).toBe(true);
  });

  it("never goes back to new, nor contacted twice", () => {
    for (const from of APPLICATION_STATUSES) expect(canMoveApplication(from, "new")).toBe(false);
    expect(canMoveApplication("contacted", "contacted")).toBe(false);
  });

  it("treats a decided application as final", () => {
    for (const from of ["accepted", "merged", "declined"] as const) {
      expect(isApplicationOpen(from)).toBe(false);
      for (const to of APPLICATION_STATUSES) expect(canMoveApplication(from, to)).toBe(false);
    }
    expect(isApplicationOpen("new")).toBe(true);
    expect(isApplicationOpen("contacted")).toBe(true);
  });
});
