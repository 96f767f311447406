// The parts of a search's URL that browser code needs too (sort names, limits, building links).
// No zod here: pages import this, and zod would add ~20 kB to every public page.
import type { NeedSearch, OfferSearch } from "./search-query";

export const NEED_SORTS = ["relevance", "newest", "urgent", "goal"] as const;
export type NeedSort = (typeof NEED_SORTS)[number];
export const OFFER_SORTS = ["relevance", "newest", "capacity", "closing"] as const;
export type OfferSort = (typeof OFFER_SORTS)[number];

export const MAX_QUERY_LENGTH = 100;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** The sort actually used: relevance needs words to rank by; without them, the newest first. */
export function effectiveSort<S extends string>(query: { q: string; sort?: S }): S | "relevance" | "newest" {
  if (query.sort) return query.sort === "relevance" && !query.q ? "newest" : query.sort;
  return query.q ? "relevance" : "newest";
}

/** The query string of a search, with defaults left out so links stay short and shareable. */
export function toQueryString(query: Partial<NeedSearch> | Partial<OfferSearch>, changes: Record<string, string | string[] | number | undefined> = {}): string {
  const merged: Record<string, unknown> = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
    if (key === "page" && value === 1) continue;
    if (key === "pageSize" && value === DEFAULT_PAGE_SIZE) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
