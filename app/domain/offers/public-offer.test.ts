// The public projection of an offer carries its type and only that type's details.
import { describe, expect, it } from "vitest";
import type { PublicOfferSource } from "./public-offer";
import { PUBLIC_OFFER_FIELDS, toPublicOffer } from "./public-offer";

const source = (overrides: Partial<PublicOfferSource> = {}): PublicOfferSource => ({
  ref: "O-TEST234",
  version: 3,
  category: "job",
  offerType: "vacancy",
  details: { hours: "每周五天", payMin: "3500.00", payMax: "4500.00", payPeriod: "month" },
  title: "招聘电工",
  description: "厂区电工维护。",
  skills: ["电工"],
  status: "open",
  capacity: 3,
  remainingCapacity: 2,
  amount: null,
  validFrom: null,
  validUntil: "2027-06-30",
  updatedAt: new Date("2026-11-02T08:00:00Z"),
  organisation: { name: "祥云测试公司", kind: "employer" },
  regions: [{ code: "532923", path: ["53", "5329", "532923"], nameZh: "祥云县", nameEn: "Xiangyun" }],
  ...overrides,
});

describe("toPublicOffer", () => {
  it("carries the offer's type and its details", () => {
    const offer = toPublicOffer(source());
    expect(offer.offerType).toBe("vacancy");
    expect(offer.details).toEqual({ hours: "每周五天", payMin: "3500.00", payMax: "4500.00", payPeriod: "month" });
    expect(Object.keys(offer).sort()).toEqual([...PUBLIC_OFFER_FIELDS].sort());
  });

  it("keeps only the keys of the offer's own type", () => {
    const offer = toPublicOffer(source({ offerType: "course", details: { schedule: "周末上课", payMin: "3500.00", howToClaim: "到社区办理" } }));
    expect(offer.details).toEqual({ schedule: "周末上课" });
  });
});
