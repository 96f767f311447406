// Offers for a need (DESIGN §4): hard rules in the engine's filter, candidates gathered by
// Meilisearch, then every candidate checked against its database row and scored by
// scoreSuggestion. Without the engine, PostgreSQL applies the rules and gathers the candidates;
// the result says so (degraded). docs/matching.md explains the weighing.
import { OFFERS_INDEX, indexName } from "../../../search/index-settings";
import type { PublicOffer } from "../offers/public-offer";
import { toPublicOffers } from "../offers/public-offers.server";
import { POLICY_RANK } from "../offers/public-offer";
import { getRegionDirectory } from "../regions/region-directory.server";
import type { Concept } from "./concepts";
import { conceptsIn } from "./concepts";
import type { MatchingContext } from "./engine-candidates.server";
import { engineCandidates, textOverlap } from "./engine-candidates.server";
import { hardRuleFailures, matchingToday } from "./hard-rules";
import { ruleOffer } from "./pair-rules.server";
import { DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS, candidateSearches, offerFilterFor } from "./matching-filters";
import type { MatchingNeed, MatchingOfferRow } from "./matching-rows.server";
import { allowedOfferRows, offerRowsByRefs, readNeedForMatching } from "./matching-rows.server";
import type { MatchReason } from "./reasons";
import { coveringRegion } from "./covering-region";
import { scoreSuggestion } from "./score-suggestion";

export type { MatchingContext } from "./engine-candidates.server";

export interface OfferSuggestion {
  offer: PublicOffer;
  importKey: string | null;
  /** 0..1, two decimals. */
  score: number;
  reasons: MatchReason[];
}

export interface OfferSuggestions {
  suggestions: OfferSuggestion[];
  /** True when the search engine did not answer and PostgreSQL did, with simpler scoring. */
  degraded: boolean;
}

export interface SuggestOptions {
  limit?: number;
  /** YYYY-MM-DD in Asia/Shanghai; today unless a test or benchmark says otherwise. */
  today?: string;
}

export { DEFAULT_SUGGESTIONS };
/** Rows PostgreSQL weighs without the engine: the hard rules usually leave far fewer. */
const FALLBACK_ROWS = 500;

/** Suggested offers for a need (any status; callers decide who may ask), best first. */
export async function suggestOffersForNeed(context: MatchingContext, needRef: string, options: SuggestOptions = {}): Promise<OfferSuggestion[]> {
  return (await findOfferSuggestions(context, needRef, options)).suggestions;
}

/** suggestOffersForNeed with whether the search engine answered. `needRef` may be the need's import key. */
export async function findOfferSuggestions(context: MatchingContext, needRef: string, options: SuggestOptions = {}): Promise<OfferSuggestions> {
  const limit = Math.min(MAX_SUGGESTIONS, Math.max(1, options.limit ?? DEFAULT_SUGGESTIONS));
  const today = options.today ?? matchingToday();
  const need = await readNeedForMatching(context.db, needRef);
  const concepts = conceptsIn([need.title, need.story, ...need.skills].join(" "));
  // Text relevance is one measure in both paths: the share of the need's title and skills the offer's text holds.
  const needText = [need.title, ...need.skills].join(" ");
  const textOf = (row: MatchingOfferRow) => textOverlap(needText, [row.title, row.description, ...row.skills].join(" "));

  let rows: MatchingOfferRow[];
  let degraded = false;
  try {
    const searches = candidateSearches({ skills: need.skills, title: need.title, concepts }, offerFilterFor(need, today), ["policyRank:desc", "updatedMonth:desc"]);
    rows = await offerRowsByRefs(context.db, await engineCandidates(context, indexName(OFFERS_INDEX, context.indexPrefix), searches));
  } catch (error) {
    context.logger?.warn({ err: error, need: need.ref }, "search engine unavailable: suggestions answered from PostgreSQL");
    degraded = true;
    rows = await allowedOfferRows(context.db, need, today, FALLBACK_ROWS);
  }

  const directory = await getRegionDirectory(context.db);
  const now = Date.now();
  const scored = rows.flatMap((row) => {
    const failures = hardRuleFailures(
      { category: need.category, regionCode: need.regionCode, status: need.status },
      ruleOffer(row),
      today,
    ).filter((rule) => rule !== "need-not-public");
    if (failures.length) return [];
    const covering = coveringRegion(row.regionCodes, need.regionCode, directory);
    const result = scoreSuggestion({
      text: textOf(row),
      needSkills: need.skills,
      offerSkills: row.skills,
      offerText: `${row.title} ${row.description}`,
      needConcepts: concepts,
      offerConcepts: offerConcepts(row),
      conceptBasis: "need",
      coveringRegion: covering,
      urgency: need.urgency,
      isPolicy: isPolicyOffer(row),
      remainingCapacity: row.remainingCapacity,
      ageDays: (now - row.updatedAt.getTime()) / 86_400_000,
    });
    return [{ row, ...result }];
  });
  // Best first; ties by policy, then by reference so the order is stable.
  scored.sort((a, b) => b.exact - a.exact || POLICY_RANK[b.row.organisationKind] - POLICY_RANK[a.row.organisationKind] || a.row.ref.localeCompare(b.row.ref));
  const best = scored.slice(0, limit);
  const projections = new Map((await toPublicOffers(context.db, best.map((s) => s.row))).map((offer) => [offer.ref, offer]));
  const suggestions = best.flatMap(({ row, score, reasons }) => {
    const offer = projections.get(row.ref);
    return offer ? [{ offer, importKey: row.importKey, score, reasons }] : [];
  });
  return { suggestions, degraded };
}

/** A public entitlement: an offer of government, or of type entitlement (应享尽享). */
export function isPolicyOffer(row: Pick<MatchingOfferRow, "organisationKind" | "offerType">): boolean {
  return row.organisationKind === "government" || row.offerType === "entitlement";
}

/** The concepts an offer's title, description and skills mention. */
export function offerConcepts(row: Pick<MatchingOfferRow, "title" | "description" | "skills">): Concept[] {
  return conceptsIn([row.title, row.description, ...row.skills].join(" "));
}

export type { MatchingNeed };
