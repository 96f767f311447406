// Candidates from Meilisearch for either direction: one multi-search of the searches
// `candidateSearches` plans (matching-filters.ts), each within the hard-rule filter. Throws when the
// engine does not answer; the caller falls back to PostgreSQL.
import type { MultiSearchQuery } from "meilisearch";
import type { SearchContext } from "../search/search-needs.server";
import type { CandidateSearch } from "./matching-filters";

export type MatchingContext = SearchContext;

/** The refs of every document the searches found, in the order found, each once. */
export async function engineCandidates(context: MatchingContext, indexUid: string, searches: readonly CandidateSearch[]): Promise<string[]> {
  const queries: MultiSearchQuery[] = searches.map(({ q, filter, sort, limit }) => ({
    indexUid,
    q,
    filter,
    limit,
    ...(sort ? { sort } : {}),
    // "frequency": any of the words may match, rarer ones weigh more. The default ("last") drops
    // words from the end until something matches all of them (docs/matching.md).
    ...(q ? { matchingStrategy: "frequency" as const } : {}),
    attributesToRetrieve: ["ref"],
  }));
  const { results } = await context.search.multiSearch<{ queries: MultiSearchQuery[] }, { ref: string }>({ queries }, { signal: AbortSignal.timeout(context.timeoutMs ?? 2_000) });
  return [...new Set(results.flatMap((result) => result.hits.map((hit) => hit.ref)))];
}

/** Character pairs of a text's letters (Chinese has no spaces; pairs stand in for words). */
function bigrams(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const run of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) pairs.add(`${chars[i]}${chars[i + 1]}`);
  }
  return pairs;
}

/** The share of the query's character pairs the text contains: the text relevance the scoring weighs. */
export function textOverlap(query: string, text: string): number {
  const wanted = bigrams(query);
  if (!wanted.size) return 0;
  const found = bigrams(text);
  let shared = 0;
  for (const pair of wanted) if (found.has(pair)) shared++;
  return shared / wanted.size;
}
