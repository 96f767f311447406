import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Money } from "./money";
import {
  ZERO_MONEY,
  addMoney,
  allocateMoney,
  compareMoney,
  formatMoney,
  isNegativeMoney,
  isPositiveMoney,
  isZeroMoney,
  money,
  moneyFromDb,
  moneyToString,
  negateMoney,
  parseMoney,
  splitMoney,
  subtractMoney,
  sumMoney,
} from "./money";
import { isMoneyError, parseMoneyText } from "./money-text";

const fenText = (fen: bigint) => {
  const digits = (fen < 0n ? -fen : fen).toString().padStart(3, "0");
  return `${fen < 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};
const MAX_FEN = 10n ** 18n - 1n;
const anyAmount = fc.bigInt({ min: -MAX_FEN, max: MAX_FEN }).map((fen) => money(fenText(fen)));
const texts = (amounts: Money[]) => amounts.map(moneyToString);
const problemOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return isMoneyError(error) ? error.problem : error;
  }
};

describe("creating amounts", () => {
  it("reads text through the money reader, by the sign the use allows", () => {
    expect(moneyToString(money("-1,234.5"))).toBe("-1234.50");
    expect(moneyToString(parseMoney("１２３４.５"))).toBe("1234.50");
    expect(moneyToString(parseMoney("0"))).toBe("0.00");
    expect(problemOf(() => parseMoney("0", "positive"))).toBe("zero");
    expect(problemOf(() => parseMoney("-1"))).toBe("negative");
    expect(moneyToString(parseMoney("-1", "signed"))).toBe("-1.00");
    expect(problemOf(() => parseMoney("1.001", "signed"))).toBe("too-many-decimals");
  });

  it("reads the database's numeric(18,2) text, and nothing a person would type", () => {
    expect(moneyToString(moneyFromDb("650.00"))).toBe("650.00");
    expect(moneyToString(moneyFromDb("-12.50"))).toBe("-12.50");
    expect(moneyToString(moneyFromDb("9999999999999999.99"))).toBe("9999999999999999.99");
    for (const text of ["1,234.50", " 1.00", "1e3", "1.001", "", "NaN"]) expect(problemOf(() => moneyFromDb(text))).toBe("malformed");
  });

  it("gives back the canonical text of any amount it read", () => {
    fc.assert(fc.property(fc.bigInt({ min: -MAX_FEN, max: MAX_FEN }), (fen) => moneyToString(moneyFromDb(fenText(fen))) === fenText(fen)));
  });

  it("writes zero without a sign", () => {
    expect(moneyToString(negateMoney(ZERO_MONEY))).toBe("0.00");
    expect(moneyToString(subtractMoney(money("-0.50"), money("-0.50")))).toBe("0.00");
  });

  it("formats for people in both languages", () => {
    expect(formatMoney(money("12500"), "zh-CN")).toBe("¥12,500");
    expect(formatMoney(money("12500.5"), "en")).toBe("¥12,500.50");
    expect(formatMoney(money("-44000"), "en", { cents: "always" })).toBe("-¥44,000.00");
  });

  it("formats any amount so that it reads back to the same amount", () => {
    fc.assert(
      fc.property(anyAmount, fc.constantFrom("zh-CN", "en"), (amount, locale) => {
        expect(parseMoneyText(formatMoney(amount, locale), "signed")).toBe(moneyToString(amount));
      }),
    );
  });
});

describe("arithmetic", () => {
  it("is exact in fen", () => {
    expect(moneyToString(addMoney(money("0.1"), money("0.2")))).toBe("0.30");
    expect(moneyToString(subtractMoney(money("100"), money("0.01")))).toBe("99.99");
    expect(moneyToString(sumMoney(Array.from({ length: 10 }, () => money("0.10"))))).toBe("1.00");
    expect(moneyToString(sumMoney([]))).toBe("0.00");
    expect(moneyToString(negateMoney(money("12.30")))).toBe("-12.30");
  });

  it("compares and tells the sign", () => {
    expect(compareMoney(money("1.10"), money("1.1"))).toBe(0);
    expect(compareMoney(money("-1"), money("0.01"))).toBe(-1);
    expect(compareMoney(money("10"), money("9.99"))).toBe(1);
    expect(texts([money("3"), money("-1"), money("2.5")].sort(compareMoney))).toEqual(["-1.00", "2.50", "3.00"]);
    expect([isZeroMoney(money("0.00")), isPositiveMoney(money("0.01")), isNegativeMoney(money("-0.01"))]).toEqual([true, true, true]);
    expect([isZeroMoney(money("0.01")), isPositiveMoney(ZERO_MONEY), isNegativeMoney(ZERO_MONEY)]).toEqual([false, false, false]);
  });

  it("refuses a result beyond numeric(18,2)", () => {
    const max = money("9999999999999999.99");
    expect(problemOf(() => addMoney(max, money("0.01")))).toBe("too-large");
    expect(problemOf(() => subtractMoney(negateMoney(max), money("0.01")))).toBe("too-large");
    expect(problemOf(() => sumMoney([max, max]))).toBe("too-large");
    expect(moneyToString(sumMoney([max, max, negateMoney(max)]))).toBe("9999999999999999.99");
  });

  it("does not depend on the global Decimal settings", () => {
    const before = { precision: Decimal.precision, rounding: Decimal.rounding };
    Decimal.set({ precision: 5, rounding: Decimal.ROUND_DOWN });
    try {
      expect(moneyToString(addMoney(money("1234567.89"), money("0.01")))).toBe("1234567.90");
      expect(texts(splitMoney(money("1234567.89"), 2))).toEqual(["617283.95", "617283.94"]);
    } finally {
      Decimal.set(before);
    }
  });

  it("adds like exact integer fen", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_FEN / 2n, max: MAX_FEN / 2n }), fc.bigInt({ min: -MAX_FEN / 2n, max: MAX_FEN / 2n }), (a, b) => {
        expect(moneyToString(addMoney(money(fenText(a)), money(fenText(b))))).toBe(fenText(a + b));
        expect(moneyToString(subtractMoney(money(fenText(a)), money(fenText(b))))).toBe(fenText(a - b));
      }),
    );
  });
});

describe("splitting and allocating", () => {
  it("gives the odd fen of an equal split to the earliest shares", () => {
    expect(texts(splitMoney(money("100"), 3))).toEqual(["33.34", "33.33", "33.33"]);
    expect(texts(splitMoney(money("0.05"), 3))).toEqual(["0.02", "0.02", "0.01"]);
    expect(texts(splitMoney(money("0.01"), 3))).toEqual(["0.01", "0.00", "0.00"]);
    expect(texts(splitMoney(money("-100"), 3))).toEqual(["-33.34", "-33.33", "-33.33"]);
    expect(texts(splitMoney(money("44000"), 1))).toEqual(["44000.00"]);
  });

  it("gives left-over fen to the largest remainders, then the earliest share", () => {
    expect(texts(allocateMoney(money("0.10"), [1, 2]))).toEqual(["0.03", "0.07"]);
    expect(texts(allocateMoney(money("1.00"), ["0.5", "0.25", "0.25"]))).toEqual(["0.50", "0.25", "0.25"]);
    expect(texts(allocateMoney(money("0.05"), [1, 0, 1]))).toEqual(["0.03", "0.00", "0.02"]);
    expect(texts(allocateMoney(money("100"), [money("3000"), money("1000")]))).toEqual(["75.00", "25.00"]);
    expect(texts(allocateMoney(money("0.07"), [3, 3, 1]))).toEqual(["0.03", "0.03", "0.01"]);
    expect(texts(allocateMoney(money("0.02"), [1, 1, 1, 7]))).toEqual(["0.00", "0.00", "0.00", "0.02"]);
  });

  it("refuses weights it cannot share by", () => {
    expect(() => allocateMoney(money("1"), [])).toThrow(RangeError);
    expect(() => allocateMoney(money("1"), [0, 0])).toThrow(/not all be 0/);
    expect(() => allocateMoney(money("1"), [1, -1])).toThrow(/not negative/);
    expect(() => allocateMoney(money("1"), [Infinity])).toThrow(/finite/);
    expect(() => allocateMoney(money("1"), ["1e16"])).toThrow(/too large/);
    expect(() => allocateMoney(money("1"), ["1", "0.00000000000000001"])).toThrow(/too many decimals/);
    for (const parts of [0, -1, 1.5, Number.NaN]) expect(() => splitMoney(money("1"), parts)).toThrow(RangeError);
  });

  it("conserves every fen of any amount, each share within a fen of its exact part", () => {
    const weights = fc.array(fc.oneof(fc.nat({ max: 1_000_000 }), fc.constant(0), fc.bigInt({ min: 0n, max: 10n ** 8n }).map((n) => `${n}.${"5".repeat(Number(n % 5n))}`)), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(anyAmount, weights, (amount, ws) => {
        const exact = ws.map((w) => new Decimal(w));
        fc.pre(exact.some((w) => w.gt(0)));
        const shares = allocateMoney(amount, ws);
        expect(shares).toHaveLength(ws.length);
        expect(moneyToString(sumMoney(shares))).toBe(moneyToString(amount));
        const total = exact.reduce((sum, w) => sum.plus(w), new Decimal(0));
        shares.forEach((share, i) => {
          const ideal = amount.times(exact[i] ?? 0).dividedBy(total);
          expect(share.minus(ideal).abs().lt("0.01")).toBe(true);
          if (exact[i]?.isZero()) expect(isZeroMoney(share)).toBe(true);
          if (!share.isZero()) expect(share.isNegative()).toBe(amount.isNegative());
        });
      }),
    );
  });

  it("splits any amount into shares a fen apart at most, larger shares first", () => {
    fc.assert(
      fc.property(anyAmount, fc.integer({ min: 1, max: 500 }), (amount, parts) => {
        const shares = splitMoney(amount, parts).map((share) => share.abs());
        expect(moneyToString(sumMoney(splitMoney(amount, parts)))).toBe(moneyToString(amount));
        for (let i = 1; i < shares.length; i++) {
          const [previous, current] = [shares[i - 1], shares[i]];
          if (!previous || !current) throw new Error("share missing");
          expect(previous.gte(current) && previous.minus(current).lte("0.01")).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("the browser bundle", () => {
  it("gets no decimal.js: in app/, only server modules and tests import money.ts", () => {
    const app = fileURLToPath(new URL("../..", import.meta.url));
    const importers = readdirSync(app, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.(server|test)\.tsx?$/.test(file) && !file.endsWith("money/money.ts"))
      .filter((file) => /from "[^"]*\/money\/money"|from "\.\/money"/.test(readFileSync(`${app}/${file}`, "utf8")));
    expect(importers).toEqual([]);
  });
});
