import { describe, expect, it } from "vitest";
import { keepOnlyHref, pageHref, paramHref, withoutValueHref } from "./search-href";

const canonical = "?q=%E7%94%B5%E5%B7%A5&category=job&category=training&region=53&sort=urgent";

describe("links that change one thing about a search", () => {
  it("moves to another page and keeps the whole query", () => {
    expect(pageHref("/needs", canonical, 3)).toBe(`/needs${canonical}&page=3`);
    expect(pageHref("/needs", canonical, 1)).toBe(`/needs${canonical}`);
    expect(pageHref("/needs", "", 1)).toBe("/needs");
  });

  it("starts again at page 1 when a filter changes", () => {
    expect(paramHref("/needs", "?region=53&page=4", "region", "5329")).toBe("/needs?region=5329");
    expect(paramHref("/needs", "?region=53&page=4", "region", undefined)).toBe("/needs");
  });

  it("removes one value of a repeated filter and keeps the others", () => {
    expect(withoutValueHref("/needs", canonical, "category", "job")).toBe("/needs?q=%E7%94%B5%E5%B7%A5&category=training&region=53&sort=urgent");
  });

  it("clears the filters but keeps the words and the order", () => {
    expect(keepOnlyHref("/needs", canonical, ["q", "sort"])).toBe("/needs?q=%E7%94%B5%E5%B7%A5&sort=urgent");
    expect(keepOnlyHref("/needs", "?category=job", ["q", "sort"])).toBe("/needs");
  });
});
