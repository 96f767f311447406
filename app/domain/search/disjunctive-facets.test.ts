import { describe, expect, it } from "vitest";
import { facetDistribution, withDisjunctiveFacets } from "./disjunctive-facets";

const page = { indexUid: "needs", q: "电工", filter: ["status = open", "category IN [job]"], page: 2, hitsPerPage: 20, facets: ["prefectureCode"] };

describe("disjunctive facets", () => {
  it("counts facets with nothing chosen in the page's own query", () => {
    expect(withDisjunctiveFacets(page, [{ field: "urgency", filterWithout: null }, { field: "hasTargetAmount", filterWithout: null }])).toEqual([
      { ...page, facets: ["prefectureCode", "urgency", "hasTargetAmount"] },
    ]);
  });

  it("counts a facet with a choice in a query without that choice", () => {
    const queries = withDisjunctiveFacets(page, [
      { field: "category", filterWithout: ["status = open"] },
      { field: "urgency", filterWithout: null },
    ]);
    expect(queries).toEqual([
      { ...page, facets: ["prefectureCode", "urgency"] },
      { indexUid: "needs", q: "电工", filter: ["status = open"], facets: ["category"], hitsPerPage: 0 },
    ]);
  });

  it("reads a field's counts from the query that counted it", () => {
    const results: { facetDistribution: Record<string, Record<string, number>> }[] = [{ facetDistribution: { urgency: { sudden: 2 } } }, { facetDistribution: { category: { job: 3 } } }];
    expect(facetDistribution(results, "category")).toEqual({ job: 3 });
    expect(facetDistribution(results, "urgency")).toEqual({ sudden: 2 });
    expect(facetDistribution(results, "hasTargetAmount")).toBeUndefined();
  });
});
