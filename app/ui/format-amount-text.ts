// An amount's text formatted in the browser, for the need editor's live preview: the same output
// as money.ts's formatMoney ("¥12,500", "¥12,500.50"), by string work alone, so neither decimal.js
// nor a JS number is involved (format-amount-text.test.ts compares the two).
import type { Locale } from "../i18n/config";
import { numberFormat } from "../i18n/intl-cache";

const CANONICAL = /^(0|[1-9]\d{0,15})\.(\d{2})$/;

/** "3000.50" → "¥3,000.50"; null for null or for text that is not a canonical amount. */
export function formatAmountText(text: string | null, locale: Locale): string | null {
  const parts = text === null ? null : CANONICAL.exec(text);
  if (!parts?.[1] || !parts[2]) return null;
  const grouped = numberFormat(locale, { useGrouping: true }).format(BigInt(parts[1]));
  return parts[2] === "00" ? `¥${grouped}` : `¥${grouped}.${parts[2]}`;
}
