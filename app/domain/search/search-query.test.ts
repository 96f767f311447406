import { describe, expect, it } from "vitest";
import { parseNeedSearch, parseOfferSearch } from "./search-query";
import { effectiveSort, toQueryString } from "./search-link";

const params = (text: string) => new URLSearchParams(text);

describe("needs search query", () => {
  it("reads repeated and comma-separated filters", () => {
    const { query } = parseNeedSearch(params("q=%20电工%20&category=job&category=training,job&urgency=severe&region=5329&money=yes&sort=urgent&page=2"));
    expect(query).toEqual({ q: "电工", category: ["job", "training"], urgency: ["severe"], region: "5329", money: "yes", sort: "urgent", page: 2, pageSize: 20 });
  });

  it("is lenient for pages: drops what it cannot read and keeps the rest", () => {
    const { query, problems } = parseNeedSearch(params("q=助学&category=spaceship&page=0"));
    expect(query).toEqual({ q: "助学", category: [], urgency: [], page: 1, pageSize: 20 });
    expect(problems.map((p) => p.parameter).sort()).toEqual(["category", "page"]);
  });

  it("is strict for the API: no query, every problem named", () => {
    const { query, problems } = parseNeedSearch(params("region=5&pageSize=500"), "strict");
    expect(query).toBeNull();
    expect(problems).toEqual([
      { parameter: "region", message: "must be a region code of 2, 4 or 6 digits" },
      { parameter: "pageSize", message: "must be at most 100" },
    ]);
  });

  it("sorts by relevance only when there are words to rank by", () => {
    expect(effectiveSort({ q: "", sort: undefined })).toBe("newest");
    expect(effectiveSort({ q: "电工", sort: undefined })).toBe("relevance");
    expect(effectiveSort({ q: "", sort: "relevance" })).toBe("newest");
    expect(effectiveSort({ q: "", sort: "goal" })).toBe("goal");
  });

  it("writes a shareable query string without defaults, and round-trips", () => {
    const { query } = parseNeedSearch(params("q=electrician&category=job&page=1"));
    if (!query) throw new Error("no query");
    const text = toQueryString(query, { region: "53" });
    expect(text).toBe("?q=electrician&category=job&region=53");
    expect(parseNeedSearch(params(text.slice(1))).query).toEqual({ ...query, region: "53" });
  });
});

describe("offers search query", () => {
  it("reads organisation kinds", () => {
    expect(parseOfferSearch(params("kind=government&kind=charity&sort=closing")).query).toMatchObject({ kind: ["government", "charity"], sort: "closing" });
  });
});
