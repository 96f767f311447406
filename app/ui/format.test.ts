import { describe, expect, it } from "vitest";
import { formatCount, formatDay, formatMonth } from "./format";
import { formatAmount } from "./format-amount.server";

describe("formatting for people", () => {
  it("shows a month without a day, in either language", () => {
    expect(formatMonth("2026-11", "zh-CN")).toBe("2026年11月");
    expect(formatMonth("2026-11", "en")).toBe("November 2026");
  });

  it("does not shift a calendar date across time zones", () => {
    expect(formatDay("2027-06-30", "zh-CN")).toBe("2027年6月30日");
    expect(formatDay("2027-01-01", "en")).toBe("January 1, 2027");
  });

  it("shows text it cannot read as it is, rather than Invalid Date", () => {
    expect(formatMonth("soon", "en")).toBe("soon");
    expect(formatDay("2027-6-30", "en")).toBe("2027-6-30");
  });

  it("formats amounts exactly, through the money module", () => {
    expect(formatAmount("12500.50", "zh-CN")).toBe("¥12,500.50");
    expect(formatAmount("9999999999999999.99", "en")).toBe("¥9,999,999,999,999,999.99");
    expect(formatAmount(null, "en")).toBeNull();
  });

  it("groups counts", () => {
    expect(formatCount(100000, "en")).toBe("100,000");
  });
});
