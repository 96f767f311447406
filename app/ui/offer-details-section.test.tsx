// The public offer page says what kind of offer it is and its details: a vacancy's pay range per
// month and accommodations, a course's certificate and that it is free, an entitlement's who
// qualifies and how to claim, in both languages.
import { describe, expect, it } from "vitest";
import type { PublicOffer } from "../domain/offers/public-offer";
import { renderPage } from "../../tests/render";
import { OfferDetailsSection } from "./offer-details-section";

const base: PublicOffer = {
  ref: "O-TEST234",
  version: 1,
  category: "job",
  offerType: "vacancy",
  details: {},
  title: "招聘电工",
  description: "厂区电工维护。",
  skills: [],
  status: "open",
  organisationName: "祥云测试公司",
  organisationKind: "employer",
  regionCodes: ["532923"],
  regionPath: ["53", "5329", "532923"],
  provinceCodes: ["53"],
  prefectureCodes: ["5329"],
  countyCodes: ["532923"],
  regionNames: [{ zh: "祥云县", en: "Xiangyun" }],
  capacity: 3,
  remainingCapacity: 3,
  amount: null,
  validFrom: null,
  validUntil: null,
  updatedMonth: "2026-12",
};
const noAmounts = { payMin: null, payMax: null, learnerCost: null, amount: null };
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("OfferDetailsSection", () => {
  it("shows a vacancy's pay range per month, hours and accommodations", async () => {
    const offer = { ...base, details: { hours: "每周五天", payPeriod: "month" as const, accommodations: "无障碍通道" } };
    const html = text(await renderPage(<OfferDetailsSection offer={offer} amounts={{ ...noAmounts, payMin: "¥3,500", payMax: "¥4,500" }} />, "zh-CN"));
    expect(html).toContain("招聘岗位");
    expect(html).toContain("每月 ¥3,500 – ¥4,500");
    expect(html).toContain("每周五天");
    expect(html).toContain("无障碍通道");
  });

  it("says a course without a cost is free and names its certificate", async () => {
    const offer = { ...base, offerType: "course" as const, details: { certificate: "焊工证" } };
    const html = text(await renderPage(<OfferDetailsSection offer={offer} amounts={noAmounts} />));
    expect(html).toContain("Course");
    expect(html).toContain("Cost to the learner Free");
    expect(html).toContain("Certificate 焊工证");
  });

  it("shows who qualifies for an entitlement and how to claim it", async () => {
    const offer = { ...base, offerType: "entitlement" as const, details: { eligibility: "家庭人均收入低于当地低保标准", howToClaim: "到户籍所在地乡镇（街道）申请" } };
    const html = text(await renderPage(<OfferDetailsSection offer={offer} amounts={noAmounts} />));
    expect(html).toContain("Who qualifies 家庭人均收入低于当地低保标准");
    expect(html).toContain("How to claim 到户籍所在地乡镇（街道）申请");
  });
});
