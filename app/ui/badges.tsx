// Small labelled chips for a need's or offer's vocabulary. The colour only repeats what the text
// already says, so nothing depends on seeing it; every pair keeps at least 4.5:1 contrast.
import type { NeedCategory } from "../domain/needs/need-category";
import type { Urgency } from "../domain/needs/public-need";
import type { PublicOffer } from "../domain/offers/public-offer";
import { contentLang, useLabels, useLocale } from "./labels";

const BASE = "inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium sm:text-sm";

export function CategoryBadge({ category }: { category: NeedCategory }) {
  const labels = useLabels();
  return <span className={`${BASE} bg-stone-100 text-stone-800 ring-1 ring-inset ring-stone-300`}>{labels.category(category)}</span>;
}

const URGENCY_STYLE: Record<Urgency, string> = {
  general: "bg-stone-100 text-stone-700",
  sudden: "bg-amber-100 text-amber-900",
  severe: "bg-brand-100 text-brand-800",
};

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const labels = useLabels();
  return <span className={`${BASE} ${URGENCY_STYLE[urgency]}`}>{labels.urgency(urgency)}</span>;
}

const OFFER_STATUS_STYLE: Record<PublicOffer["status"], string> = {
  open: "bg-emerald-100 text-emerald-900",
  paused: "bg-amber-100 text-amber-900",
  closed: "bg-stone-200 text-stone-800",
};

export function OfferStatusBadge({ status }: { status: PublicOffer["status"] }) {
  const labels = useLabels();
  return <span className={`${BASE} ${OFFER_STATUS_STYLE[status]}`}>{labels.offerStatus(status)}</span>;
}

/** A skill as a tag; skills are written by caseworkers, usually in Chinese. */
export function SkillTags({ skills, label }: { skills: string[]; label: string }) {
  const locale = useLocale();
  if (!skills.length) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {skills.map((skill) => (
        <li key={skill} lang={contentLang(skill, locale)} className="rounded-md bg-brand-50 px-2 py-1 text-sm text-brand-800 ring-1 ring-inset ring-brand-100">
          {skill}
        </li>
      ))}
    </ul>
  );
}
