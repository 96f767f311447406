// A pledge's amounts as the donor's pages show them, formatted on the server: the money module's
// text formatting brings zod with it, which the donor's pages do not otherwise load.
import type { PledgeJourneyView } from "../domain/pledges/look-up-pledge.server";
import { formatMoneyText } from "../domain/money/money-text";
import type { Locale } from "../i18n/config";

/** "1234.50" → "¥1,234.50": ledger amounts keep their fen. */
export function formatPledgeAmount(canonical: string, locale: Locale): string {
  return formatMoneyText(canonical, locale, { cents: "always" });
}

/** The journey with every amount as text for people. */
export function formatJourney(journey: PledgeJourneyView, locale: Locale): PledgeJourneyView {
  const yuan = (amount: string) => formatPledgeAmount(amount, locale);
  return {
    ...journey,
    amount: yuan(journey.amount),
    received: yuan(journey.received),
    receipts: journey.receipts.map((r) => ({ ...r, amount: yuan(r.amount) })),
    need: journey.need
      ? {
          ...journey.need,
          fund: { received: yuan(journey.need.fund.received), allocated: yuan(journey.need.fund.allocated), disbursed: yuan(journey.need.fund.disbursed) },
          disbursements: journey.need.disbursements.map((d) => ({ ...d, amount: yuan(d.amount) })),
        }
      : null,
  };
}
