// /offers?page=N — open offers of verified organisations, most recently updated first.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPublicOffers } from "../domain/offers/public-offers.server";
import { EmptyState } from "../ui/empty-state";
import { formatCount } from "../ui/format";
import { withOfferAmount } from "../ui/format-amount.server";
import { useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { OfferCard } from "../ui/offer-card";
import { Pagination } from "../ui/pagination";
import { LIST_PAGE_SIZE, countPages, parseListPage } from "./list-page.server";
import { getPageLocale } from "../i18n/page-locale.server";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = parseListPage(request);
  const [{ locale, t }, { items, total }] = await Promise.all([
    getPageLocale(request),
    listPublicOffers(context.runtime.db, { page, pageSize: LIST_PAGE_SIZE }),
  ]);
  const heading = page > 1 ? t("meta.offersPage", { page }) : t("meta.offers");
  return { title: t("meta.suffix", { title: heading }), page, pageCount: countPages(total), total, offers: items.map((offer) => withOfferAmount(offer, locale)) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

/** Page 1 has no query string, so there is one address for the start of the list. */
const offersPageHref = (page: number) => (page === 1 ? "/offers" : `/offers?page=${page}`);

export default function OffersList() {
  const { page, pageCount, total, offers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">{t("offers.title")}</h1>
        <p className="mt-2 max-w-3xl text-stone-700">{t("offers.intro")}</p>
        {total > 0 ? <p className="mt-1 text-sm text-stone-600">{t("offers.total", { total: formatCount(total, locale) })}</p> : null}
      </header>
      <div className="mt-6">
        {offers.length ? (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {offers.map(({ offer, amountLabel }) => (
              <li key={offer.ref}>
                <OfferCard offer={offer} amountLabel={amountLabel} />
              </li>
            ))}
          </ul>
        ) : total === 0 ? (
          <EmptyState message={t("offers.empty")} />
        ) : (
          <EmptyState message={t("offers.beyondLast")} action={{ to: offersPageHref(1), label: t("offers.backToFirst") }} />
        )}
      </div>
      {offers.length ? <Pagination page={page} pageCount={pageCount} hrefFor={offersPageHref} /> : null}
    </>
  );
}
