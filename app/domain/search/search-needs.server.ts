// Searches published needs: Meilisearch first (Chinese segmentation, synonyms, typos, facets),
// PostgreSQL when the engine is unreachable, so the public site keeps answering (DESIGN §4).
import type { Meilisearch, MultiSearchQuery } from "meilisearch";
import type { Logger } from "pino";
import type { Database } from "../../../db/client.server";
import type { NeedDocument } from "../../../search/index-documents";
import { publicNeedOfHit } from "../../../search/index-documents";
import { NEEDS_INDEX, indexName } from "../../../search/index-settings";
import { CASE_TIERS } from "../cases/case-vocabulary";
import { NEED_CATEGORIES } from "../needs/need-category";
import { getRegionDirectory } from "../regions/region-directory.server";
import type { RegionDirectory } from "../regions/region-directory.server";
import type { NeedSearch } from "./search-query";
import type { NeedSort } from "./search-link";
import { effectiveSort } from "./search-link";
import { facetDistribution, withDisjunctiveFacets } from "./disjunctive-facets";
import { childRegionField, resultPage } from "./region-facets";
import type { NeedSearchResult } from "./search-result";
import { toFacetCounts } from "./search-result";
import { searchNeedsInDatabase } from "./search-needs-fallback.server";

export interface SearchContext {
  db: Database;
  search: Meilisearch;
  logger?: Pick<Logger, "warn">;
  indexPrefix?: string;
  /** How long a search may wait for the engine before PostgreSQL answers instead. */
  timeoutMs?: number;
}

const quote = (value: string) => JSON.stringify(value);
const anyOf = (field: string, values: readonly string[]) => (values.length ? `${field} IN [${values.map(quote).join(", ")}]` : null);

function needFilters(query: NeedSearch, except?: "category" | "urgency" | "money"): string[] {
  const filters = ["status IN [\"published\", \"matched\"]"];
  if (except !== "category") filters.push(anyOf("category", query.category) ?? "");
  if (except !== "urgency") filters.push(anyOf("urgency", query.urgency) ?? "");
  if (except !== "money" && query.money) filters.push(`hasTargetAmount = ${query.money === "yes"}`);
  if (query.region) filters.push(`regionPath = ${quote(query.region)}`);
  return filters.filter(Boolean);
}

const SORTS: Record<NeedSort, string[] | undefined> = {
  relevance: undefined,
  newest: ["publishedMonth:desc", "urgencyRank:desc"],
  urgent: ["urgencyRank:desc", "publishedMonth:desc"],
  // A sort orders, it never filters: needs without a target (goalSortKey null) come after the rest.
  goal: ["goalSortKey:asc", "urgencyRank:desc", "publishedMonth:desc"],
};

/** One page of needs for a search, with facet counts, the region drill-down and a degraded flag. */
export async function searchNeeds(context: SearchContext, query: NeedSearch): Promise<NeedSearchResult> {
  const directory = await getRegionDirectory(context.db);
  try {
    return await searchNeedsInEngine(context, query, directory);
  } catch (error) {
    context.logger?.warn({ err: error }, "search engine unavailable: needs answered from PostgreSQL");
    return searchNeedsInDatabase(context.db, query, directory);
  }
}

/** The multi-search the engine answers for a needs search: the page, then one query per facet with a choice in it. */
export function needSearchQueries(query: NeedSearch, indexUid: string): MultiSearchQuery[] {
  const sort = effectiveSort(query);
  const childField = childRegionField(query.region);
  const page: MultiSearchQuery = {
    indexUid,
    q: query.q,
    filter: needFilters(query),
    sort: SORTS[sort],
    page: query.page,
    hitsPerPage: query.pageSize,
    facets: childField ? [childField] : [],
  };
  return withDisjunctiveFacets(page, [
    { field: "category", filterWithout: query.category.length ? needFilters(query, "category") : null },
    { field: "urgency", filterWithout: query.urgency.length ? needFilters(query, "urgency") : null },
    { field: "hasTargetAmount", filterWithout: query.money ? needFilters(query, "money") : null },
  ]);
}

async function searchNeedsInEngine(context: SearchContext, query: NeedSearch, directory: RegionDirectory): Promise<NeedSearchResult> {
  const sort = effectiveSort(query);
  const childField = childRegionField(query.region);
  const queries = needSearchQueries(query, indexName(NEEDS_INDEX, context.indexPrefix));
  const { results } = await context.search.multiSearch<{ queries: MultiSearchQuery[] }, NeedDocument>(
    { queries },
    { signal: AbortSignal.timeout(context.timeoutMs ?? 2_000) },
  );
  const [main] = results;
  if (!main) throw new Error("Meilisearch returned no results");
  const money = facetDistribution(results, "hasTargetAmount");
  const total = main.totalHits ?? main.estimatedTotalHits ?? 0;
  const childCounts = childField ? main.facetDistribution?.[childField] : undefined;
  return {
    items: main.hits.map(publicNeedOfHit),
    ...resultPage(directory, query, total, sort, childCounts),
    facets: {
      category: toFacetCounts(facetDistribution(results, "category"), NEED_CATEGORIES),
      urgency: toFacetCounts(facetDistribution(results, "urgency"), CASE_TIERS),
      money: [
        { value: "yes", count: money?.true ?? 0 },
        { value: "no", count: money?.false ?? 0 },
      ],
    },
    degraded: false,
  };
}
