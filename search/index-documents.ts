// What the search indexes hold: a public projection (toPublicNeed / toPublicOffer, the one function
// pages and the API use too) plus the fields only the engine needs to sort and rank. Those stay in
// the index: displayedAttributes is the projection's field list, and search hits are cut back to
// the projection before anything else sees them. Pure.
import { conceptsIn, isWholeWord } from "../app/domain/matching/concepts";
import type { PublicNeed, Urgency } from "../app/domain/needs/public-need";
import { PUBLIC_NEED_FIELDS } from "../app/domain/needs/public-need";
import type { PublicOffer } from "../app/domain/offers/public-offer";
import { POLICY_RANK, PUBLIC_OFFER_FIELDS } from "../app/domain/offers/public-offer";
import type { FundingState } from "../app/domain/transparency/funding-state.server";
import vocabulary from "./skills-vocabulary.json" with { type: "json" };

/**
 * What a document means beyond its words (app/domain/matching/concepts.ts): a need written as a
 * story ("女儿考上大学，学费还差八千") and an offer written as a programme ("国家助学金") share
 * concepts where they share no token. Index-only, never displayed.
 */
export interface ConceptFields {
  /** Ids of the concepts the text mentions ("tuition", "student-grant"): filter with `concepts IN [...]`. */
  concepts: string[];
  /**
   * Every word of those concepts in Chinese and English (学费, 学杂费, tuition, 助学金, scholarship …):
   * searchable text, so a search for any word of a concept finds the documents that mean it though
   * they use another word. Kept in the document rather than as the engine's synonyms: Meilisearch
   * 1.21 reads its whole synonyms map on every search (docs/decisions/013).
   */
  conceptWords: string[];
}

/** One group of interchangeable skill or help terms, Chinese and English. */
export interface VocabularyGroup {
  zh: string[];
  en: string[];
}

export const skillsVocabulary: readonly VocabularyGroup[] = vocabulary;

/**
 * Every term of each group of the skills vocabulary the text names (电工 → 电工, 水电工, electrician …):
 * searchable text right after the skills, so a search in either language finds the need or offer
 * that names the trade in the other. The engine's synonyms did this at 1.1 ms of its CPU on every
 * search (docs/decisions/013).
 */
export interface SkillWordsField {
  skillWords: string[];
}

export interface NeedDocument extends PublicNeed, ConceptFields, SkillWordsField {
  /** general 1, sudden 2, severe 3: urgency as a number to sort and rank by. */
  urgencyRank: number;
  /**
   * The need's target as fixed-width text ("0000000003000.00"), so the engine sorts "closest to
   * its goal" without the amount ever becoming a float. Null without a target or once fully
   * funded: the engine puts those after every need still raising money.
   */
  goalSortKey: string | null;
  /**
   * none / partly / fully funded, from the ledger. Only a change of state touches the document
   * (the ledger's writer queues it), so money arriving never makes a need's document a hot row.
   */
  fundingState: FundingState;
}

export interface OfferDocument extends PublicOffer, ConceptFields, SkillWordsField {
  /** POLICY_RANK of the organisation's kind. */
  policyRank: number;
}

export const NEED_INDEX_FIELDS = ["urgencyRank", "goalSortKey", "fundingState", "concepts", "conceptWords", "skillWords"] as const satisfies readonly Exclude<keyof NeedDocument, keyof PublicNeed>[];
export const OFFER_INDEX_FIELDS = ["policyRank", "concepts", "conceptWords", "skillWords"] as const satisfies readonly Exclude<keyof OfferDocument, keyof PublicOffer>[];

/** Every field of a need document: the projection's, then the index's own. */
export const NEED_DOCUMENT_FIELDS = [...PUBLIC_NEED_FIELDS, ...NEED_INDEX_FIELDS] as const satisfies readonly (keyof NeedDocument)[];
export const OFFER_DOCUMENT_FIELDS = [...PUBLIC_OFFER_FIELDS, ...OFFER_INDEX_FIELDS] as const satisfies readonly (keyof OfferDocument)[];

const URGENCY_RANK: Record<Urgency, number> = { general: 1, sudden: 2, severe: 3 };

/** "3000.00" → "0000000003000.00": numeric(18,2) fits in 16 integer digits. */
export function amountSortKey(amount: string): string {
  const [whole = "0", cents = "00"] = amount.split(".");
  return `${whole.padStart(16, "0")}.${cents.padEnd(2, "0")}`;
}

