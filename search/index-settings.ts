// Index settings as code (DESIGN §4). The documents are the public projections plus the index's own
// sort and rank fields (index-documents.ts), so every attribute named here must be one of those
// (index-settings.test.ts); only the projection's fields are displayed.
import type { GranularFilterableAttribute, Settings } from "meilisearch";
import type { PublicNeed } from "../app/domain/needs/public-need";
import type { PublicOffer } from "../app/domain/offers/public-offer";
import { PUBLIC_NEED_FIELDS } from "../app/domain/needs/public-need";
import { PUBLIC_OFFER_FIELDS } from "../app/domain/offers/public-offer";
import type { NeedDocument, OfferDocument } from "./index-documents";

export const NEEDS_INDEX = "needs";
export const OFFERS_INDEX = "offers";
export const PRIMARY_KEY = "ref" satisfies keyof PublicNeed & keyof PublicOffer & keyof NeedDocument & keyof OfferDocument;

/** The index uid for `base`, optionally prefixed (`tmp` → `tmp_needs`) for tests and reindexing. */
export function indexName(base: string, prefix?: string): string {
  if (!prefix) return base;
  // Meilisearch accepts only these characters in an index uid.
  if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new Error(`invalid index prefix ${JSON.stringify(prefix)}`);
  return `${prefix}_${base}`;
}

/** Filters by value only: codes, enums, and money kept as exact text. */
function equalityOnly(attributePatterns: string[], facetSearch = false): GranularFilterableAttribute {
  return { attributePatterns, features: { facetSearch, filter: { equality: true, comparison: false } } };
}

/** Filters by value and by range: numbers, and months / dates as ISO text (which sorts correctly). */
function withRanges(attributePatterns: string[]): GranularFilterableAttribute {
  return { attributePatterns, features: { facetSearch: false, filter: { equality: true, comparison: true } } };
}

// Mixed Chinese / English fields are pinned to `cmn`: the Chinese segmenter keeps Latin words
// intact (English titles still match, with typos), while letting Meilisearch detect the language
// tokenizes a text with one stray kana (「小王の店」) as Japanese and hides its Chinese words.
// Giving a field both cmn and eng brings that detection back, so each pattern has one locale.
const sharedSettings = {
  // None: Meilisearch 1.21 reads its whole synonyms map on every search (5.2 ms of its CPU a search
  // with the vocabulary's and the concepts' 2,249 terms, 0.56 ms with none). The documents carry
  // the words instead: `skillWords` and `conceptWords` (index-documents.ts, docs/decisions/013).
  synonyms: {},
  typoTolerance: {
    enabled: true,
    // A typo on "2026" or an amount finds other numbers, never the one meant.
    disableOnNumbers: true,
  },
  pagination: { maxTotalHits: 100_000 },
  // Enough for every county of a prefecture in a region facet; skills facets are cut by count.
  faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { "*": "alpha", skills: "count" } },
} satisfies Settings;

/** Settings of the `needs` index; documents are `NeedDocument`s, hits show the `PublicNeed`. */
export const needsIndexSettings = {
  ...sharedSettings,
  // displayedAttributes is the projection: a stray field pushed by mistake, or a sort key, is never served.
  displayedAttributes: [...PUBLIC_NEED_FIELDS],
  // Concept words last: a need that says the words ranks above one that only means them.
  searchableAttributes: ["title", "skills", "skillWords", "story", "regionName.zh", "regionName.en", "conceptWords"],
  filterableAttributes: [
    equalityOnly(["skills"], true),
    equalityOnly(["category", "status", "urgency", "ageBand", "regionCode", "regionPath", "provinceCode", "prefectureCode", "hasTargetAmount", "fundingState", "concepts"]),
    // Money is text ("3000.00"): a range filter would compare it as text ("500.00" > "1000"),
    // so only IS NULL / = are allowed, and it is not sortable.
    equalityOnly(["targetAmount"]),
    withRanges(["urgencyRank", "publishedMonth", "updatedMonth"]),
  ],
  sortableAttributes: ["urgencyRank", "publishedMonth", "updatedMonth", "goalSortKey"],
  // At equal relevance the more urgent and then the newer need comes first.
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "urgencyRank:desc", "publishedMonth:desc"],
  localizedAttributes: [
    { attributePatterns: ["title", "skills", "skillWords", "story", "regionName.zh", "conceptWords"], locales: ["cmn"] },
    { attributePatterns: ["regionName.en"], locales: ["eng"] },
  ],
} satisfies Settings;

