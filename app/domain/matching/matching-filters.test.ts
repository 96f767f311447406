import { describe, expect, it } from "vitest";
import { conceptsIn } from "./concepts";
import { candidateSearches, offerFilterFor } from "./matching-filters";

const filter = offerFilterFor({ category: "job", regionPath: ["53", "5329", "532923"] }, "2026-12-05");
const sort = ["policyRank:desc"];

describe("candidateSearches", () => {
  it("narrows the filter by every concept, by any concept and by skills with the vocabulary's equals, then the filter alone", () => {
    const concepts = conceptsIn("会电焊，女儿学费还差八千");
    expect(concepts.length).toBeGreaterThan(1);
    const searches = candidateSearches({ skills: ["电工"], title: "想找份工作", concepts }, filter, sort);
    expect(searches.map((s) => s.q)).toEqual(["", "", "", ""]);
    const [all, any, skills, alone] = searches;
    for (const concept of concepts) expect(all?.filter).toContain(`concepts = "${concept.id}"`);
    expect(any?.filter.at(-1)).toBe(`concepts IN [${concepts.map((c) => JSON.stringify(c.id)).join(", ")}]`);
    expect(skills?.filter.at(-1)).toMatch(/^skills IN \[.*"电工".*"水电工"/);
    expect(alone).toEqual({ q: "", filter, sort, limit: expect.any(Number) });
    // Every search keeps the hard rules.
    for (const search of searches) expect(search.filter.slice(0, filter.length)).toEqual(filter);
  });

  it("searches the title's words only when the side has neither concepts nor skills", () => {
    const searches = candidateSearches({ skills: [], title: "想找份工作，什么都行", concepts: [] }, filter, sort);
    expect(searches.map((s) => s.q)).toEqual(["想找份工作 什么都行", ""]);
    expect(candidateSearches({ skills: [], title: "", concepts: [] }, filter, sort)).toHaveLength(1);
  });

  it("asks for one concept once, not as every-and-any twice", () => {
    const searches = candidateSearches({ skills: [], title: "", concepts: conceptsIn("会电焊") }, filter, sort);
    expect(searches.filter((s) => s.filter.some((f) => f.startsWith("concepts")))).toHaveLength(1);
  });
});
