// An offer in a list: who offers what, where, and how many places are left.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublicOffer } from "../domain/offers/public-offer";
import { CategoryBadge, OfferStatusBadge } from "./badges";
import { formatCount } from "./format";
import { contentLang, useLabels, useLocale } from "./labels";
import { RegionNames } from "./region-names";

interface OfferCardProps {
  offer: PublicOffer;
  /** The amount, formatted on the server (format-amount.server.ts). */
  amountLabel: string | null;
  headingLevel?: "h2" | "h3";
}

export function OfferCard({ offer, amountLabel, headingLevel: Heading = "h2" }: OfferCardProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const locale = useLocale();
  return (
    <article className="flex h-full flex-col rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap gap-2">
        <CategoryBadge category={offer.category} />
        {offer.status === "open" ? null : <OfferStatusBadge status={offer.status} />}
      </div>
      <Heading className="mt-3 text-lg font-semibold leading-snug" lang={contentLang(offer.title, locale)}>
        <Link to={`/offers/${offer.ref}`} className="text-stone-900 underline decoration-stone-300 underline-offset-4 hover:text-brand-700 hover:decoration-brand-600">
          {offer.title}
        </Link>
      </Heading>
      <p className="mt-1 text-sm text-stone-600">
        <span lang={contentLang(offer.organisationName, locale)}>{offer.organisationName}</span>
        <span aria-hidden="true"> · </span>
        <span className="sr-only">, </span>
        {labels.organisationKind(offer.organisationKind)}
      </p>
      <p className="mt-2 line-clamp-3 text-stone-700" lang={contentLang(offer.description, locale)}>
        {offer.description}
      </p>
      <dl className="mt-auto flex flex-wrap gap-x-4 gap-y-1 pt-4 text-sm text-stone-600">
        {offer.regionNames.length ? (
          <div>
            <dt className="sr-only">{t("offers.regions")}</dt>
            <dd>
              <RegionNames names={offer.regionNames} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="sr-only">{t("offers.remaining")}</dt>
          <dd>{t("offers.remainingOf", { remaining: formatCount(offer.remainingCapacity, locale), capacity: formatCount(offer.capacity, locale) })}</dd>
        </div>
        {amountLabel ? (
          <div>
            <dt className="sr-only">{t("offers.amount")}</dt>
            <dd className="font-semibold text-stone-900">{amountLabel}</dd>
          </div>
        ) : null}
        {offer.validUntil ? (
          <div>
            <dt className="sr-only">{t("offers.validity")}</dt>
            <dd>{labels.validity(null, offer.validUntil, locale)}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}
