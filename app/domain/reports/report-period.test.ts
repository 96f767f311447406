import { describe, expect, it } from "vitest";
import { defaultReportPeriod, parseReportQuery, periodBounds, periodMonths } from "./report-period";

// 2026-12-05 01:00 in Beijing is still 2026-12-04 in UTC.
const now = new Date("2026-12-04T17:00:00Z");

describe("a report's period", () => {
  it("defaults to the twelve months up to today in Beijing", () => {
    expect(defaultReportPeriod(now)).toEqual({ from: "2026-01-01", to: "2026-12-05" });
  });

  it("lists the months it touches across a new year", () => {
    expect(periodMonths({ from: "2025-11-20", to: "2026-02-01" })).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(periodMonths({ from: "2026-03-01", to: "2026-03-31" })).toEqual(["2026-03"]);
  });

  it("starts and ends at midnight in Beijing, the last day included", () => {
    const { start, end } = periodBounds({ from: "2026-01-01", to: "2026-01-31" });
    expect(start.toISOString()).toBe("2025-12-31T16:00:00.000Z");
    expect(end.toISOString()).toBe("2026-01-31T16:00:00.000Z");
  });

  it("reads days and a region from the query, and refuses impossible ones with the default period", () => {
    expect(parseReportQuery(new URLSearchParams("from=2026-03-01&to=2026-06-30&region=532923"), now)).toEqual({
      ok: true,
      query: { period: { from: "2026-03-01", to: "2026-06-30" }, region: "532923" },
    });
    const bad = parseReportQuery(new URLSearchParams("from=2026-02-30&to=2026-01-01&region=x"), now);
    expect(bad.ok).toBe(false);
    expect(bad.query).toEqual({ period: { from: "2026-01-01", to: "2026-12-05" }, region: null });
    expect(parseReportQuery(new URLSearchParams("from=2026-06-01&to=2026-01-01"), now)).toMatchObject({ ok: false, errors: ["reports:errors.fromAfterTo"] });
    expect(parseReportQuery(new URLSearchParams("from=2016-01-01&to=2026-01-01"), now)).toMatchObject({ ok: false, errors: ["reports:errors.tooLong"] });
  });
});
