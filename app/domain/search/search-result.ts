import type { PublicNeed } from "../needs/public-need";
import type { PublicOffer } from "../offers/public-offer";
import type { NeedSort, OfferSort } from "./search-link";

export interface FacetCount {
  value: string;
  count: number;
}

export interface RegionOption {
  code: string;
  nameZh: string;
  nameEn: string;
  count?: number;
}

interface SearchPage<T, S> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  sort: S;
  /** The selected region and its ancestors, province first, for a breadcrumb. */
  regionTrail: RegionOption[];
  /** The next level down inside the selected region (or the provinces), with counts. */
  regionChildren: RegionOption[];
  /** True when the search engine was unavailable and PostgreSQL answered instead. */
  degraded: boolean;
}

export interface NeedSearchResult extends SearchPage<PublicNeed, NeedSort> {
  facets: { category: FacetCount[]; urgency: FacetCount[]; money: FacetCount[] };
}

export interface OfferSearchResult extends SearchPage<PublicOffer, OfferSort> {
  facets: { category: FacetCount[]; kind: FacetCount[] };
}

/** Regions a code sits in, province first: "532923" → ["53", "5329", "532923"]. */
export function regionAncestry(code: string): string[] {
  return [code.slice(0, 2), code.slice(0, 4), code.slice(0, 6)].filter((c, i, all) => c.length === (i + 1) * 2 && c.length <= code.length && all.indexOf(c) === i);
}

export function toFacetCounts(distribution: Record<string, number> | undefined, order: readonly string[]): FacetCount[] {
  return order.map((value) => ({ value, count: distribution?.[value] ?? 0 }));
}
