import { describe, expect, it } from "vitest";
import { normaliseMobile } from "../cases/phone";
import { checkResidentId, normaliseResidentId } from "../cases/resident-id";
import { CORPUS_IDENTITIES, PII_CORPUS } from "./__fixtures__/pii-corpus";
import { scorePiiGuard } from "./__fixtures__/score-pii-guard";
import { findPii } from "./pii-guard";

// The bar: recall at least 0.95 and precision at least 0.9 on the labelled corpus, per snippet
// (is publishing blocked?) and per finding (right kind, right place). bench/pii-guard.ts prints the details.
const MIN_RECALL = 0.95;
const MIN_PRECISION = 0.9;

const score = scorePiiGuard(findPii, PII_CORPUS);

describe("PII guard on the labelled corpus", () => {
  it(`blocks at least ${MIN_RECALL} of the snippets that carry PII and is right at least ${MIN_PRECISION} of the times it blocks`, () => {
    expect(score.snippetLevel.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(score.snippetLevel.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
  });

  it(`finds at least ${MIN_RECALL} of the labelled findings and at least ${MIN_PRECISION} of its findings are labelled`, () => {
    expect(score.hitLevel.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(score.hitLevel.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
  });

  it("misclassifies only the snippets listed as known", () => {
    expect(score.misclassified.filter((m) => !m.known).map((m) => m.id)).toEqual([]);
  });
});

describe("the labelled corpus", () => {
  it("has at least 300 snippets with unique ids, positives and negatives both", () => {
    expect(PII_CORPUS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(PII_CORPUS.map((s) => s.id)).size).toBe(PII_CORPUS.length);
    expect(score.snippets.positive).toBeGreaterThanOrEqual(100);
    expect(score.snippets.negative).toBeGreaterThanOrEqual(100);
  });

  it("uses only obviously fake identities", () => {
    for (const identity of Object.values(CORPUS_IDENTITIES)) {
      expect(identity.name).toMatch(/^(测试|演示)/);
      expect(identity.address).toMatch(/测试路|演示村/);
      expect(normaliseMobile(identity.phone)).toMatch(/^199/);
      const id = normaliseResidentId(identity.idNumber);
      expect(checkResidentId(id)).toBeNull();
      expect(id[14]).toBe("9");
    }
  });

  it("labels as resident IDs only valid, fake IDs and as mobiles only mobile numbers", () => {
    for (const snippet of PII_CORPUS.filter((s) => !s.known)) {
      for (const [kind, text] of snippet.expect) {
        const digits = text.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[^\dXx]/g, "");
        if (kind === "resident-id") {
          expect(checkResidentId(normaliseResidentId(digits)), snippet.id).toBeNull();
          expect(digits[14], snippet.id).toBe("9");
        }
        if (kind === "mobile") expect(normaliseMobile(digits), snippet.id).not.toBeNull();
        if (kind === "bank-card") expect(digits.length, snippet.id).toBeGreaterThanOrEqual(16);
      }
    }
  });
});
