import { describe, expect, it } from "vitest";
import { quickPeriods } from "./report-quick-periods";

const at = (instant: string) => Object.fromEntries(quickPeriods(new Date(instant)).map((q) => [q.key, q.period]));

describe("the quick periods of a report", () => {
  it("are calendar months, quarters and years in Beijing", () => {
    // 2026-08-01 07:00 in Beijing is still July 31st in UTC.
    expect(at("2026-07-31T23:00:00Z")).toEqual({
      lastMonth: { from: "2026-07-01", to: "2026-07-31" },
      lastQuarter: { from: "2026-04-01", to: "2026-06-30" },
      thisYear: { from: "2026-01-01", to: "2026-08-01" },
      lastYear: { from: "2025-01-01", to: "2025-12-31" },
      last12Months: { from: "2025-09-01", to: "2026-08-01" },
    });
  });

  it("reach back into the year before in January and February", () => {
    const january = at("2026-01-15T04:00:00Z");
    expect(january.lastMonth).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(january.lastQuarter).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(at("2028-03-10T04:00:00Z").lastMonth).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(at("2026-05-10T04:00:00Z").lastQuarter).toEqual({ from: "2026-01-01", to: "2026-03-31" });
  });
});
