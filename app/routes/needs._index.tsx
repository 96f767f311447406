// /needs?q=电工&category=job&region=53… — search the published needs. The address holds the whole
// search (words, filters, region, sort, page), so it can be shared; the page works without
// JavaScript and updates as the visitor types with it.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { searchNeeds } from "../domain/search/search-needs.server";
import type { NeedSort } from "../domain/search/search-link";
import { parseNeedSearch } from "../domain/search/search-query";
import { toQueryString } from "../domain/search/search-link";
import { getPageLocale } from "../i18n/page-locale.server";
import { EmptyState } from "../ui/empty-state";
import { formatCount } from "../ui/format";
import { withNeedAmount } from "../ui/format-amount.server";
import { regionName, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { NeedCard } from "../ui/need-card";
import { Pagination } from "../ui/pagination";
import { FacetCheckboxes, FacetRadios, RegionDrillDown } from "../ui/search-filters";
import type { FacetOption } from "../ui/search-filters";
import { keepOnlyHref, pageHref, paramHref, withoutValueHref } from "../ui/search-href";
import type { FilterChip } from "../ui/search-page";
import { SearchPage, sortChoices } from "../ui/search-page";
import { listParam, useLiveSearch, useShownSearch } from "../ui/use-live-search";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Lenient: what cannot be read is dropped, so an old or hand-edited link still shows results.
  const { query } = parseNeedSearch(new URL(request.url).searchParams);
  if (!query) throw new Response("Bad Request", { status: 400 });
  const { db, search, logger, indexPrefix } = context.runtime;
  const [{ locale, t }, { items, ...result }] = await Promise.all([getPageLocale(request), searchNeeds({ db, search, logger, indexPrefix }, query)]);
  const paged = query.page > 1;
  const heading = query.q ? t(paged ? "meta.needsSearchPage" : "meta.needsSearch", { q: query.q, page: query.page }) : t(paged ? "meta.needsPage" : "meta.needs", { page: query.page });
  return {
    title: t("meta.suffix", { title: heading }),
    query,
    /** The search without its page, as links write it; the page's links change one thing in it. */
    canonical: toQueryString({ ...query, page: 1 }),
    ...result,
    needs: items.map((need) => withNeedAmount(need, locale)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

const PATH = "/needs";
const SORTS = ["relevance", "newest", "urgent", "goal"] as const satisfies readonly NeedSort[];
// What the filters panel keeps when "clear the filters" is chosen.
const NOT_FILTERS = ["q", "sort", "pageSize"];

export default function NeedsSearch() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const live = useLiveSearch(PATH);
  const { params, isBusy } = useShownSearch();
  const { query, canonical, facets } = data;
  const current = data.regionTrail.at(-1);

  const count = (list: { value: string; count: number }[], value: string) => list.find((f) => f.value === value)?.count ?? 0;
  const options = (list: { value: string; count: number }[], label: (value: string) => string): FacetOption[] =>
    list.map((f) => ({ value: f.value, label: label(f.value), count: f.count }));
  const moneyLabel = (value: string) => (value === "yes" ? t("needs.moneyYes") : value === "no" ? t("needs.moneyNo") : t("needs.moneyAny"));
  const yes = count(facets.money, "yes");
  const no = count(facets.money, "no");

  const currentName = current ? regionName({ zh: current.nameZh, en: current.nameEn }, locale) : undefined;
  const chips: FilterChip[] = [
    ...(query.q ? [{ key: "q", label: t("search.words", { q: query.q }), href: paramHref(PATH, canonical, "q", undefined) }] : []),
    ...query.category.map((value) => ({ key: `category-${value}`, label: t(`category.${value}`), href: withoutValueHref(PATH, canonical, "category", value) })),
    ...(currentName ? [{ key: "region", label: currentName.text, lang: currentName.lang, href: paramHref(PATH, canonical, "region", undefined) }] : []),
    ...query.urgency.map((value) => ({ key: `urgency-${value}`, label: t(`urgency.${value}`), href: withoutValueHref(PATH, canonical, "urgency", value) })),
    ...(query.money ? [{ key: "money", label: moneyLabel(query.money), href: paramHref(PATH, canonical, "money", undefined) }] : []),
  ];
  const filterCount = chips.filter((chip) => chip.key !== "q").length;

  const noResults = query.q || filterCount ? (
    <EmptyState
      message={t("needs.noMatch")}
      action={filterCount ? { to: keepOnlyHref(PATH, canonical, NOT_FILTERS), label: t("search.clearFilters") } : { to: PATH, label: t("home.allNeeds") }}
    />
  ) : (
    <EmptyState message={t("needs.empty")} />
  );

  return (
    <SearchPage
      action={PATH}
      title={t("needs.title")}
      intro={t("needs.intro")}
      searchLabel={t("needs.searchLabel")}
      searchHint={t("needs.searchHint")}
      q={query.q}
      hidden={{ region: isBusy ? (params.get("region") ?? undefined) : query.region, pageSize: new URLSearchParams(canonical).get("pageSize") ?? undefined }}
      activeFilterCount={filterCount}
      found={t("needs.found", { count: data.total, total: formatCount(data.total, locale) })}
      sort={sortChoices(SORTS, params, (sort) => t(`search.sort.${sort}`))}
      chips={chips}
      clearHref={PATH}
      degraded={data.degraded}
      isBusy={isBusy}
      live={live}
      filters={
        <>
          <FacetCheckboxes
            legend={t("needs.category")}
            name="category"
            options={options(facets.category, (value) => t(`category.${value}`))}
            selected={listParam(params, "category")}
            onPick={live.onPick}
          />
          <RegionDrillDown trail={data.regionTrail} subregions={data.regionChildren} hrefFor={(code) => paramHref(PATH, canonical, "region", code)} />
          <FacetCheckboxes
            legend={t("needs.urgency")}
            name="urgency"
            options={options(facets.urgency, (value) => t(`urgency.${value}`))}
            selected={listParam(params, "urgency")}
            onPick={live.onPick}
          />
          <FacetRadios
            legend={t("needs.money")}
            name="money"
            options={[
              { value: "", label: moneyLabel(""), count: yes + no },
              { value: "yes", label: moneyLabel("yes"), count: yes },
              { value: "no", label: moneyLabel("no"), count: no },
            ]}
            selected={[params.get("money") ?? ""]}
            onPick={live.onPick}
          />
        </>
      }
    >
      {data.needs.length ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {data.needs.map(({ need, amountLabel }) => (
            <li key={need.ref}>
              <NeedCard need={need} amountLabel={amountLabel} headingLevel="h3" />
            </li>
          ))}
        </ul>
      ) : data.total === 0 ? (
        noResults
      ) : (
        <EmptyState message={t("needs.beyondLast")} action={{ to: pageHref(PATH, canonical, 1), label: t("needs.backToFirst") }} />
      )}
      {data.needs.length ? <Pagination page={data.page} pageCount={data.totalPages} hrefFor={(page) => pageHref(PATH, canonical, page)} /> : null}
    </SearchPage>
  );
}
