// The one place amounts are created, computed and formatted. An amount is a `Money`: a Decimal of
// this module's own constructor, at most two decimals (fen), within numeric(18,2); never a JS number.
//
// The split: money-text.ts reads and formats amounts as text by string work alone, so browser code
// (forms, the need editor's preview) uses it without shipping decimal.js (~14 kB gzip). This file
// adds the arithmetic on top of it and is for the server, the CLI and tests — pure logic, plain .ts,
// tested without I/O — and is never imported by code that ships to the browser.
import Decimal from "decimal.js";
import type { MoneyFormatOptions, MoneySign } from "./money-text";
import { MONEY_MAX_TEXT, MoneyError, formatMoneyText, parseMoneyText } from "./money-text";

// Amounts have at most 18 significant digits; 34 (decimal128) keeps sums of many amounts and the
// fen × weight products of allocateMoney exact. Nothing here rounds an amount: the rounding mode
// is fixed so that no other module's Decimal settings can change a result.
const MoneyDecimal = Decimal.clone({ defaults: true, precision: 34, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
const MAX = new MoneyDecimal(MONEY_MAX_TEXT);
const HUNDRED = new MoneyDecimal(100);
/** allocateMoney keeps fen (≤ 18 digits) × total weight below 34 digits, so every share is exact. */
const WEIGHT_LIMIT = new MoneyDecimal("1e16");

declare const MONEY: unique symbol;
/** An amount in yuan: a Decimal with at most two decimals, within numeric(18,2). */
export type Money = Decimal & { readonly [MONEY]: true };

function isMoney(value: Decimal): value is Money {
  return value.isFinite() && value.decimalPlaces() <= 2 && value.abs().lte(MAX);
}

/** A computed value as Money, or a MoneyError when it leaves numeric(18,2). */
function checked(value: Decimal): Money {
  if (!isMoney(value)) throw new MoneyError(value.isFinite() && value.decimalPlaces() <= 2 ? "too-large" : "malformed", value.toString());
  return value;
}

function fromCanonical(text: string): Money {
  return checked(new MoneyDecimal(text));
}

export const ZERO_MONEY: Money = fromCanonical("0.00");

/** An amount from text, any sign: money("650"), money("-12.50"), money("1,234.50"). For code and tests. */
export function money(text: string): Money {
  return fromCanonical(parseMoneyText(text, "signed"));
}

/**
 * An amount someone typed or sent ("1,234.50", "１２３４.５", "¥650"); by default 0 or more,
 * "positive" for pledges and receipts, "signed" for postings. Throws a MoneyError naming the problem.
 */
export function parseMoney(text: string, sign: MoneySign = "non-negative"): Money {
  return fromCanonical(parseMoneyText(text, sign));
}

const DB_TEXT = /^-?(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** An amount as the database returns a numeric(18,2) column ("650.00", "-12.50"). */
export function moneyFromDb(text: string): Money {
  if (!DB_TEXT.test(text)) throw new MoneyError("malformed", text);
  return fromCanonical(text);
}

/** The canonical text of an amount, as stored in numeric(18,2) and sent to the browser: "650.00". */
export function moneyToString(amount: Money): string {
  return amount.isZero() ? "0.00" : amount.toFixed(2);
}

/** An amount for people: "¥12,500" or "¥12,500.50", grouped by locale (see formatMoneyText). */
export function formatMoney(amount: Money, locale: string, options?: MoneyFormatOptions): string {
  return formatMoneyText(moneyToString(amount), locale, options);
}

/** a + b; a MoneyError if the sum leaves numeric(18,2). */
export function addMoney(a: Money, b: Money): Money {
  return checked(a.plus(b));
}

/** a − b; a MoneyError if the difference leaves numeric(18,2). */
export function subtractMoney(a: Money, b: Money): Money {
  return checked(a.minus(b));
}

/** The sum of any number of amounts (0 for none); exact, checked against numeric(18,2) at the end. */
export function sumMoney(amounts: Iterable<Money>): Money {
  let total: Decimal = ZERO_MONEY;
  for (const amount of amounts) total = total.plus(amount);
  return checked(total);
}

/** −a. */
export function negateMoney(a: Money): Money {
  return checked(a.isZero() ? ZERO_MONEY : a.negated());
}

/** −1, 0 or 1 as a is less than, equal to or greater than b (usable as a sort comparator). */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  const order = a.comparedTo(b);
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

export function isZeroMoney(a: Money): boolean {
  return a.isZero();
}

export function isPositiveMoney(a: Money): boolean {
  return a.gt(0);
}

export function isNegativeMoney(a: Money): boolean {
  return a.lt(0);
}

/**
 * An amount shared in proportion to weights, conserving every fen: the shares sum exactly to the
 * amount. Remainder rule (largest remainder, at the fen): each share first gets the whole fen of
 * amount × weight ÷ total weight; the fen left over go one each to the shares whose division left
 * the largest remainder, ties to the earlier share. A share of weight 0 gets nothing. A negative
 * amount is shared as its absolute value and each share negated, so shares mirror the positive case.
 * Weights are proportions, not amounts (a count like 1 or 3 may be a number); together, scaled to
 * whole numbers by their longest decimals, they must stay below 10^16.
 */
export function allocateMoney(amount: Money, weights: readonly Decimal.Value[]): Money[] {
  if (weights.length === 0) throw new RangeError("allocateMoney needs at least one weight");
  const exact = weights.map((weight) => new MoneyDecimal(weight));
  if (exact.some((weight) => !weight.isFinite() || weight.lt(0))) throw new RangeError("allocateMoney weights must be finite and not negative");
  const scale = new MoneyDecimal(10).pow(exact.reduce((most, weight) => Math.max(most, weight.decimalPlaces()), 0));
  const whole = exact.map((weight) => weight.times(scale));
  const total = whole.reduce((sum, weight) => sum.plus(weight), new MoneyDecimal(0));
  if (total.isZero()) throw new RangeError("allocateMoney weights must not all be 0");
  if (total.gte(WEIGHT_LIMIT)) throw new RangeError("allocateMoney weights are too large or have too many decimals to share exactly");

  const fen = amount.abs().times(HUNDRED);
  const shares = whole.map((weight) => {
    const product = fen.times(weight);
    const base = product.dividedToIntegerBy(total);
    return { base, remainder: product.minus(base.times(total)) };
  });
  let left = fen.minus(shares.reduce((sum, share) => sum.plus(share.base), new MoneyDecimal(0)));
  const byRemainder = shares.map((share, index) => ({ ...share, index })).sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const extra = new Set<number>();
  for (const share of byRemainder) {
    if (!left.gt(0)) break;
    extra.add(share.index);
    left = left.minus(1);
  }
  return shares.map((share, index) => {
    const inFen = extra.has(index) ? share.base.plus(1) : share.base;
    const yuan = inFen.dividedBy(HUNDRED);
    return checked(amount.isNegative() && !yuan.isZero() ? yuan.negated() : yuan);
  });
}

/** An amount split into `parts` shares as equal as fen allow, the earlier shares taking the odd fen. */
export function splitMoney(amount: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1 || parts > 1_000_000) throw new RangeError(`cannot split into ${parts} parts`);
  return allocateMoney(amount, Array.from({ length: parts }, () => 1));
}
