// Candidates from Meilisearch for either direction: one multi-search of the hard-rule filter with
// each text query (its ranking score is the text relevance), plus the filter alone, so an offer
// that shares no word with the need but passes every rule can still be weighed. Throws when the
// engine does not answer; the caller falls back to PostgreSQL.
import type { MultiSearchQuery } from "meilisearch";
import type { SearchContext } from "../search/search-needs.server";

export type MatchingContext = SearchContext;

/** How many hits each query brings; the scoring then picks the best of all of them. */
const PER_QUERY = 40;
const UNRANKED = 20;

/**
 * Refs that pass `filter`, each with its best text score (0..1) over `scoredQueries`; refs found
 * only by `extraQueries` (concept trigger words) or by the filter alone score 0 here.
 */
export async function engineCandidates(
  context: MatchingContext,
  indexUid: string,
  filter: string[],
  scoredQueries: string[],
  extraQueries: string[],
  unrankedSort: string[],
): Promise<Map<string, number>> {
  // "frequency": any of the words may match, rarer ones weigh more. The default ("last") drops
  // words from the end until something matches all of them, which for a sentence-long story
  // returns nothing (docs/matching.md).
  const base = { indexUid, filter, limit: PER_QUERY, matchingStrategy: "frequency", attributesToRetrieve: ["ref"], showRankingScore: true } satisfies Partial<MultiSearchQuery>;
  const queries: MultiSearchQuery[] = [
    ...scoredQueries.map((q) => ({ ...base, q })),
    ...extraQueries.map((q) => ({ ...base, q })),
    { indexUid, filter, q: "", limit: UNRANKED, sort: unrankedSort, attributesToRetrieve: ["ref"] },
  ];
  const { results } = await context.search.multiSearch<{ queries: MultiSearchQuery[] }, { ref: string }>({ queries }, { signal: AbortSignal.timeout(context.timeoutMs ?? 2_000) });
  const candidates = new Map<string, number>();
  results.forEach((result, i) => {
    for (const hit of result.hits) {
      const text = i < scoredQueries.length ? (hit._rankingScore ?? 0) : 0;
      candidates.set(hit.ref, Math.max(candidates.get(hit.ref) ?? 0, text));
    }
  });
  return candidates;
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

/** Without the engine: the share of the query's character pairs the text contains (a plain, simpler text score). */
export function textOverlap(query: string, text: string): number {
  const wanted = bigrams(query);
  if (!wanted.size) return 0;
  const found = bigrams(text);
  let shared = 0;
  for (const pair of wanted) if (found.has(pair)) shared++;
  return shared / wanted.size;
}