/** The concept fields of a document's text. */
export function conceptFields(text: string): ConceptFields {
  const concepts = conceptsIn(text);
  return {
    concepts: concepts.map((concept) => concept.id),
    conceptWords: [...new Set(concepts.flatMap((concept) => [...concept.zh, ...concept.en].map((word) => word.trim().toLowerCase())))],
  };
}

// The vocabulary's terms filed under their first character, as concepts.ts files its triggers.
const GROUP_TERMS = skillsVocabulary.map((group) => [...group.zh, ...group.en]);
const TERMS_BY_FIRST = new Map<string, { term: string; group: number; english: boolean }[]>();
skillsVocabulary.forEach((group, index) => {
  for (const [terms, english] of [[group.zh, false], [group.en, true]] as const) {
    for (const term of terms) {
      const first = term[0];
      if (first) TERMS_BY_FIRST.set(first, [...(TERMS_BY_FIRST.get(first) ?? []), { term, group: index, english }]);
    }
  }
});

/** The skill words of a text (SkillWordsField): English terms as whole words, Chinese anywhere. */
export function skillWords(text: string): string[] {
  const lower = text.toLowerCase();
  const groups = new Set<number>();
  for (let at = 0; at < lower.length; at++) {
    for (const { term, group, english } of TERMS_BY_FIRST.get(lower[at] ?? "") ?? []) {
      if (!groups.has(group) && lower.startsWith(term, at) && (!english || isWholeWord(lower, at, at + term.length))) groups.add(group);
    }
  }
  return [...groups].sort((a, b) => a - b).flatMap((group) => GROUP_TERMS[group] ?? []);
}

/** The text a need's concepts are read from: what the caseworker wrote. */
export function needConceptText(need: Pick<PublicNeed, "title" | "story" | "skills">): string {
  return [need.title, need.story, ...need.skills].join("\n");
}

/** The text an offer's concepts are read from: what the provider wrote, details included. */
export function offerConceptText(offer: Pick<PublicOffer, "title" | "description" | "skills" | "details">): string {
  const details = Object.values(offer.details).filter((value): value is string => typeof value === "string");
  return [offer.title, offer.description, ...offer.skills, ...details].join("\n");
}

/** The index document of a public need with its funding state (read-funding-states.server.ts). */
export function toNeedDocument(need: PublicNeed, fundingState: FundingState): NeedDocument {
  const text = needConceptText(need);
  return {
    ...need,
    ...conceptFields(text),
    skillWords: skillWords(text),
    urgencyRank: URGENCY_RANK[need.urgency],
    // The target, not what is left of it: what is left moves with every receipt.
    goalSortKey: need.targetAmount === null || fundingState === "fully" ? null : amountSortKey(need.targetAmount),
    fundingState,
  };
}

/** The index document of a public offer. */
export function toOfferDocument(offer: PublicOffer): OfferDocument {
  const text = offerConceptText(offer);
  return { ...offer, policyRank: POLICY_RANK[offer.organisationKind], ...conceptFields(text), skillWords: skillWords(text) };
}

/** A search hit as the public projection: the index's fields and the engine's annotations dropped. */
export function publicNeedOfHit(hit: Partial<Record<(typeof NEED_INDEX_FIELDS)[number] | EngineAnnotation, unknown>> & PublicNeed): PublicNeed {
  const { urgencyRank: _u, goalSortKey: _g, fundingState: _fs, concepts: _c, conceptWords: _w, skillWords: _s, _formatted: _f, _matchesPosition: _m, _rankingScore: _r, _rankingScoreDetails: _d, _federation: _fe, ...need } = hit;
  return need;
}

export function publicOfferOfHit(hit: Partial<Record<(typeof OFFER_INDEX_FIELDS)[number] | EngineAnnotation, unknown>> & PublicOffer): PublicOffer {
  const { policyRank: _p, concepts: _c, conceptWords: _w, skillWords: _s, _formatted: _f, _matchesPosition: _m, _rankingScore: _r, _rankingScoreDetails: _d, _federation: _fe, ...offer } = hit;
  return offer;
}

type EngineAnnotation = "_formatted" | "_matchesPosition" | "_rankingScore" | "_rankingScoreDetails" | "_federation";
