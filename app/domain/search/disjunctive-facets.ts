// Disjunctive facets in one multi-search: a facet's counts leave out its own filter (choosing 就业
// still shows how many 培训 needs there are). A facet with nothing chosen in it has the page's own
// filter, so the page's query counts it; only a facet with a choice needs a query of its own. A
// plain text search is then one query to the engine instead of one per facet.
import type { MultiSearchQuery, MultiSearchResult } from "meilisearch";

export interface DisjunctiveFacet {
  /** The document field counted. */
  field: string;
  /** The page's filter without this facet's choice, or null when nothing is chosen in it. */
  filterWithout: string[] | null;
}

/** The page's query, counting every facet with nothing chosen, then a count-only query for each facet with a choice. */
export function withDisjunctiveFacets(page: MultiSearchQuery, facets: readonly DisjunctiveFacet[]): MultiSearchQuery[] {
  const unchosen = facets.filter((facet) => facet.filterWithout === null).map((facet) => facet.field);
  const chosen = facets.flatMap(({ field, filterWithout }) => (filterWithout ? [{ field, filterWithout }] : []));
  return [
    { ...page, facets: [...(page.facets ?? []), ...unchosen] },
    ...chosen.map(({ field, filterWithout }): MultiSearchQuery => ({ indexUid: page.indexUid, q: page.q, filter: filterWithout, facets: [field], hitsPerPage: 0 })),
  ];
}

/** A field's counts, from whichever of the queries counted it. */
export function facetDistribution(results: readonly Pick<MultiSearchResult<unknown>, "facetDistribution">[], field: string): Record<string, number> | undefined {
  for (const result of results) {
    const counts = result.facetDistribution?.[field];
    if (counts) return counts;
  }
  return undefined;
}
