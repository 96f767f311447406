// The public details each type of offer carries, beyond what every offer has (category, skills,
// regions, capacity, dates). Kept as one JSON column; this schema is what the form, the importer
// and the projection accept. Money is text (decimal.js), never a number.
import { z } from "zod";

const text = (max: number) => z.string().trim().min(1).max(max);
const moneyText = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/);

export const vacancyDetails = z.object({
  /** "每周五天，8:00–17:00" */
  hours: text(200).optional(),
  payMin: moneyText.optional(),
  payMax: moneyText.optional(),
  /** Per month, day or hour. */
  payPeriod: z.enum(["month", "day", "hour"]).optional(),
  /** Accommodations for disability: step-free access, adapted tasks, sign language … */
  accommodations: text(500).optional(),
});

export const courseDetails = z.object({
  schedule: text(200).optional(),
  certificate: text(200).optional(),
  /** What the learner pays; "0" or absent when free. */
  learnerCost: moneyText.optional(),
});

/** A scholarship or grant: the offer's amount is per recipient, its capacity the number of recipients. */
export const grantDetails = z.object({
  eligibility: text(500).optional(),
});

export const serviceDetails = z.object({
  schedule: text(200).optional(),
});

export const entitlementDetails = z.object({
  /** Who qualifies (低保: 家庭人均收入低于当地标准 …). */
  eligibility: text(1000).optional(),
  /** How to claim: where, with which documents. */
  howToClaim: text(1000).optional(),
});

export const goodsDetails = z.object({
  /** What and how much: "冬衣 200 件". */
  items: text(500).optional(),
});

export const offerDetailsSchemas = {
  vacancy: vacancyDetails,
  course: courseDetails,
  grant: grantDetails,
  service: serviceDetails,
  entitlement: entitlementDetails,
  goods: goodsDetails,
} as const;

export type OfferDetails = Partial<
  z.infer<typeof vacancyDetails> &
    z.infer<typeof courseDetails> &
    z.infer<typeof grantDetails> &
    z.infer<typeof serviceDetails> &
    z.infer<typeof entitlementDetails> &
    z.infer<typeof goodsDetails>
>;

/**
 * The details a public projection carries: only the keys the offer's type has (zod drops the rest,
 * say a key of another type left from a change of type), and nothing that no longer passes.
 */
export function publicOfferDetails(type: keyof typeof offerDetailsSchemas, details: OfferDetails): OfferDetails {
  const parsed = offerDetailsSchemas[type].safeParse(details);
  return parsed.success ? parsed.data : {};
}
