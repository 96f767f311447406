// A need in a list: what is needed, how urgent, where and for whom — never who.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublicNeed } from "../domain/needs/public-need";
import { CategoryBadge, UrgencyBadge } from "./badges";
import { formatMonth } from "./format";
import { contentLang, regionName, useLabels, useLocale } from "./labels";

interface NeedCardProps {
  need: PublicNeed;
  /** The target amount, formatted on the server (format-amount.server.ts). */
  amountLabel: string | null;
  headingLevel?: "h2" | "h3";
}

export function NeedCard({ need, amountLabel, headingLevel: Heading = "h2" }: NeedCardProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const locale = useLocale();
  const county = regionName(need.regionName, locale);
  return (
    <article className="flex h-full flex-col rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap gap-2">
        <CategoryBadge category={need.category} />
        <UrgencyBadge urgency={need.urgency} />
      </div>
      <Heading className="mt-3 text-lg font-semibold leading-snug" lang={contentLang(need.title, locale)}>
        <Link to={`/needs/${need.ref}`} className="text-stone-900 underline decoration-stone-300 underline-offset-4 hover:text-brand-700 hover:decoration-brand-600">
          {need.title}
        </Link>
      </Heading>
      <p className="mt-2 line-clamp-3 text-stone-700" lang={contentLang(need.story, locale)}>
        {need.story}
      </p>
      <dl className="mt-auto flex flex-wrap gap-x-4 gap-y-1 pt-4 text-sm text-stone-600">
        <div>
          <dt className="sr-only">{t("needs.county")}</dt>
          <dd lang={county.lang}>{county.text}</dd>
        </div>
        <div>
          <dt className="sr-only">{t("needs.ageBand")}</dt>
          <dd>{labels.ageBand(need.ageBand)}</dd>
        </div>
        {amountLabel ? (
          <div>
            <dt className="sr-only">{t("needs.targetAmount")}</dt>
            <dd className="font-semibold text-stone-900">{amountLabel}</dd>
          </div>
        ) : null}
        <div>
          <dt className="sr-only">{t("needs.publishedLabel")}</dt>
          <dd>
            <time dateTime={need.publishedMonth}>{formatMonth(need.publishedMonth, locale)}</time>
          </dd>
        </div>
      </dl>
    </article>
  );
}
