import fc from "fast-check";
import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import zhCN from "../../i18n/zh-CN.json";
import type { MoneyProblem } from "./money-text";
import { MONEY_PROBLEMS, MONEY_PROBLEM_MESSAGES, MoneyError, formatMoneyText, isMoneyError, moneyTextSchema, parseMoneyText, readMoneyText } from "./money-text";

/** Canonical numeric(18,2) text of a whole number of fen, by string work. */
const fenText = (fen: bigint) => {
  const digits = (fen < 0n ? -fen : fen).toString().padStart(3, "0");
  return `${fen < 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};
const anyFen = fc.bigInt({ min: -(10n ** 18n - 1n), max: 10n ** 18n - 1n });
const toFullWidth = (s: string) => s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const problemOf = (raw: string, sign: "positive" | "non-negative" | "signed" = "non-negative") => {
  const reading = readMoneyText(raw, sign);
  return reading.ok ? null : reading.problem;
};

describe("reading amounts people type", () => {
  it("accepts grouping commas, surrounding spaces, one or two decimals and the yuan sign", () => {
    expect(parseMoneyText("1,234.50")).toBe("1234.50");
    expect(parseMoneyText("  650 ")).toBe("650.00");
    expect(parseMoneyText("650.5")).toBe("650.50");
    expect(parseMoneyText("1,234,567")).toBe("1234567.00");
    expect(parseMoneyText("¥3,000")).toBe("3000.00");
    expect(parseMoneyText("3000元")).toBe("3000.00");
    expect(parseMoneyText("0")).toBe("0.00");
    expect(parseMoneyText("9,999,999,999,999,999.99")).toBe("9999999999999999.99");
  });

  it("accepts full-width digits and punctuation as an input method types them", () => {
    expect(parseMoneyText("１２３４.５")).toBe("1234.50");
    expect(parseMoneyText("１２３４．５")).toBe("1234.50");
    expect(parseMoneyText("１，２３４．５０")).toBe("1234.50");
    expect(parseMoneyText("\u3000８８\u3000")).toBe("88.00");
    expect(parseMoneyText("－５", "signed")).toBe("-5.00");
  });

  it("names what is wrong with text that is not an amount", () => {
    const cases: [string, MoneyProblem][] = [
      ["", "empty"],
      ["   ", "empty"],
      ["1.234", "too-many-decimals"],
      ["0.001", "too-many-decimals"],
      ["1.500", "too-many-decimals"],
      ["1e3", "exponent"],
      ["1.5E+3", "exponent"],
      ["12,34.50", "grouping"],
      ["1,2345", "grouping"],
      [",123", "malformed"],
      ["0,123", "grouping"],
      ["1234,", "grouping"],
      ["00012", "malformed"],
      [".5", "malformed"],
      ["5.", "malformed"],
      ["1.2.3", "malformed"],
      ["三千", "malformed"],
      ["12 500", "malformed"],
      ["NaN", "malformed"],
      ["Infinity", "malformed"],
      ["0x10", "malformed"],
      ["10000000000000000", "too-large"],
      ["-5", "negative"],
    ];
    for (const [raw, problem] of cases) expect([raw, problemOf(raw)]).toEqual([raw, problem]);
  });

  it("takes 0 and negatives only where the sign allows them", () => {
    expect(problemOf("0", "positive")).toBe("zero");
    expect(problemOf("0.00", "positive")).toBe("zero");
    expect(problemOf("-0.01", "positive")).toBe("negative");
    expect(problemOf("0", "non-negative")).toBeNull();
    expect(problemOf("-0", "non-negative")).toBeNull();
    expect(parseMoneyText("-0", "signed")).toBe("0.00");
    expect(parseMoneyText("-1,234.5", "signed")).toBe("-1234.50");
    expect(parseMoneyText("+12", "signed")).toBe("12.00");
    expect(problemOf("-10000000000000000", "signed")).toBe("too-large");
  });

  it("throws a MoneyError, a RangeError whose message names the text and the problem", () => {
    expect(() => parseMoneyText("1.234")).toThrow(/"1\.234" has more than two decimals/);
    try {
      parseMoneyText("-5", "positive");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      expect(isMoneyError(error) && error.problem).toBe("negative");
    }
    expect(isMoneyError(new RangeError("x"))).toBe(false);
    expect(new MoneyError("zero", "0").message).toBe('not an amount in yuan: "0" is zero');
  });

  it("reads back any canonical amount, also in full-width digits", () => {
    fc.assert(
      fc.property(anyFen, (fen) => {
        const text = fenText(fen);
        expect(parseMoneyText(text, "signed")).toBe(text);
        expect(parseMoneyText(toFullWidth(text).replace("-", "－"), "signed")).toBe(text);
      }),
    );
  });
});

describe("amount form fields", () => {
  it("gives canonical text, or the i18n key of the problem", () => {
    expect(moneyTextSchema().safeParse("1,234.5")).toEqual({ success: true, data: "1234.50" });
    const issues = (raw: unknown, sign?: "positive" | "non-negative" | "signed") => {
      const result = moneyTextSchema(sign).safeParse(raw);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(issues("0")).toEqual(["common:money.errors.zero"]);
    expect(issues("0", "non-negative")).toEqual([]);
    expect(issues("1.234")).toEqual(["common:money.errors.tooManyDecimals"]);
    expect(issues(undefined)).toEqual(["common:money.errors.empty"]);
  });

  it("has a message for every problem in both languages", () => {
    for (const problem of MONEY_PROBLEMS) {
      const key = MONEY_PROBLEM_MESSAGES[problem].replace(/^common:money\.errors\./, "");
      expect(Object.keys(en.money.errors)).toContain(key);
      expect(Object.keys(zhCN.money.errors)).toContain(key);
    }
  });
});

describe("formatting amounts for people", () => {
  it("groups by locale and drops .00 unless cents are asked for", () => {
    expect(formatMoneyText("12500.00", "zh-CN")).toBe("¥12,500");
    expect(formatMoneyText("12500.00", "en")).toBe("¥12,500");
    expect(formatMoneyText("12500.50", "en")).toBe("¥12,500.50");
    expect(formatMoneyText("1234567.05", "zh-CN")).toBe("¥1,234,567.05");
    expect(formatMoneyText("12500.00", "en", { cents: "always" })).toBe("¥12,500.00");
    expect(formatMoneyText("0.00", "zh-CN")).toBe("¥0");
    expect(formatMoneyText("-3.50", "en")).toBe("-¥3.50");
    expect(formatMoneyText("-0.00", "en", { cents: "always" })).toBe("¥0.00");
  });

  it("refuses text that is not canonical", () => {
    for (const text of ["3000", "3,000.00", "3000.5", "1e3", ""]) expect(() => formatMoneyText(text, "en")).toThrow(MoneyError);
  });

  it("formats what the reader reads back to the same amount, in both languages", () => {
    fc.assert(
      fc.property(anyFen, fc.constantFrom("zh-CN", "en"), fc.constantFrom("always" as const, "when-needed" as const), (fen, locale, cents) => {
        const text = fenText(fen);
        expect(parseMoneyText(formatMoneyText(text, locale, { cents }), "signed")).toBe(text);
      }),
    );
  });
});
