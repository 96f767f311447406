// Needs for an offer: the same engine the other way round (DESIGN §4). Only public needs that
// are still waiting (published), in a region the offer covers and a compatible category; nothing
// at all while the offer itself breaks a rule (paused, full, expired, unverified).
import { and, eq, inArray, or } from "drizzle-orm";
import { needs } from "../../../db/schema/needs";
import { NEEDS_INDEX, indexName } from "../../../search/index-settings";
import { inRegionScope } from "../regions/region-scope.server";
import type { RegionScope } from "../regions/region-scope.server";
import { fromRow, publicNeedQuery } from "../needs/public-needs.server";
import type { PublicNeed } from "../needs/public-need";
import { getRegionDirectory } from "../regions/region-directory.server";
import { conceptsIn } from "./concepts";
import { needCategoriesFor } from "./category-compatibility";
import { coveringRegion } from "./covering-region";
import type { MatchingContext } from "./engine-candidates.server";
import { engineCandidates, textOverlap } from "./engine-candidates.server";
import { hardRuleFailures, matchingToday, offerRuleFailures } from "./hard-rules";
import { ruleOffer } from "./pair-rules.server";
import { DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS, candidateSearches, needFilterFor } from "./matching-filters";
import { readOfferForMatching } from "./matching-rows.server";
import type { MatchReason } from "./reasons";
import { scoreSuggestion } from "./score-suggestion";
import { isPolicyOffer, offerConcepts } from "./suggest-offers.server";
import type { SuggestOptions } from "./suggest-offers.server";

export interface NeedSuggestion {
  need: PublicNeed;
  score: number;
  reasons: MatchReason[];
}

const FALLBACK_ROWS = 500;

/** Suggested public needs for an offer (by ref or import key), best first. */
export async function suggestNeedsForOffer(context: MatchingContext, offerRef: string, options: SuggestOptions & { scope?: RegionScope } = {}): Promise<NeedSuggestion[]> {
  return (await findNeedSuggestions(context, offerRef, options)).suggestions;
}

/** suggestNeedsForOffer with whether the search engine answered. */
export async function findNeedSuggestions(
  context: MatchingContext,
  offerRef: string,
  options: SuggestOptions & { scope?: RegionScope } = {},
): Promise<{ suggestions: NeedSuggestion[]; degraded: boolean }> {
  const limit = Math.min(MAX_SUGGESTIONS, Math.max(1, options.limit ?? DEFAULT_SUGGESTIONS));
  const today = options.today ?? matchingToday();
  const offer = await readOfferForMatching(context.db, offerRef);
  const hardOffer = ruleOffer(offer);
  // An offer that may not be matched today has no suggestions (the rules are checked per pair below too).
  if (offerRuleFailures(hardOffer, today).length) return { suggestions: [], degraded: false };
  const concepts = offerConcepts(offer);
  // Text relevance is one measure in both paths: the share of the offer's title and skills the need's text holds.
  const offerText = [offer.title, ...offer.skills].join(" ");
  const textOf = (need: PublicNeed) => textOverlap(offerText, [need.title, need.story, ...need.skills].join(" "));

  let refs: string[];
  let degraded = false;
  try {
    const searches = candidateSearches({ skills: offer.skills, title: offer.title, concepts }, needFilterFor(offer, options.scope), ["urgencyRank:desc", "publishedMonth:desc"]);
    refs = await engineCandidates(context, indexName(NEEDS_INDEX, context.indexPrefix), searches);
  } catch (error) {
    context.logger?.warn({ err: error, offer: offer.ref }, "search engine unavailable: suggestions answered from PostgreSQL");
    degraded = true;
    const rows = await publicNeedQuery(context.db)
      .where(
        and(
          eq(needs.status, "published"),
          inArray(needs.category, needCategoriesFor(offer.category)),
          // The need's county lies under one of the offer's regions.
          or(...offer.regionCodes.map((code) => inRegionScope(needs.regionCode, code))),
          ...(options.scope ? [inRegionScope(needs.regionCode, options.scope)] : []),
        ),
      )
      .limit(FALLBACK_ROWS);
    refs = rows.map((row) => row.ref);
  }

  const rows = refs.length ? await publicNeedQuery(context.db).where(inArray(needs.ref, refs)) : [];
  const directory = await getRegionDirectory(context.db);
  const now = Date.now();
  const scored = rows.flatMap((row) => {
    const need = fromRow(row);
    if (!need || !row.publishedAt) return [];
    if (hardRuleFailures({ category: row.category, regionCode: row.regionCode, status: row.status }, hardOffer, today).length) return [];
    if (options.scope && !row.regionCode.startsWith(options.scope)) return [];
    const result = scoreSuggestion({
      text: textOf(need),
      needSkills: need.skills,
      offerSkills: offer.skills,
      offerText: `${offer.title} ${offer.description}`,
      needConcepts: conceptsIn([need.title, need.story, ...need.skills].join(" ")),
      offerConcepts: concepts,
      conceptBasis: "offer",
      coveringRegion: coveringRegion(offer.regionCodes, need.regionCode, directory),
      urgency: need.urgency,
      isPolicy: isPolicyOffer(offer),
      remainingCapacity: offer.remainingCapacity,
      ageDays: (now - row.publishedAt.getTime()) / 86_400_000,
    });
    return [{ need, ...result }];
  });
  scored.sort((a, b) => b.exact - a.exact || a.need.ref.localeCompare(b.need.ref));
  return { suggestions: scored.slice(0, limit).map(({ need, score, reasons }) => ({ need, score, reasons })), degraded };
}
