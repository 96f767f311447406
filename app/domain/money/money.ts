// The one place amounts are created and formatted. An amount is a Decimal, never a JS number.
import Decimal from "decimal.js";
import { numberFormat } from "../../i18n/intl-cache";

export type Money = Decimal;

/** Yuan with at most two decimals, as text: "650", "650.5", "650.00". */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

export function parseMoney(text: string): Money {
  if (!MONEY_PATTERN.test(text)) throw new RangeError(`not an amount in yuan: ${JSON.stringify(text)}`);
  return new Decimal(text);
}

/** The canonical text of an amount, as stored in numeric(18,2): "650.00". */
export function moneyToString(amount: Money): string {
  return amount.toFixed(2);
}

/** An amount for people: "¥12,500" or "¥12,500.50", grouped by locale. */
export function formatMoney(amount: Money, locale: string): string {
  const [whole = "0", cents = "00"] = amount.toFixed(2).split(".");
  const grouped = numberFormat(locale, { useGrouping: true }).format(BigInt(whole));
  return cents === "00" ? `¥${grouped}` : `¥${grouped}.${cents}`;
}
