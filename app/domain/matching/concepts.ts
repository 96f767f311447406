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
}

export const CONCEPTS: readonly Concept[] = data as Concept[];

/** The concepts a text mentions, each once, in vocabulary order. */
export function conceptsIn(text: string): Concept[] {
  const lower = text.toLowerCase();
  return CONCEPTS.filter((concept) => concept.zh.some((word) => lower.includes(word)) || concept.en.some((word) => containsWord(lower, word.toLowerCase())));
}

/** English triggers match whole words ("care" is not in "career"); Chinese has no spaces to respect. */
function containsWord(text: string, word: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    const before = at === 0 ? "" : text[at - 1];
    const after = text[at + word.length] ?? "";
    if (!/[a-z]/.test(before ?? "") && !/[a-z]/.test(after)) return true;
    from = at + 1;
  }
}

/** The label of a concept in a language: its first trigger word. */
export function conceptLabel(concept: Concept, language: "zh" | "en"): string {
  return (language === "zh" ? concept.zh[0] : concept.en[0]) ?? concept.id;
}
