// /organisation/offers — an organisation's offers as its members manage them: every status (drafts
// and expired ones too), places left, validity and matches; each opens its edit page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireMember } from "../domain/auth/guards.server";
import { canManageOffers, canPublishOffers } from "../domain/auth/permissions";
import { listOrganisationOffers } from "../domain/offers/organisation-offers.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { CategoryBadge } from "../ui/badges";
import { EmptyState } from "../ui/empty-state";
import { formatCount } from "../ui/format";
import { formatDate } from "../ui/format-time";
import { contentLang, useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { OFFER_STATUS_STYLE, offerStatusKey } from "../ui/offer-status-tag";

export const handle = { i18n: ["offers"] };
export const clientLoader = withNamespaces("offers");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireMember(request, context);
  if (!canManageOffers(actor)) throw forbidden();
  const [{ locale, t }, items] = await Promise.all([getPageLocale(request), listOrganisationOffers({ db: context.runtime.db, actor })]);
  return {
    title: t("meta.suffix", { title: t("offers:title") }),
    organisationName: actor.membership.organisationName,
    canPublish: canPublishOffers(actor.membership),
    offers: items.map((o) => ({ ...o, updatedAt: o.updatedAt.toISOString(), updated: formatDate(o.updatedAt, locale) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function OrganisationOffersPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("offers");
  const labels = useLabels();
  const locale = useLocale();
  return (
    <section aria-labelledby="offers-title" className="mx-auto max-w-3xl">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="offers-title" className="text-2xl font-semibold text-stone-900">
            {t("title")}
          </h1>
          <p className="mt-1 text-stone-700">{t("intro", { organisation: page.organisationName })}</p>
        </div>
        <Link to="/organisation/offers/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("new")}
        </Link>
      </div>
      {page.canPublish ? null : <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">{t("notVerified")}</p>}
      {page.offers.length === 0 ? (
        <div className="mt-6">
          <EmptyState message={t("empty")} action={{ to: "/organisation/offers/new", label: t("new") }} />
        </div>
      ) : (
        <ul className="mt-6 space-y-3">
          {page.offers.map((offer) => {
            const status = offerStatusKey(offer);
            return (
              <li key={offer.ref} className="rounded-lg border border-stone-200 bg-white p-4">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={`rounded-full border px-2 py-0.5 text-sm font-medium ${OFFER_STATUS_STYLE[status]}`}>{t(`status.${status}`)}</span>
                  <span className="text-sm text-stone-700">{t(`type.${offer.offerType}`)}</span>
                  <CategoryBadge category={offer.category} />
                </div>
                <h2 className="mt-2 text-lg font-semibold">
                  <Link to={`/organisation/offers/${offer.ref}`} className="text-brand-700 underline underline-offset-4" lang={contentLang(offer.title, locale)}>
                    {offer.title}
                  </Link>
                </h2>
                <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-stone-700 sm:grid-cols-3">
                  <div>
                    <dt className="sr-only">{t("fields.capacity")}</dt>
                    <dd>{t("list.places", { remaining: formatCount(offer.remainingCapacity, locale), capacity: formatCount(offer.capacity, locale) })}</dd>
                  </div>
                  <div>
                    <dt className="sr-only">{t("list.validity")}</dt>
                    <dd>{labels.validity(offer.validFrom, offer.validUntil, locale)}</dd>
                  </div>
                  <div>
                    <dt className="sr-only">{t("list.matchesLabel")}</dt>
                    <dd>
                      {t("list.matches", { count: offer.matchCount })}
                      {offer.matchesWaiting ? (
                        <>
                          {" · "}
                          <Link to="/organisation/matches" className="font-medium text-brand-700 underline underline-offset-4">
                            {t("list.waiting", { count: offer.matchesWaiting })}
                          </Link>
                        </>
                      ) : null}
                    </dd>
                  </div>
                </dl>
                <p className="mt-1 text-sm text-stone-600">
                  {t("list.updated", { date: offer.updated })} · <span className="font-mono">{offer.ref}</span>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
