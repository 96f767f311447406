// "Similar needs" under a need's page: other needs a visitor who cares about this one may help
// with. A nice-to-have, so an engine failure yields an empty list (and a warning), never an error.
import type { MultiSearchQuery } from "meilisearch";
import { NEEDS_INDEX, indexName } from "../../../search/index-settings";
import type { PublicNeed } from "../needs/public-need";
import type { SearchContext } from "./search-needs.server";

export const SIMILAR_NEEDS_LIMIT = 4;

// Meilisearch reads at most ten words of a query; skills come first, so they are never cut.
const MAX_WORDS = 10;

/** The words to look for: the need's skills, then the words of its title (digits and punctuation dropped). */
export function similarityWords(need: Pick<PublicNeed, "skills" | "title">): string {
  const titleWords = need.title.split(/[^\p{L}]+/u).filter((word) => word.length > 1 || /\p{Script=Han}/u.test(word));
  return [...new Set([...need.skills, ...titleWords])].slice(0, MAX_WORDS).join(" ");
}

const quote = (value: string) => JSON.stringify(value);

/**
 * Up to four other needs like this one, best first: the same words in the same category and
 * province, then in the same category anywhere, then the same category in the province, and
 * only then the same words in another category.
 */
export async function similarNeeds(
  context: Pick<SearchContext, "search" | "logger" | "indexPrefix" | "timeoutMs">,
  need: PublicNeed,
  limit = SIMILAR_NEEDS_LIMIT,
): Promise<PublicNeed[]> {
  const indexUid = indexName(NEEDS_INDEX, context.indexPrefix);
  const q = similarityWords(need);
  // Only needs still waiting for help: a matched one is already being looked after.
  const open = 'status = "published"';
  const category = `category = ${quote(need.category)}`;
  const province = `provinceCode = ${quote(need.provinceCode)}`;
  // One more than wanted from each: the need itself may be among them (ref is not filterable).
  const base = { indexUid, limit: limit + 1, matchingStrategy: "last" } satisfies Partial<MultiSearchQuery>;
  const queries: MultiSearchQuery[] = [
    { ...base, q, filter: [open, category, province] },
    { ...base, q, filter: [open, category] },
    { ...base, q: "", filter: [open, category, province] },
    ...(q ? [{ ...base, q, filter: [open] }] : []),
  ];
  try {
    const { results } = await context.search.multiSearch<{ queries: MultiSearchQuery[] }, PublicNeed>(
      { queries },
      { signal: AbortSignal.timeout(context.timeoutMs ?? 1_000) },
    );
    const seen = new Set([need.ref]);
    const out: PublicNeed[] = [];
    for (const hit of results.flatMap((result) => result.hits)) {
      if (out.length >= limit) break;
      if (seen.has(hit.ref)) continue;
      seen.add(hit.ref);
      const { _formatted: _f, _matchesPosition: _m, _rankingScore: _r, _rankingScoreDetails: _d, _federation: _fe, ...similar } = hit;
      out.push(similar);
    }
    return out;
  } catch (error) {
    context.logger?.warn({ err: error, need: need.ref }, "similar needs unavailable: search engine did not answer");
    return [];
  }
}
