import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney, parseMoney } from "../domain/money/money";
import { formatAmountText } from "./format-amount-text";

describe("formatAmountText", () => {
  it("formats like the money module, in both languages", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }), fc.integer({ min: 0, max: 99 }), fc.constantFrom("zh-CN" as const, "en" as const), (whole, cents, locale) => {
        const text = `${whole}.${String(cents).padStart(2, "0")}`;
        expect(formatAmountText(text, locale)).toBe(formatMoney(parseMoney(text), locale));
      }),
    );
  });

  it("shows nothing for no amount or text that is not canonical", () => {
    expect(formatAmountText(null, "en")).toBeNull();
    expect(formatAmountText("3000", "en")).toBeNull();
    expect(formatAmountText("3,000.00", "en")).toBeNull();
  });
});
