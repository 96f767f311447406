// Scores the PII guard on the labelled corpus, for bench/pii-guard.ts and the threshold test.
// Two levels: a snippet is blocked or not (what publishing sees), and each finding is right or not
// (kind and place, what the caseworker is shown).
import type { KnownIdentity, PiiHit, PiiKind } from "../pii-guard";
import type { ExpectedHit, PiiSnippet } from "./pii-corpus";
import { CORPUS_IDENTITIES } from "./pii-corpus";

type FindPii = (text: string, identity?: KnownIdentity) => PiiHit[];

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Misclassified {
  id: string;
  text: string;
  missed: ExpectedHit[];
  falseAlarms: { kind: PiiKind; text: string }[];
  known?: string;
}

export interface PiiGuardScore {
  snippets: { total: number; positive: number; negative: number; english: number; checkedAgainstIdentity: number };
  snippetLevel: Counts & { tn: number; recall: number; precision: number };
  hitLevel: Counts & { recall: number; precision: number };
  perKind: Record<PiiKind, Counts>;
  misclassified: Misclassified[];
}

const KINDS: readonly PiiKind[] = ["resident-id", "mobile", "bank-card", "own-name", "own-id", "own-phone", "own-address"];
const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
// The English snippets sit in the "en" groups of the corpus.
const isEnglish = (s: PiiSnippet) => s.id.startsWith("en");

/** Runs `find` over every snippet and compares its findings with the labels. */
export function scorePiiGuard(find: FindPii, corpus: readonly PiiSnippet[]): PiiGuardScore {
  const perKind = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<PiiKind, Counts>;
  const snippetLevel = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const misclassified: Misclassified[] = [];

  for (const snippet of corpus) {
    const hits = find(snippet.text, snippet.identity ? CORPUS_IDENTITIES[snippet.identity] : undefined);
    const unmatched = [...hits];
    const missed: ExpectedHit[] = [];
    const seenFrom = new Map<string, number>();
    for (const expected of snippet.expect) {
      const [kind, text] = expected;
      const start = snippet.text.indexOf(text, seenFrom.get(text) ?? 0);
      if (start < 0) throw new Error(`${snippet.id}: "${text}" does not occur in the snippet`);
      seenFrom.set(text, start + text.length);
      const end = start + text.length;
      const at = unmatched.findIndex((h) => h.kind === kind && h.start < end && h.end > start);
      if (at >= 0) {
        unmatched.splice(at, 1);
        perKind[kind].tp++;
      } else {
        missed.push(expected);
        perKind[kind].fn++;
      }
    }
    for (const hit of unmatched) perKind[hit.kind].fp++;

    const isPositive = snippet.expect.length > 0;
    const isBlocked = hits.length > 0;
    if (isPositive && isBlocked) snippetLevel.tp++;
    else if (isPositive) snippetLevel.fn++;
    else if (isBlocked) snippetLevel.fp++;
    else snippetLevel.tn++;

    if (missed.length > 0 || unmatched.length > 0) {
      misclassified.push({
        id: snippet.id,
        text: snippet.text,
        missed,
        falseAlarms: unmatched.map((h) => ({ kind: h.kind, text: h.text })),
        ...(snippet.known ? { known: snippet.known } : {}),
      });
    }
  }

  const hit = Object.values(perKind).reduce((sum, c) => ({ tp: sum.tp + c.tp, fp: sum.fp + c.fp, fn: sum.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const positive = corpus.filter((s) => s.expect.length > 0).length;
  return {
    snippets: {
      total: corpus.length,
      positive,
      negative: corpus.length - positive,
      english: corpus.filter(isEnglish).length,
      checkedAgainstIdentity: corpus.filter((s) => s.identity).length,
    },
    snippetLevel: {
      ...snippetLevel,
      recall: ratio(snippetLevel.tp, snippetLevel.tp + snippetLevel.fn),
      precision: ratio(snippetLevel.tp, snippetLevel.tp + snippetLevel.fp),
    },
    hitLevel: { ...hit, recall: ratio(hit.tp, hit.tp + hit.fn), precision: ratio(hit.tp, hit.tp + hit.fp) },
    perKind,
    misclassified,
  };
}
