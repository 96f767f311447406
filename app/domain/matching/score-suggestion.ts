// The score of a suggestion and the reasons it was made (docs/matching.md). Pure: the engine
// gathers the facts (text relevance, concepts, skills, regions, dates) and this
// function weighs them, so the weighing is tested without I/O and is the same in both directions
// (offers for a need, needs for an offer) and in the PostgreSQL fallback.
import { skillsVocabulary } from "../../../search/index-documents";
import type { Urgency } from "../needs/public-need";
import type { Concept } from "./concepts";
import { conceptLabel } from "./concepts";
import type { MatchReason } from "./reasons";

export interface RegionName {
  code: string;
  zh: string;
  en: string;
}

export interface ScoringFacts {
  /** Text relevance, 0..1: the share of one side's title and skills found in the other's text (textOverlap). */
  text: number;
  needSkills: readonly string[];
  offerSkills: readonly string[];
  /** The offer's title and description: a need's skill named there counts as a skill match too. */
  offerText: string;
  needConcepts: readonly Concept[];
  offerConcepts: readonly Concept[];
  /**
   * Whose concepts the share is counted against: the need's when offers are suggested for it (an
   * offer meeting all of them is best), the offer's when needs are suggested for an offer.
   */
  conceptBasis: "need" | "offer";
  /** The most specific of the offer's regions that covers the need's county (2, 4 or 6 digits). */
  coveringRegion: RegionName;
  urgency: Urgency;
  /** A public entitlement: a government organisation's offer, or an offer of type entitlement. */
  isPolicy: boolean;
  remainingCapacity: number;
  /** Days since the offer was last updated (offers for a need) or the need was published (needs for an offer). */
  ageDays: number;
}

export interface Scored {
  /** 0..1, two decimals. */
  score: number;
  /** The same before rounding: suggestions are ordered by it, so a tie in two decimals keeps its order. */
  exact: number;
  reasons: MatchReason[];
}

/** Weights of the parts of relevance and of the score; tuned on bench/matching-eval.ts. */
export const WEIGHTS = {
  relevance: { text: 0.3, concepts: 0.4, skills: 0.3 },
  score: { relevance: 0.72, region: 0.12, urgency: 0.04, fresh: 0.04, capacity: 0.03, policy: 0.05 },
} as const;

const URGENCY: Record<Urgency, number> = { general: 0, sudden: 0.5, severe: 1 };
const REGION_LEVEL = { 6: { closeness: 1, code: "region-county" }, 4: { closeness: 0.7, code: "region-prefecture" }, 2: { closeness: 0.4, code: "region-province" } } as const;
/** Remaining places are named when few are left: it tells the caseworker to hurry. */
const FEW_PLACES = 20;
const FRESH_DAYS = 30;
const STALE_DAYS = 365;

const skillGroups = skillsVocabulary.map((group) => new Set([...group.zh, ...group.en].map((term) => term.toLowerCase())));

/** A skill and every term the skills vocabulary makes equal to it (电工 · 水电工 · electrician). */
export function skillTerms(skill: string): Set<string> {
  const lower = skill.trim().toLowerCase();
  const terms = new Set([lower]);
  for (const group of skillGroups) if (group.has(lower)) for (const term of group) terms.add(term);
  return terms;
}

/** The need's skills the offer asks for or teaches, by name, synonym, or in its text. */
export function matchingSkills(needSkills: readonly string[], offerSkills: readonly string[], offerText: string): string[] {
  const offered = new Set(offerSkills.flatMap((skill) => [...skillTerms(skill)]));
  const text = offerText.toLowerCase();
  return needSkills.filter((skill) => [...skillTerms(skill)].some((term) => offered.has(term) || (term.length > 1 && text.includes(term))));
}

/** The concepts both sides mention, in the need's order. */
export function sharedConcepts(needConcepts: readonly Concept[], offerConcepts: readonly Concept[]): Concept[] {
  const offered = new Set(offerConcepts.map((concept) => concept.id));
  return needConcepts.filter((concept) => offered.has(concept.id));
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Relevance from the text score, the shared concepts and the shared skills, each 0..1. A part the
 * need says nothing about (no skills, no concept) leaves the weighing, so a story-only need is
 * judged on its text and concepts alone.
 */
export function relevanceOf(text: number, conceptShare: number | null, skillShare: number | null): number {
  const { relevance: w } = WEIGHTS;
  const parts: [number, number][] = [[w.text, clamp(text)]];
  if (conceptShare !== null) parts.push([w.concepts, conceptShare]);
  if (skillShare !== null) parts.push([w.skills, skillShare]);
  const total = parts.reduce((sum, [weight]) => sum + weight, 0);
  return parts.reduce((sum, [weight, value]) => sum + weight * value, 0) / total;
}

/** The score of one need–offer pair that passed the hard rules, and why. */
export function scoreSuggestion(facts: ScoringFacts): Scored {
  const skills = matchingSkills(facts.needSkills, facts.offerSkills, facts.offerText);
  const concepts = sharedConcepts(facts.needConcepts, facts.offerConcepts);
  const basis = facts.conceptBasis === "need" ? facts.needConcepts : facts.offerConcepts;
  const relevance = relevanceOf(
    facts.text,
    basis.length ? concepts.length / basis.length : null,
    facts.needSkills.length ? skills.length / facts.needSkills.length : null,
  );
  const level = REGION_LEVEL[facts.coveringRegion.code.length as 2 | 4 | 6] ?? REGION_LEVEL[2];
  const fresh = clamp((STALE_DAYS - facts.ageDays) / (STALE_DAYS - FRESH_DAYS));
  const capacity = clamp(Math.log10(1 + facts.remainingCapacity) / 2);
  const { score: w } = WEIGHTS;
  // Policy first at comparable relevance: the bonus is smaller than a real difference in relevance.
  const raw =
    w.relevance * relevance +
    w.region * level.closeness +
    w.urgency * URGENCY[facts.urgency] +
    w.fresh * fresh +
    w.capacity * capacity +
    (facts.isPolicy ? w.policy : 0);

  const reasons: MatchReason[] = [];
  if (skills.length) reasons.push({ code: "skill", params: { skills: skills.join("、"), skillsEn: skills.join(", ") } });
  const skillWords = new Set(skills.flatMap((skill) => [...skillTerms(skill)]));
  const newConcepts = concepts.filter((concept) => !concept.zh.some((word) => skillWords.has(word)));
  if (newConcepts.length) {
    reasons.push({
      code: "concept",
      params: { ids: newConcepts.map((c) => c.id).join(","), zh: newConcepts.map((c) => conceptLabel(c, "zh")).join("、"), en: newConcepts.map((c) => conceptLabel(c, "en")).join(", ") },
    });
  }
  reasons.push({ code: level.code, params: { code: facts.coveringRegion.code, zh: facts.coveringRegion.zh, en: facts.coveringRegion.en } });
  if (facts.isPolicy) reasons.push({ code: "policy", params: {} });
  if (facts.remainingCapacity <= FEW_PLACES) reasons.push({ code: "capacity", params: { remaining: String(facts.remainingCapacity) } });
  if (facts.urgency !== "general") reasons.push({ code: "urgency", params: { urgency: facts.urgency } });
  if (facts.ageDays <= FRESH_DAYS) reasons.push({ code: "fresh", params: {} });
  return { score: Math.round(clamp(raw) * 100) / 100, exact: clamp(raw), reasons };
}
