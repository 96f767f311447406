// /offers/O-… — one offer: open, paused or closed (the latter two say so plainly).
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PUBLIC_REFERENCE_PATTERN } from "../domain/needs/public-reference.server";
import { getPublicOffer } from "../domain/offers/public-offers.server";
import { CategoryBadge, OfferStatusBadge, SkillTags } from "../ui/badges";
import { formatCount } from "../ui/format";
import { formatAmount, withOfferAmount } from "../ui/format-amount.server";
import { contentLang, useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { OfferDetailsSection } from "../ui/offer-details-section";
import { RegionNames } from "../ui/region-names";
import { TakeUpThroughUnion } from "../ui/take-up-through-union";
import { getPageLocale } from "../i18n/page-locale.server";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

// A malformed reference is answered without a query: it cannot name an offer.
const offerParams = z.object({ ref: z.string().regex(PUBLIC_REFERENCE_PATTERN).startsWith("O-") });

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const parsed = offerParams.safeParse(params);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  const [{ locale, t }, offer] = await Promise.all([getPageLocale(request), getPublicOffer(context.runtime.db, parsed.data.ref)]);
  if (!offer) throw new Response("Not Found", { status: 404 });
  const detailAmount = (text: string | undefined) => (text === undefined ? null : formatAmount(text, locale));
  const detailAmounts = { payMin: detailAmount(offer.details.payMin), payMax: detailAmount(offer.details.payMax), learnerCost: detailAmount(offer.details.learnerCost), amount: formatAmount(offer.amount, locale) };
  return { title: t("meta.suffix", { title: offer.title }), ...withOfferAmount(offer, locale), detailAmounts };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-b border-stone-100 py-2 last:border-b-0">
      <dt className="shrink-0 text-stone-600">{term}</dt>
      <dd className="text-right font-medium text-stone-900">{children}</dd>
    </div>
  );
}

export default function OfferPage() {
  const { offer, amountLabel, detailAmounts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const labels = useLabels();
  const locale = useLocale();
  return (
    <>
      <Link to="/offers" className="text-sm font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800">
        <span aria-hidden="true">← </span>
        {t("offers.backToList")}
      </Link>
      <article aria-labelledby="offer-title" className="mt-4">
        <header>
          <div className="flex flex-wrap gap-2">
            <CategoryBadge category={offer.category} />
            <OfferStatusBadge status={offer.status} />
          </div>
          <h1 id="offer-title" className="mt-3 text-2xl font-bold leading-tight sm:text-3xl" lang={contentLang(offer.title, locale)}>
            {offer.title}
          </h1>
          <p className="mt-2 text-stone-700">
            <span lang={contentLang(offer.organisationName, locale)}>{offer.organisationName}</span>
            <span aria-hidden="true"> · </span>
            <span className="sr-only">, </span>
            {labels.organisationKind(offer.organisationKind)}
          </p>
        </header>

        {offer.status === "open" ? null : (
          // Someone arriving from an old link must not mistake a paused or closed offer for an open one.
          <p className="mt-4 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 font-medium text-amber-900">
            {offer.status === "paused" ? t("offers.pausedNotice") : t("offers.closedNotice")}
          </p>
        )}

        <div className="mt-6 grid gap-6 md:grid-cols-3">
          <section aria-labelledby="description-title" className="self-start rounded-lg border border-stone-200 bg-white p-4 sm:p-6 md:col-span-2">
            <h2 id="description-title" className="text-lg font-semibold">
              {t("offers.description")}
            </h2>
            <p className="mt-3 whitespace-pre-line leading-relaxed text-stone-800" lang={contentLang(offer.description, locale)}>
              {offer.description}
            </p>
            {offer.skills.length ? (
              <>
                <h3 className="mt-6 font-semibold">{t("offers.skills")}</h3>
                <div className="mt-2">
                  <SkillTags skills={offer.skills} label={t("offers.skills")} />
                </div>
              </>
            ) : null}
          </section>

          <dl className="self-start rounded-lg border border-stone-200 bg-white px-4 py-2 text-sm sm:text-base">
            <Fact term={t("offers.type")}>{t(`offerType.${offer.offerType}`)}</Fact>
            <Fact term={t("offers.category")}>{labels.category(offer.category)}</Fact>
            <Fact term={t("offers.status")}>{labels.offerStatus(offer.status)}</Fact>
            {offer.regionNames.length ? (
              <Fact term={t("offers.regions")}>
                <RegionNames names={offer.regionNames} />
              </Fact>
            ) : null}
            <Fact term={t("offers.capacity")}>{formatCount(offer.capacity, locale)}</Fact>
            <Fact term={t("offers.remaining")}>{formatCount(offer.remainingCapacity, locale)}</Fact>
            {amountLabel ? <Fact term={t("offers.amount")}>{amountLabel}</Fact> : null}
            <Fact term={t("offers.validity")}>{labels.validity(offer.validFrom, offer.validUntil, locale)}</Fact>
            <Fact term={t("offers.reference")}>
              <span className="font-mono">{offer.ref}</span>
            </Fact>
          </dl>
        </div>
        <OfferDetailsSection offer={offer} amounts={detailAmounts} />
        <TakeUpThroughUnion />
      </article>
    </>
  );
}
