// /offers?q=电工&kind=government&region=5329… — search the open offers, as /needs searches needs:
// the address holds the whole search; it works without JavaScript and updates live with it.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { searchOffers } from "../domain/search/search-offers.server";
import type { OfferSort } from "../domain/search/search-link";
import { parseOfferSearch } from "../domain/search/search-query";
import { toQueryString } from "../domain/search/search-link";
import { getPageLocale } from "../i18n/page-locale.server";
import { EmptyState } from "../ui/empty-state";
import { formatCount } from "../ui/format";
import { withOfferAmount } from "../ui/format-amount.server";
import { regionName, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { OfferCard } from "../ui/offer-card";
import { Pagination } from "../ui/pagination";
import { FacetCheckboxes, RegionDrillDown } from "../ui/search-filters";
import type { FacetOption } from "../ui/search-filters";
import { keepOnlyHref, pageHref, paramHref, withoutValueHref } from "../ui/search-href";
import type { FilterChip } from "../ui/search-page";
import { SearchPage, sortChoices } from "../ui/search-page";
import { listParam, useLiveSearch, useShownSearch } from "../ui/use-live-search";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Lenient: what cannot be read is dropped, so an old or hand-edited link still shows results.
  const { query } = parseOfferSearch(new URL(request.url).searchParams);
  if (!query) throw new Response("Bad Request", { status: 400 });
  const { db, search, logger, indexPrefix } = context.runtime;
  const [{ locale, t }, { items, ...result }] = await Promise.all([getPageLocale(request), searchOffers({ db, search, logger, indexPrefix }, query)]);
  const paged = query.page > 1;
  const heading = query.q ? t(paged ? "meta.offersSearchPage" : "meta.offersSearch", { q: query.q, page: query.page }) : t(paged ? "meta.offersPage" : "meta.offers", { page: query.page });
  return {
    title: t("meta.suffix", { title: heading }),
    query,
    /** The search without its page, as links write it; the page's links change one thing in it. */
    canonical: toQueryString({ ...query, page: 1 }),
    ...result,
    offers: items.map((offer) => withOfferAmount(offer, locale)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

const PATH = "/offers";
const SORTS = ["relevance", "newest", "capacity", "closing"] as const satisfies readonly OfferSort[];
// What the filters panel keeps when "clear the filters" is chosen.
const NOT_FILTERS = ["q", "sort", "pageSize"];

export default function OffersSearch() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const live = useLiveSearch(PATH);
  const { params, isBusy } = useShownSearch();
  const { query, canonical, facets } = data;
  const current = data.regionTrail.at(-1);

  const options = (list: { value: string; count: number }[], label: (value: string) => string): FacetOption[] =>
    list.map((f) => ({ value: f.value, label: label(f.value), count: f.count }));

  const currentName = current ? regionName({ zh: current.nameZh, en: current.nameEn }, locale) : undefined;
  const chips: FilterChip[] = [
    ...(query.q ? [{ key: "q", label: t("search.words", { q: query.q }), href: paramHref(PATH, canonical, "q", undefined) }] : []),
    ...query.category.map((value) => ({ key: `category-${value}`, label: t(`category.${value}`), href: withoutValueHref(PATH, canonical, "category", value) })),
    ...(currentName ? [{ key: "region", label: currentName.text, lang: currentName.lang, href: paramHref(PATH, canonical, "region", undefined) }] : []),
    ...query.kind.map((value) => ({ key: `kind-${value}`, label: t(`organisationKind.${value}`), href: withoutValueHref(PATH, canonical, "kind", value) })),
  ];
  const filterCount = chips.filter((chip) => chip.key !== "q").length;

  const noResults = query.q || filterCount ? (
    <EmptyState
      message={t("offers.noMatch")}
      action={filterCount ? { to: keepOnlyHref(PATH, canonical, NOT_FILTERS), label: t("search.clearFilters") } : { to: PATH, label: t("home.allOffers") }}
    />
  ) : (
    <EmptyState message={t("offers.empty")} />
  );

  return (
    <SearchPage
      action={PATH}
      title={t("offers.title")}
      intro={t("offers.intro")}
      searchLabel={t("offers.searchLabel")}
      searchHint={t("offers.searchHint")}
      q={query.q}
      hidden={{ region: isBusy ? (params.get("region") ?? undefined) : query.region, pageSize: new URLSearchParams(canonical).get("pageSize") ?? undefined }}
      activeFilterCount={filterCount}
      found={t("offers.found", { count: data.total, total: formatCount(data.total, locale) })}
      sort={sortChoices(SORTS, params, (sort) => t(`search.sort.${sort}`))}
      chips={chips}
      clearHref={PATH}
      degraded={data.degraded}
      isBusy={isBusy}
      live={live}
      filters={
        <>
          <FacetCheckboxes
            legend={t("offers.category")}
            name="category"
            options={options(facets.category, (value) => t(`category.${value}`))}
            selected={listParam(params, "category")}
            onPick={live.onPick}
          />
          <RegionDrillDown trail={data.regionTrail} subregions={data.regionChildren} hrefFor={(code) => paramHref(PATH, canonical, "region", code)} />
          <FacetCheckboxes
            legend={t("offers.kind")}
            name="kind"
            options={options(facets.kind, (value) => t(`organisationKind.${value}`))}
            selected={listParam(params, "kind")}
            onPick={live.onPick}
          />
        </>
      }
    >
      {data.offers.length ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {data.offers.map(({ offer, amountLabel }) => (
            <li key={offer.ref}>
              <OfferCard offer={offer} amountLabel={amountLabel} headingLevel="h3" />
            </li>
          ))}
        </ul>
      ) : data.total === 0 ? (
        noResults
      ) : (
        <EmptyState message={t("offers.beyondLast")} action={{ to: pageHref(PATH, canonical, 1), label: t("offers.backToFirst") }} />
      )}
      {data.offers.length ? <Pagination page={data.page} pageCount={data.totalPages} hrefFor={(page) => pageHref(PATH, canonical, page)} /> : null}
    </SearchPage>
  );
}
