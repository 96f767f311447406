import type { Settings } from "meilisearch";
import { describe, expect, it } from "vitest";
import { PUBLIC_NEED_FIELDS } from "../app/domain/needs/public-need";
import { PUBLIC_OFFER_FIELDS } from "../app/domain/offers/public-offer";
import { NEED_DOCUMENT_FIELDS, OFFER_DOCUMENT_FIELDS, conceptFields, skillWords, skillsVocabulary } from "./index-documents";
import {
  attributesNamedIn,
  attributesOutsideAllowlist,
  indexName,
  needsIndexSettings,
  offersIndexSettings,
} from "./index-settings";

const indexes = [
  { name: "needs", settings: needsIndexSettings, allowlist: NEED_DOCUMENT_FIELDS, shown: PUBLIC_NEED_FIELDS },
  { name: "offers", settings: offersIndexSettings, allowlist: OFFER_DOCUMENT_FIELDS, shown: PUBLIC_OFFER_FIELDS },
];

// Settings keys attributesNamedIn reads, and keys that name no attribute. A new key must be
// placed in one of the two lists, so the allowlist check cannot silently miss it.
const KEYS_NAMING_ATTRIBUTES = [
  "searchableAttributes",
  "displayedAttributes",
  "filterableAttributes",
  "sortableAttributes",
  "rankingRules",
  "localizedAttributes",
  "distinctAttribute",
  "typoTolerance",
  "faceting",
];
const KEYS_WITHOUT_ATTRIBUTES = ["synonyms", "pagination"];

describe("skill words in the documents", () => {
  it("puts every term of each vocabulary group the text names in its document", () => {
    for (const group of skillsVocabulary) {
      const terms = [...group.zh, ...group.en];
      for (const term of terms) expect(skillWords(`想找 ${term} 的工作`), term).toEqual(expect.arrayContaining(terms));
    }
  });

  it("reads English terms as whole words (a plural allowed) and Chinese ones anywhere", () => {
    expect(skillWords("Two welders wanted")).toEqual(expect.arrayContaining(["焊工", "welder"]));
    expect(skillWords("a well-known cookery book")).not.toContain("厨师");
    expect(skillWords("在工地干了十年电焊")).toEqual(expect.arrayContaining(["焊工", "welder"]));
    expect(skillWords("想找一份工作")).toEqual([]);
  });
});

describe("concept words in the documents", () => {
  it("puts every word of a text's concepts in its document, lowercased", () => {
    const fields = conceptFields("父亲肺癌住院，Chemotherapy 费用不够");
    expect(fields.concepts).toEqual(["cancer", "hospitalisation"]);
    // 乳腺癌 and 肺癌 are related, not equal: a search for either finds this need in this field,
    // below the needs that say the word itself (the field is searched last).
    expect(fields.conceptWords).toEqual(expect.arrayContaining(["肺癌", "乳腺癌", "癌症", "cancer", "chemotherapy", "住院", "hospital"]));
    expect(fields.conceptWords.every((word) => word === word.toLowerCase())).toBe(true);
    expect(conceptFields("想找一份工作").conceptWords).not.toContain("癌症");
  });

  it("leaves the engine no synonyms, which Meilisearch 1.21 reads whole on every search", () => {
    expect(needsIndexSettings.synonyms).toEqual({});
    expect(offersIndexSettings.synonyms).toEqual({});
    expect(needsIndexSettings.searchableAttributes.at(-1)).toBe("conceptWords");
    expect(offersIndexSettings.searchableAttributes.at(-1)).toBe("conceptWords");
  });
});

describe("skills vocabulary", () => {
  it("has Chinese and English terms in every group, each term in one group only", () => {
    const seen = new Set<string>();
    for (const group of skillsVocabulary) {
      expect(group.zh.length, JSON.stringify(group)).toBeGreaterThan(0);
      expect(group.en.length, JSON.stringify(group)).toBeGreaterThan(0);
      for (const term of [...group.zh, ...group.en]) {
        expect(seen.has(term), term).toBe(false);
        expect(term, term).toBe(term.trim().toLowerCase());
        seen.add(term);
      }
    }
  });
});

describe("index settings", () => {
  it.each(indexes)("$name names only allowlisted public fields", ({ settings, allowlist }) => {
    expect(attributesNamedIn(settings).length).toBeGreaterThan(10);
    expect(attributesOutsideAllowlist(settings, allowlist)).toEqual([]);
  });

  it.each(indexes)("$name displays the public projection and nothing else", ({ settings, shown }) => {
    expect(settings.displayedAttributes).toEqual([...shown]);
  });

  it.each(indexes)("$name uses only settings keys the allowlist check knows", ({ settings }) => {
    const known = [...KEYS_NAMING_ATTRIBUTES, ...KEYS_WITHOUT_ATTRIBUTES];
    expect(Object.keys(settings).filter((key) => !known.includes(key))).toEqual([]);
  });

  it("reports a field outside the allowlist wherever a setting names it", () => {
    const leaky: Settings = {
      searchableAttributes: ["title", "caseName"],
      filterableAttributes: [
        "category",
        { attributePatterns: ["caseBirthYear"], features: { facetSearch: false, filter: { equality: true, comparison: true } } },
      ],
      sortableAttributes: ["createdAt"],
      displayedAttributes: ["*"],
      rankingRules: ["words", "caseTier:desc"],
      localizedAttributes: [{ attributePatterns: ["regionName.zh", "identity.name"], locales: ["cmn"] }],
      typoTolerance: { disableOnAttributes: ["phone"] },
      faceting: { sortFacetValuesBy: { "*": "alpha", sex: "count" } },
      distinctAttribute: "caseRef",
    };
    expect(attributesOutsideAllowlist(leaky, PUBLIC_NEED_FIELDS).sort()).toEqual(
      ["*", "caseBirthYear", "caseName", "caseRef", "caseTier", "createdAt", "identity.name", "phone", "sex"].sort(),
    );
  });
});

describe("indexName", () => {
  it("prefixes the base name only when a prefix is given", () => {
    expect(indexName("needs")).toBe("needs");
    expect(indexName("needs", "tmp")).toBe("tmp_needs");
  });

  it("refuses a prefix Meilisearch would reject as an index uid", () => {
    expect(() => indexName("needs", "a b")).toThrow(/invalid index prefix/);
  });
});
