// An amount's text formatted in the browser, for the need editor's live preview: the money module's
// text part, the same output as money.ts's formatMoney ("¥12,500", "¥12,500.50"), by string work
// alone, so neither decimal.js nor a JS number is involved (format-amount-text.test.ts compares the two).
import { formatMoneyText } from "../domain/money/money-text";
import type { Locale } from "../i18n/config";

const CANONICAL = /^(0|[1-9]\d{0,15})\.(\d{2})$/;

/** "3000.50" → "¥3,000.50"; null for null or for text that is not a canonical amount. */
export function formatAmountText(text: string | null, locale: Locale): string | null {
  return text !== null && CANONICAL.test(text) ? formatMoneyText(text, locale) : null;
}
