// The bodies of the list endpoints, built from a search result as the documented types (so the
// compiler holds them to public-schemas.ts): the items, paging, facets and relative links.
import type { NeedSearch, OfferSearch } from "../domain/search/search-query";
import { toQueryString } from "../domain/search/search-link";
import type { NeedSearchResult, OfferSearchResult, RegionOption } from "../domain/search/search-result";
import type { NeedListBody, OfferListBody } from "./public-schemas";

type Links = NeedListBody["links"];

/** Relative links to this page and its neighbours; past the last page, prev leads back to the last. */
export function pageLinks(path: string, query: NeedSearch | OfferSearch, result: { page: number; totalPages: number }): Links {
  const at = (page: number) => `${path}${toQueryString(query, { page })}`;
  return {
    self: at(result.page),
    next: result.page < result.totalPages ? at(result.page + 1) : null,
    prev: result.page > 1 ? at(Math.min(result.page - 1, result.totalPages)) : null,
  };
}

const regionFacet = (regions: RegionOption[]) => regions.map(({ code, nameZh, nameEn, count }) => ({ value: code, nameZh, nameEn, count: count ?? 0 }));

const meta = <S extends string>(result: { total: number; page: number; pageSize: number; totalPages: number; sort: S; degraded: boolean }) => ({
  total: result.total,
  page: result.page,
  pageSize: result.pageSize,
  totalPages: result.totalPages,
  sort: result.sort,
  degraded: result.degraded,
});

/** The body of GET /api/v1/needs. */
export function needListBody(path: string, query: NeedSearch, result: NeedSearchResult): NeedListBody {
  return {
    data: result.items,
    meta: meta(result),
    facets: { ...result.facets, region: regionFacet(result.regionChildren) },
    links: pageLinks(path, query, result),
  };
}

/** The body of GET /api/v1/offers. */
export function offerListBody(path: string, query: OfferSearch, result: OfferSearchResult): OfferListBody {
  return {
    data: result.items,
    meta: meta(result),
    facets: { ...result.facets, region: regionFacet(result.regionChildren) },
    links: pageLinks(path, query, result),
  };
}
