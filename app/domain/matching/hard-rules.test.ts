import { describe, expect, it } from "vitest";
import type { HardRuleNeed, HardRuleOffer } from "./hard-rules";
import { coversRegion, hardRuleFailures, matchingToday } from "./hard-rules";

const need: HardRuleNeed = { category: "job", regionCode: "532923", status: "published" };
const offer: HardRuleOffer = {
  category: "job",
  status: "open",
  remainingCapacity: 2,
  validFrom: "2026-01-01",
  validUntil: "2027-06-30",
  regionCodes: ["5329"],
  organisationVerified: true,
};
const today = "2026-12-04";

describe("hard rules", () => {
  it("let an open, valid, verified offer with places, covering the county, in a compatible category through", () => {
    expect(hardRuleFailures(need, offer, today)).toEqual([]);
    expect(hardRuleFailures({ ...need, category: "training" }, offer, today)).toEqual([]);
  });

  it("refuse a paused, closed or draft offer", () => {
    for (const status of ["paused", "closed", "draft"] as const) expect(hardRuleFailures(need, { ...offer, status }, today)).toEqual(["offer-not-open"]);
  });

  it("refuse an offer before its first day and after its last, but not on either day", () => {
    expect(hardRuleFailures(need, { ...offer, validFrom: "2026-12-05" }, today)).toEqual(["offer-not-yet-valid"]);
    expect(hardRuleFailures(need, { ...offer, validUntil: "2026-12-03" }, today)).toEqual(["offer-expired"]);
    expect(hardRuleFailures(need, { ...offer, validFrom: today, validUntil: today }, today)).toEqual([]);
    expect(hardRuleFailures(need, { ...offer, validFrom: null, validUntil: null }, today)).toEqual([]);
  });

  it("refuse a full offer and one of an unverified organisation", () => {
    expect(hardRuleFailures(need, { ...offer, remainingCapacity: 0 }, today)).toEqual(["offer-full"]);
    expect(hardRuleFailures(need, { ...offer, organisationVerified: false }, today)).toEqual(["organisation-unverified"]);
  });

  it("let an offer for the province (53) cover a county in it (532923), never one in another province", () => {
    expect(hardRuleFailures(need, { ...offer, regionCodes: ["53"] }, today)).toEqual([]);
    expect(hardRuleFailures(need, { ...offer, regionCodes: ["532923"] }, today)).toEqual([]);
    expect(hardRuleFailures(need, { ...offer, regionCodes: ["52"] }, today)).toEqual(["region-not-covered"]);
    expect(hardRuleFailures(need, { ...offer, regionCodes: ["5301", "532922"] }, today)).toEqual(["region-not-covered"]);
    expect(coversRegion(["44", "53"], "532923")).toBe(true);
  });

  it("refuse an incompatible category: a medical grant does not serve a job need", () => {
    expect(hardRuleFailures(need, { ...offer, category: "medical" }, today)).toEqual(["category-incompatible"]);
  });

  it("refuse a need that is not public, naming every rule broken", () => {
    expect(hardRuleFailures({ ...need, status: "draft" }, { ...offer, status: "paused", regionCodes: ["44"] }, today)).toEqual(["need-not-public", "offer-not-open", "region-not-covered"]);
  });

  it("take today in Asia/Shanghai: 20:00 UTC is already the next day there", () => {
    expect(matchingToday(new Date("2026-12-04T20:00:00Z"))).toBe("2026-12-05");
    expect(matchingToday(new Date("2026-12-04T15:59:00Z"))).toBe("2026-12-04");
  });
});