/** Settings of the `offers` index; documents are `OfferDocument`s, hits show the `PublicOffer`. */
export const offersIndexSettings = {
  ...sharedSettings,
  displayedAttributes: [...PUBLIC_OFFER_FIELDS],
  searchableAttributes: ["title", "skills", "skillWords", "organisationName", "description", "regionNames.zh", "regionNames.en", "conceptWords"],
  filterableAttributes: [
    equalityOnly(["skills"], true),
    equalityOnly(["category", "status", "organisationKind", "regionCodes", "regionPath", "provinceCodes", "prefectureCodes", "countyCodes", "concepts"]),
    equalityOnly(["amount"]),
    withRanges(["policyRank", "capacity", "remainingCapacity", "validFrom", "validUntil", "updatedMonth"]),
  ],
  // An offer may cover regions all over the country, so a drill-down facet inside one prefecture
  // can hold codes from anywhere; above the number of regions (3,351) none is ever cut off.
  faceting: { ...sharedSettings.faceting, maxValuesPerFacet: 4_000 },
  // validUntil is ISO text, which sorts as dates do; offers without one (null) come last whichever
  // the direction: Meilisearch puts null and missing values after all others (search-offers.db.test.ts).
  sortableAttributes: ["remainingCapacity", "validUntil", "updatedMonth", "policyRank"],
  // Policy first at comparable relevance (DESIGN §4): after the text rules, entitlements lead.
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "policyRank:desc", "updatedMonth:desc"],
  localizedAttributes: [
    { attributePatterns: ["title", "skills", "skillWords", "organisationName", "description", "regionNames.zh", "conceptWords"], locales: ["cmn"] },
    { attributePatterns: ["regionNames.en"], locales: ["eng"] },
  ],
} satisfies Settings;

const RANKING_RULE_FIELD = /^(.+):(asc|desc)$/;

/** Every attribute a settings object names (patterns included), as written. */
export function attributesNamedIn(settings: Settings): string[] {
  const named: string[] = [
    ...(settings.searchableAttributes ?? []),
    ...(settings.displayedAttributes ?? []),
    ...(settings.sortableAttributes ?? []),
    ...(settings.filterableAttributes ?? []).flatMap((rule) => (typeof rule === "string" ? [rule] : rule.attributePatterns)),
    ...(settings.localizedAttributes ?? []).flatMap((rule) => rule.attributePatterns),
    ...(settings.typoTolerance?.disableOnAttributes ?? []),
    ...Object.keys(settings.faceting?.sortFacetValuesBy ?? {}).filter((key) => key !== "*"),
    ...(settings.rankingRules ?? []).flatMap((rule) => RANKING_RULE_FIELD.exec(rule)?.slice(1, 2) ?? []),
  ];
  if (settings.distinctAttribute) named.push(settings.distinctAttribute);
  return [...new Set(named)];
}

/**
 * Attributes of `settings` that are not allowlisted fields. A nested key (`regionName.zh`) counts
 * under its top-level field; a wildcard can't be checked against a list, so it is always reported.
 */
export function attributesOutsideAllowlist(settings: Settings, allowlist: readonly string[]): string[] {
  const allowed = new Set(allowlist);
  return attributesNamedIn(settings).filter((attribute) => {
    const topLevel = attribute.split(".")[0] ?? attribute;
    return attribute.includes("*") || !allowed.has(topLevel);
  });
}
