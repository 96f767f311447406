// The need editor's live preview: the public card exactly as donors will see it. The
// server builds the card's case side with toPublicNeed (county, age band, urgency, month — never an
// identity); the browser lays the caseworker's content over it as they type. need-preview.test.ts
// checks that this gives what toPublicNeed itself would give for the same content. Pure.
import type { NeedCategory } from "./need-category";
import { NEED_CATEGORIES } from "./need-category";
import type { NeedContent } from "./need-form";
import { normaliseAmountText, parseSkills } from "./need-form";
import type { PublicNeed } from "./public-need";

/** The reference shown in the preview of a need that has none yet. */
export const PREVIEW_REF = "N-PREVIEW";

/** The public projection of `base` with this content in place of its own. */
export function withContent(base: PublicNeed, content: NeedContent): PublicNeed {
  return {
    ...base,
    category: content.category,
    title: content.title,
    story: content.story,
    skills: [...content.skills],
    targetAmount: content.targetAmount,
    hasTargetAmount: content.targetAmount !== null,
  };
}

/** The editor's fields as they stand while someone types: any may be missing or half-written. */
export interface DraftValues {
  category?: unknown;
  title?: unknown;
  story?: unknown;
  skills?: unknown;
  targetAmount?: unknown;
}

const isNeedCategory = (value: unknown): value is NeedCategory => typeof value === "string" && (NEED_CATEGORIES as readonly string[]).includes(value);
const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/**
 * Content for the preview from what is typed so far. What cannot be shown yet falls back rather
 * than failing: an unknown category keeps the last one, an amount that is not (yet) valid shows none.
 */
export function draftContent(values: DraftValues | undefined, fallbackCategory: NeedCategory): NeedContent {
  const amount = text(values?.targetAmount);
  return {
    category: isNeedCategory(values?.category) ? values.category : fallbackCategory,
    title: text(values?.title),
    story: text(values?.story),
    skills: parseSkills(typeof values?.skills === "string" ? values.skills : undefined),
    targetAmount: amount ? normaliseAmountText(amount) : null,
  };
}
