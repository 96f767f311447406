// Amounts as text: reading what people type, the canonical numeric(18,2) text, and formatting for
// people. Browser-safe on purpose — string work only, no decimal.js and no JS number — so forms
// (Conform schemas) and the need editor's live preview can use it without adding decimal.js to the
// bundle. Arithmetic on amounts is in money.ts, which builds on this module's parser; code that
// ships to the browser imports this file, never money.ts.
import { z } from "zod";
import { numberFormat } from "../../i18n/intl-cache";

/** Yuan with at most two decimals, unsigned and ungrouped: "650", "650.5", "650.00" (import files). */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** The largest amount numeric(18,2) holds: 16 integer digits and 2 decimals. */
export const MONEY_MAX_TEXT = "9999999999999999.99";

/** Which amounts a reading accepts: pledges and receipts are positive, incomes may be 0, postings signed. */
export type MoneySign = "positive" | "non-negative" | "signed";

export const MONEY_PROBLEMS = ["empty", "malformed", "grouping", "exponent", "too-many-decimals", "too-large", "negative", "zero"] as const;
export type MoneyProblem = (typeof MONEY_PROBLEMS)[number];

const PROBLEM_TEXT: Record<MoneyProblem, string> = {
  empty: "is empty",
  malformed: "is not a number of yuan",
  grouping: "has grouping commas in the wrong places (write 1,234,567.50)",
  exponent: "uses exponent notation",
  "too-many-decimals": "has more than two decimals",
  "too-large": `is larger than ${MONEY_MAX_TEXT}`,
  negative: "is negative",
  zero: "is zero",
};

/** The i18n key (common namespace) that tells a person what is wrong with an amount they typed. */
export const MONEY_PROBLEM_MESSAGES: Record<MoneyProblem, string> = {
  empty: "common:money.errors.empty",
  malformed: "common:money.errors.malformed",
  grouping: "common:money.errors.grouping",
  exponent: "common:money.errors.exponent",
  "too-many-decimals": "common:money.errors.tooManyDecimals",
  "too-large": "common:money.errors.tooLarge",
  negative: "common:money.errors.negative",
  zero: "common:money.errors.zero",
};

// A registered symbol, not `instanceof` alone: the server build bundles its own copy of this module.
const BRAND = Symbol.for("xiangyun.MoneyError");

/** Text that is not an acceptable amount, or arithmetic that leaves numeric(18,2). A RangeError. */
export class MoneyError extends RangeError {
  readonly [BRAND] = true;
  readonly problem: MoneyProblem;
  /** The text that was read, or the result that did not fit. */
  readonly text: string;

  constructor(problem: MoneyProblem, text: string) {
    super(`not an amount in yuan: ${JSON.stringify(text)} ${PROBLEM_TEXT[problem]}`);
    this.name = "MoneyError";
    this.problem = problem;
    this.text = text;
  }
}

/** True for a MoneyError from any copy of this module. */
export function isMoneyError(value: unknown): value is MoneyError {
  return value instanceof Error && BRAND in value && value[BRAND] === true;
}

export type MoneyReading = { ok: true; text: string } | { ok: false; problem: MoneyProblem };

// Full-width forms as a Chinese input method types them: ０-９ ． ， － ＋, and the minus sign.
const toAscii = (s: string) =>
  s.replace(/[\uFF0B-\uFF0E\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u2212/g, "-");

/**
 * What a person typed → canonical numeric(18,2) text ("1,234.5" → "1234.50"), or the problem.
 * Accepts surrounding spaces, full-width digits and punctuation, grouping commas every three
 * digits, a leading ¥/￥ and a trailing 元; refuses more than two decimals, exponents, leading
 * zeros, and amounts beyond numeric(18,2). `sign` says whether 0 and negative amounts are allowed.
 */
export function readMoneyText(raw: string, sign: MoneySign = "non-negative"): MoneyReading {
  let text = toAscii(raw).trim();
  if (text === "") return { ok: false, problem: "empty" };
  if (/^[-+]?[¥￥]?\s*[\d.,]*\d[eE]/.test(text)) return { ok: false, problem: "exponent" };
  const minus = text.startsWith("-");
  if (minus || text.startsWith("+")) text = text.slice(1);
  text = text.replace(/^[¥￥]\s*/, "").replace(/\s*元$/, "");
  const parts = /^(\d[\d,]*)(?:\.(\d+))?$/.exec(text);
  if (!parts?.[1]) return { ok: false, problem: "malformed" };
  const grouped = parts[1];
  const decimals = parts[2] ?? "";
  if (grouped.includes(",") && !/^[1-9]\d{0,2}(,\d{3})+$/.test(grouped)) return { ok: false, problem: "grouping" };
  const whole = grouped.replaceAll(",", "");
  if (whole.length > 1 && whole.startsWith("0")) return { ok: false, problem: "malformed" };
  if (decimals.length > 2) return { ok: false, problem: "too-many-decimals" };
  if (whole.length > 16) return { ok: false, problem: "too-large" };
  const canonical = `${whole}.${decimals.padEnd(2, "0")}`;
  const isZero = canonical === "0.00";
  if (minus && !isZero && sign !== "signed") return { ok: false, problem: "negative" };
  if (isZero && sign === "positive") return { ok: false, problem: "zero" };
  return { ok: true, text: minus && !isZero ? `-${canonical}` : canonical };
}

/** As readMoneyText, but throws a MoneyError naming the problem. */
export function parseMoneyText(raw: string, sign: MoneySign = "non-negative"): string {
  const reading = readMoneyText(raw, sign);
  if (!reading.ok) throw new MoneyError(reading.problem, raw);
  return reading.text;
}

/** A form field for an amount: the canonical text, or an issue whose message is the problem's i18n key. */
export function moneyTextSchema(sign: MoneySign = "positive") {
  return z.string(MONEY_PROBLEM_MESSAGES.empty).transform((raw, ctx) => {
    const reading = readMoneyText(raw, sign);
    if (reading.ok) return reading.text;
    ctx.addIssue({ code: "custom", message: MONEY_PROBLEM_MESSAGES[reading.problem] });
    return z.NEVER;
  });
}

const CANONICAL = /^(-?)(0|[1-9]\d{0,15})\.(\d{2})$/;

export interface MoneyFormatOptions {
  /** "when-needed" (default) drops ".00" as on public cards ("¥12,500"); "always" keeps it, as in a ledger. */
  cents?: "when-needed" | "always";
}

/** Canonical text for people: "12500.00" → "¥12,500", "-3.50" → "-¥3.50", grouped by locale. */
export function formatMoneyText(canonical: string, locale: string, options: MoneyFormatOptions = {}): string {
  const parts = CANONICAL.exec(canonical);
  if (!parts?.[2] || !parts[3]) throw new MoneyError("malformed", canonical);
  const [minus, whole, cents] = [parts[1] === "-", parts[2], parts[3]];
  const grouped = numberFormat(locale, { useGrouping: true }).format(BigInt(whole));
  const decimals = cents === "00" && options.cents !== "always" ? "" : `.${cents}`;
  return `${minus && canonical !== "-0.00" ? "-" : ""}¥${grouped}${decimals}`;
}
