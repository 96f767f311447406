import { describe, expect, it } from "vitest";
import { canMoveNeed, canEditNeed } from "../needs/need-status";
import { canMoveCase, canPublishForCase, caseStatusesAfter, needsFollowUpDate } from "./case-status";

describe("case status", () => {
  it("moves forward one step at a time and back to assisting on relapse", () => {
    expect(canMoveCase("registered", "verified")).toBe(true);
    expect(canMoveCase("verified", "assisting")).toBe(true);
    expect(canMoveCase("assisting", "exited")).toBe(true);
    expect(canMoveCase("exited", "assisting")).toBe(true);
  });
  it("refuses skips, reversals and staying put", () => {
    expect(canMoveCase("registered", "assisting")).toBe(false);
    expect(canMoveCase("registered", "exited")).toBe(false);
    expect(canMoveCase("assisting", "verified")).toBe(false);
    expect(canMoveCase("verified", "verified")).toBe(false);
    expect(caseStatusesAfter("exited")).toEqual(["assisting"]);
  });
  it("publishes only for a verified or assisted household with consent", () => {
    expect(canPublishForCase("registered", true)).toBe(false);
    expect(canPublishForCase("verified", false)).toBe(false);
    expect(canPublishForCase("verified", true)).toBe(true);
    expect(canPublishForCase("assisting", true)).toBe(true);
    expect(canPublishForCase("exited", true)).toBe(false);
  });
  it("asks for a follow-up date once a household has exited", () => {
    expect(needsFollowUpDate("exited")).toBe(true);
    expect(needsFollowUpDate("assisting")).toBe(false);
  });
});

describe("need status", () => {
  it("publishes a draft, unpublishes, withdraws and fulfils a matched need", () => {
    expect(canMoveNeed("draft", "published")).toBe(true);
    expect(canMoveNeed("published", "draft")).toBe(true);
    expect(canMoveNeed("published", "withdrawn")).toBe(true);
    expect(canMoveNeed("matched", "fulfilled")).toBe(true);
  });
  it("never reopens a fulfilled need or publishes a withdrawn one directly", () => {
    expect(canMoveNeed("fulfilled", "published")).toBe(false);
    expect(canMoveNeed("fulfilled", "draft")).toBe(false);
    expect(canMoveNeed("withdrawn", "published")).toBe(false);
    expect(canEditNeed("matched")).toBe(false);
    expect(canEditNeed("draft")).toBe(true);
  });
});
