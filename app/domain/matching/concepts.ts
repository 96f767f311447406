// Meaning beyond keywords: a need is a story ("女儿考上大学，学费还差八千"), an offer a programme
// ("国家助学金"); they share few words. A curated bilingual vocabulary of concepts, each with the
// Chinese and English words that signal it, tags both sides with the same concept ids, which the
// index searches and the reasons name. Kept as data (concepts.json) with tests. Pure.
import type { NeedCategory } from "../needs/need-category";
import data from "./concepts.json" with { type: "json" };

export interface Concept {
  /** Stable id, also the reason's key: "electrician", "tuition". */
  id: string;
  /** Trigger words; the first of each list is the concept's label in that language. */
  zh: string[];
  en: string[];
  /** Categories the concept belongs to (a hint for ranking, never a hard rule). */
  categories: NeedCategory[];
  /**
   * Longer words that hold a trigger without meaning the concept: 确保安全 holds 保安 (security
   * guard), 维护工作 holds 护工 (nursing aide), "social security" holds "security". A trigger found
   * only inside one of these does not count.
   */
  not?: string[];
}

export const CONCEPTS: readonly Concept[] = data as Concept[];

interface Trigger {
  word: string;
  /** Index of the concept in CONCEPTS. */
  concept: number;
  kind: "zh" | "en" | "not";
}

// conceptsIn runs for every document at index time, so the vocabulary is compiled once: every
// trigger (lowercased) is filed under its first character, and one pass over the text looks up
// only the words that can start at each position, instead of searching the text for each word.
const TRIGGERS_BY_FIRST = new Map<string, Trigger[]>();
CONCEPTS.forEach((concept, index) => {
  const file = (words: readonly string[], kind: Trigger["kind"]) => {
    for (const raw of words) {
      const word = raw.toLowerCase();
      const first = word[0];
      if (first === undefined) continue;
      const list = TRIGGERS_BY_FIRST.get(first) ?? [];
      list.push({ word, concept: index, kind });
      TRIGGERS_BY_FIRST.set(first, list);
    }
  };
  file(concept.zh, "zh");
  file(concept.en, "en");
  file(concept.not ?? [], "not");
});

interface Hit {
  concept: number;
  start: number;
  end: number;
}

/** The concepts a text mentions, each once, in vocabulary order. */
export function conceptsIn(text: string): Concept[] {
  const lower = text.toLowerCase();
  const hits: Hit[] = [];
  const excluded: Hit[] = [];
  for (let at = 0; at < lower.length; at++) {
    const candidates = TRIGGERS_BY_FIRST.get(lower[at] ?? "");
    if (!candidates) continue;
    for (const trigger of candidates) {
      if (!lower.startsWith(trigger.word, at)) continue;
      const hit = { concept: trigger.concept, start: at, end: at + trigger.word.length };
      if (trigger.kind === "not") excluded.push(hit);
      else if (trigger.kind === "zh" || isWholeWord(lower, hit.start, hit.end)) hits.push(hit);
    }
  }
  const found = new Set<number>();
  for (const hit of hits) {
    // A trigger inside one of its concept's `not` words does not count.
    const inside = excluded.some((not) => not.concept === hit.concept && not.start < hit.end && hit.start < not.end);
    if (!inside) found.add(hit.concept);
  }
  return [...found].sort((a, b) => a - b).flatMap((index) => CONCEPTS[index] ?? []);
}

/**
 * English triggers match whole words ("care" is not in "career"), a plural "s" allowed ("welders");
 * Chinese has no spaces to respect.
 */
export function isWholeWord(text: string, start: number, end: number): boolean {
  const after = text[end] === "s" ? end + 1 : end;
  return !isLetter(text[start - 1]) && !isLetter(text[after]);
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && char >= "a" && char <= "z";
}

/** The label of a concept in a language: its first trigger word. */
export function conceptLabel(concept: Concept, language: "zh" | "en"): string {
  return (language === "zh" ? concept.zh[0] : concept.en[0]) ?? concept.id;
}
