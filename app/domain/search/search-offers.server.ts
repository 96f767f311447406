// Searches listed offers: Meilisearch first, PostgreSQL when the engine is unreachable (DESIGN §4).
// An offer is available in a region when it covers that region, a region inside it (an offer for
// 5329 shows under 53) or a region around it (an offer for 53 shows under 5329 and 532923).
import type { MultiSearchQuery, MultiSearchResult } from "meilisearch";
import type { OfferDocument } from "../../../search/index-documents";
import { publicOfferOfHit } from "../../../search/index-documents";
import { OFFERS_INDEX, indexName } from "../../../search/index-settings";
import { NEED_CATEGORIES } from "../needs/need-category";
import { ORGANISATION_KINDS } from "../organisations/organisation-vocabulary";
import { getRegionDirectory } from "../regions/region-directory.server";
import type { RegionDirectory } from "../regions/region-directory.server";
import { facetDistribution, withDisjunctiveFacets } from "./disjunctive-facets";
import { resultPage } from "./region-facets";
import { searchOffersInDatabase } from "./search-offers-fallback.server";
import { childOfferRegionField, offerRegionCounts } from "./search-offers-regions";
import type { SearchContext } from "./search-needs.server";
import type { OfferSearch } from "./search-query";
import type { OfferSort } from "./search-link";
import { effectiveSort } from "./search-link";
import type { OfferSearchResult } from "./search-result";
import { regionAncestry, toFacetCounts } from "./search-result";

const quote = (value: string) => JSON.stringify(value);
const anyOf = (field: string, values: readonly string[]) => (values.length ? `${field} IN [${values.map(quote).join(", ")}]` : null);

function offerFilters(query: OfferSearch, except?: "category" | "kind"): string[] {
  // The index holds listed offers only; the status filter keeps a stray document out all the same.
  const filters = ['status = "open"'];
  if (except !== "category") filters.push(anyOf("category", query.category) ?? "");
  if (except !== "kind") filters.push(anyOf("organisationKind", query.kind) ?? "");
  if (query.region) filters.push(`(regionPath = ${quote(query.region)} OR ${anyOf("regionCodes", regionAncestry(query.region))})`);
  return filters.filter(Boolean);
}

// Ties on the sort fall through to the ranking rules: policyRank, then updatedMonth.
const SORTS: Record<OfferSort, string[] | undefined> = {
  relevance: undefined,
  newest: ["updatedMonth:desc"],
  capacity: ["remainingCapacity:desc"],
  closing: ["validUntil:asc"],
};

/** One page of listed offers for a search, with facet counts, the region drill-down and a degraded flag. */
export async function searchOffers(context: SearchContext, query: OfferSearch): Promise<OfferSearchResult> {
  const directory = await getRegionDirectory(context.db);
  try {
    return await searchOffersInEngine(context, query, directory);
  } catch (error) {
    context.logger?.warn({ err: error }, "search engine unavailable: offers answered from PostgreSQL");
    return searchOffersInDatabase(context.db, query, directory);
  }
}

async function searchOffersInEngine(context: SearchContext, query: OfferSearch, directory: RegionDirectory): Promise<OfferSearchResult> {
  const sort = effectiveSort(query);
  const indexUid = indexName(OFFERS_INDEX, context.indexPrefix);
  const childField = childOfferRegionField(query.region);
  const page: MultiSearchQuery = {
    indexUid,
    q: query.q,
    filter: offerFilters(query),
    sort: SORTS[sort],
    page: query.page,
    hitsPerPage: query.pageSize,
    facets: !query.region && childField ? [childField] : [],
  };
  const queries = withDisjunctiveFacets(page, [
    { field: "category", filterWithout: query.category.length ? offerFilters(query, "category") : null },
    { field: "organisationKind", filterWithout: query.kind.length ? offerFilters(query, "kind") : null },
  ]);
  // Within a region: the results that do not cover the selection or a region around it, by child region (last).
  const outside = query.region && childField ? `NOT ${anyOf("regionCodes", regionAncestry(query.region))}` : null;
  if (outside && childField) queries.push({ indexUid, q: query.q, filter: [...offerFilters(query), outside], facets: [childField], hitsPerPage: 0 });
  const { results } = await context.search.multiSearch<{ queries: MultiSearchQuery[] }, OfferDocument>(
    { queries },
    { signal: AbortSignal.timeout(context.timeoutMs ?? 2_000) },
  );
  const main = results[0];
  const narrow = outside ? results.at(-1) : undefined;
  if (!main) throw new Error("Meilisearch returned no results");
  const total = hitCount(main);
  const childCounts = !childField
    ? undefined
    : query.region
      ? offerRegionCounts(directory, query.region, narrow?.facetDistribution?.[childField], total - (narrow ? hitCount(narrow) : 0))
      : main.facetDistribution?.[childField];
  return {
    items: main.hits.map(publicOfferOfHit),
    ...resultPage(directory, query, total, sort, childCounts),
    facets: {
      category: toFacetCounts(facetDistribution(results, "category"), NEED_CATEGORIES),
      kind: toFacetCounts(facetDistribution(results, "organisationKind"), ORGANISATION_KINDS),
    },
    degraded: false,
  };
}

const hitCount = (result: MultiSearchResult<OfferDocument>) => result.totalHits ?? result.estimatedTotalHits ?? 0;
