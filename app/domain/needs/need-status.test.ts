import { describe, expect, it } from "vitest";
import { NEED_STATUSES } from "./need-category";
import { PUBLISHABLE_NEED_STATUSES, RESTORABLE_NEED_STATUSES, UNPUBLISHABLE_NEED_STATUSES, WITHDRAWABLE_NEED_STATUSES, canMoveNeed, movesToPublish, movesToUnpublish } from "./need-status";

describe("the need lifecycle", () => {
  it("makes every status it names a starting point of a move the state machine allows", () => {
    for (const from of WITHDRAWABLE_NEED_STATUSES) expect(canMoveNeed(from, "withdrawn"), from).toBe(true);
    for (const from of RESTORABLE_NEED_STATUSES) expect(canMoveNeed(from, "draft"), from).toBe(true);
    for (const from of UNPUBLISHABLE_NEED_STATUSES) expect(canMoveNeed(from, "draft"), from).toBe(true);
    for (const from of PUBLISHABLE_NEED_STATUSES) expect(from === "draft" ? canMoveNeed(from, "published") : canMoveNeed(from, "draft")).toBe(true);
  });

  it("publishes and unpublishes only by moves of the state machine, one step at a time", () => {
    for (const from of NEED_STATUSES) {
      for (const path of [movesToPublish(from) ?? [], movesToUnpublish(from)]) {
        let at = from;
        for (const to of path) {
          expect(canMoveNeed(at, to), `${at} → ${to}`).toBe(true);
          at = to;
        }
      }
    }
    expect(movesToPublish("withdrawn")).toEqual(["draft", "published"]);
    expect(movesToPublish("matched")).toEqual([]);
    expect(movesToPublish("fulfilled")).toBeNull();
    expect(movesToUnpublish("matched")).toEqual([]);
  });
});
