// Which offer categories can serve a need of each category (a hard rule of matching, DESIGN §4):
// a job need is served by a vacancy, or by a course that leads to one; a tuition need by a
// scholarship or a living grant for students. Data, documented in docs/matching.md, tested. Pure.
import type { NeedCategory } from "../needs/need-category";

export const COMPATIBLE_OFFER_CATEGORIES: Readonly<Record<NeedCategory, readonly NeedCategory[]>> = {
  job: ["job", "training", "enterprise"],
  training: ["training", "job"],
  tuition: ["tuition", "living"],
  medical: ["medical", "living", "care"],
  living: ["living", "goods", "housing"],
  housing: ["housing", "living"],
  legal: ["legal"],
  counselling: ["counselling", "care"],
  care: ["care", "medical", "counselling"],
  enterprise: ["enterprise", "training", "job"],
  goods: ["goods", "living"],
};

export function offerCategoriesFor(needCategory: NeedCategory): readonly NeedCategory[] {
  return COMPATIBLE_OFFER_CATEGORIES[needCategory];
}

/** The reverse: need categories an offer of this category can serve. */
export function needCategoriesFor(offerCategory: NeedCategory): NeedCategory[] {
  return (Object.keys(COMPATIBLE_OFFER_CATEGORIES) as NeedCategory[]).filter((need) => COMPATIBLE_OFFER_CATEGORIES[need].includes(offerCategory));
}
