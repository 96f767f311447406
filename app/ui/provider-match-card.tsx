// One match in a provider's inbox: the need as the public sees it (title, category, county, age
// band, hardship, the start of its story), the provider's offer, the message that came with the
// match and how long it has waited in its current status.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AgeBand } from "../domain/cases/age-band";
import type { MatchStatus } from "../domain/matching/match-status";
import type { NeedCategory } from "../domain/needs/need-category";
import type { Urgency } from "../domain/needs/public-need";
import { CategoryBadge, UrgencyBadge } from "./badges";
import { contentLang, regionName, useLabels, useLocale } from "./labels";

export interface ProviderMatchItem {
  ref: string;
  status: MatchStatus;
  /** The need as its public page shows it; null once it is no longer public. */
  need: { title: string; category: NeedCategory; regionName: { zh: string; en: string }; ageBand: AgeBand; urgency: Urgency; excerpt: string } | null;
  offerTitle: string;
  message: string | null;
  waitingDays: number;
  /** When the status last changed, formatted for the page's language. */
  since: string;
}

export function ProviderMatchCard({ match }: { match: ProviderMatchItem }) {
  const { t } = useTranslation("matches");
  const labels = useLabels();
  const locale = useLocale();
  const { need } = match;
  const county = need ? regionName(need.regionName, locale) : null;
  const waiting = match.status === "proposed" || match.status === "requested";
  return (
    <article aria-labelledby={`match-${match.ref}`} className="rounded-lg border border-stone-200 bg-white p-4">
      {need && county ? (
        <div className="flex flex-wrap items-center gap-2">
          <CategoryBadge category={need.category} />
          <UrgencyBadge urgency={need.urgency} />
          <span className="text-sm text-stone-700">
            <span lang={county.lang}>{county.text}</span>
            <span aria-hidden="true"> · </span>
            <span className="sr-only">, </span>
            {labels.ageBand(need.ageBand)}
          </span>
        </div>
      ) : null}
      <h3 id={`match-${match.ref}`} className="mt-2 text-lg font-semibold">
        <Link to={`/organisation/matches/${match.ref}`} className="text-brand-700 underline underline-offset-4 hover:text-brand-800" lang={need ? contentLang(need.title, locale) : undefined}>
          {need ? need.title : t("provider.detail.reference", { ref: match.ref })}
        </Link>
      </h3>
      {need ? (
        <p className="mt-1 text-stone-800" lang={contentLang(need.excerpt, locale)}>
          {need.excerpt}
        </p>
      ) : (
        <p className="mt-1 text-stone-700">{t("provider.inbox.needGone")}</p>
      )}
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-stone-700">{t("provider.inbox.offer")}</dt>
        <dd lang={contentLang(match.offerTitle, locale)}>{match.offerTitle}</dd>
        {match.message ? (
          <>
            <dt className="font-medium text-stone-700">{t("provider.inbox.message")}</dt>
            <dd className="whitespace-pre-line" lang={contentLang(match.message, locale)}>
              {match.message}
            </dd>
          </>
        ) : null}
      </dl>
      <p className="mt-2 text-sm text-stone-600">
        {t(`provider.status.${match.status}`)}
        <span aria-hidden="true"> · </span>
        <span className="sr-only">, </span>
        {waiting ? t("provider.inbox.waitedDays", { count: match.waitingDays }) : t("provider.inbox.since", { date: match.since })}
      </p>
    </article>
  );
}
