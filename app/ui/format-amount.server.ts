// Amounts are formatted on the server through the money module, and only the resulting text goes
// to the page: decimal.js would add ~14 kB gzip to every public page (budget: 120 kB, DESIGN §8).
import type { PublicNeed } from "../domain/needs/public-need";
import type { PublicOffer } from "../domain/offers/public-offer";
import { formatMoney, parseMoney } from "../domain/money/money";
import type { Locale } from "../i18n/config";

/** "3000.00" → "¥3,000"; null stays null (the need or offer is not about money). */
export function formatAmount(text: string | null, locale: Locale): string | null {
  return text === null ? null : formatMoney(parseMoney(text), locale);
}

export function withNeedAmount(need: PublicNeed, locale: Locale) {
  return { need, amountLabel: formatAmount(need.targetAmount, locale) };
}

export function withOfferAmount(offer: PublicOffer, locale: Locale) {
  return { offer, amountLabel: formatAmount(offer.amount, locale) };
}
