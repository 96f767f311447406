// The hard rules as Meilisearch filters, and the words the engine looks for (docs/matching.md).
// The same rules are checked again on the database rows (hard-rules.ts). Pure.
import type { NeedCategory } from "../needs/need-category";
import { needCategoriesFor, offerCategoriesFor } from "./category-compatibility";
import type { Concept } from "./concepts";

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

/** The text queries for one side: its skills and title, its story or description, and one per concept (its trigger words). */
export function textQueries(side: { skills: readonly string[]; title: string; body: string; concepts: readonly Concept[] }, maxConcepts = 4): string[] {
  const head = [...new Set([...side.skills, ...wordsOf(side.title)])].slice(0, MAX_WORDS).join(" ");
  const body = wordsOf(side.body).join(" ");
  const concepts = side.concepts.slice(0, maxConcepts).map((concept) => [...new Set([...concept.zh, ...concept.en])].slice(0, MAX_WORDS).join(" "));
  return [head, body, ...concepts].filter((q) => q.trim().length > 0);
}
