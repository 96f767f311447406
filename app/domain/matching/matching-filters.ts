// The hard rules as Meilisearch filters, and the words the engine looks for (docs/matching.md).
// The same rules are checked again on the database rows (hard-rules.ts). Pure.
import type { NeedCategory } from "../needs/need-category";
import { needCategoriesFor, offerCategoriesFor } from "./category-compatibility";
import type { Concept } from "./concepts";
import { skillTerms } from "./score-suggestion";

/** How many suggestions a caller gets unless it asks, and the most it may ask for. */
export const DEFAULT_SUGGESTIONS = 10;
export const MAX_SUGGESTIONS = 50;

const quote = (value: string) => JSON.stringify(value);
const anyOf = (field: string, values: readonly string[]) => `${field} IN [${values.map(quote).join(", ")}]`;

/**
 * Offers that may serve a need in `regionPath` (province, prefecture, county) and `category` today:
 * open, valid today, with places left, covering the county or a region around it, in a compatible
 * category. Only verified organisations' offers are in the index; the database check repeats that.
 */
export function offerFilterFor(need: { category: NeedCategory; regionPath: readonly string[] }, today: string): string[] {
  return [
    'status = "open"',
    "remainingCapacity > 0",
    `(validFrom IS NULL OR validFrom <= ${quote(today)})`,
    `(validUntil IS NULL OR validUntil >= ${quote(today)})`,
    anyOf("category", offerCategoriesFor(need.category)),
    anyOf("regionCodes", need.regionPath),
  ];
}

/** Published needs an offer may serve: in a region it covers (or below), in a compatible category. */
export function needFilterFor(offer: { category: NeedCategory; regionCodes: readonly string[] }, scope?: string): string[] {
  return [
    // A matched need is being helped already; it is not offered to others.
    'status = "published"',
    anyOf("category", needCategoriesFor(offer.category)),
    anyOf("regionPath", offer.regionCodes),
    ...(scope ? [`regionPath = ${quote(scope)}`] : []),
  ];
}

// Meilisearch reads at most ten words of a query.
const MAX_WORDS = 10;

/** Words of a title or a skill list worth searching for (digits and punctuation dropped). */
export function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}]+/u).filter((word) => word.length > 1 || /\p{Script=Han}/u.test(word));
}

/** One search that gathers candidates: the hard-rule filter, narrowed or with words to look for. */
export interface CandidateSearch {
  /** Words to look for ("frequency": any may match); empty for a filter-only search. */
  q: string;
  filter: string[];
  sort?: string[];
  limit: number;
}

/** What one side (a need, or an offer) brings to the search for the other side. */
export interface CandidateSide {
  skills: readonly string[];
  title: string;
  concepts: readonly Concept[];
}

/** How many candidates each search brings; the scoring then picks the best of all of them. */
const SHARED_LIMIT = 30;
const UNRANKED_LIMIT = 15;

/**
 * The searches that gather candidates for `side` among documents passing `filter` (docs/matching.md):
 * those tagged with every concept the side mentions, those tagged with any of them, those listing
 * one of its skills (or a skill the vocabulary makes equal), and the filter alone in `unrankedSort`
 * order, so a document sharing nothing still gets weighed. These are filters on index-only tags, which
 * cost the engine a few milliseconds where a sentence searched word by word costs tens. Only a side
 * with neither concepts nor skills is searched by its title's words.
 */
export function candidateSearches(side: CandidateSide, filter: string[], unrankedSort: string[]): CandidateSearch[] {
  const searches: CandidateSearch[] = [];
  const conceptIds = [...new Set(side.concepts.map((concept) => concept.id))];
  if (conceptIds.length > 1) searches.push({ q: "", filter: [...filter, ...conceptIds.map((id) => `concepts = ${quote(id)}`)], sort: unrankedSort, limit: SHARED_LIMIT });
  if (conceptIds.length) searches.push({ q: "", filter: [...filter, anyOf("concepts", conceptIds)], sort: unrankedSort, limit: SHARED_LIMIT });
  const skills = [...new Set(side.skills.flatMap((skill) => [...skillTerms(skill)]))];
  if (skills.length) searches.push({ q: "", filter: [...filter, anyOf("skills", skills)], sort: unrankedSort, limit: SHARED_LIMIT });
  if (!conceptIds.length && !skills.length) {
    const words = [...new Set(wordsOf(side.title))].slice(0, MAX_WORDS).join(" ");
    if (words) searches.push({ q: words, filter, limit: SHARED_LIMIT });
  }
  searches.push({ q: "", filter, sort: unrankedSort, limit: UNRANKED_LIMIT });
  return searches;
}
