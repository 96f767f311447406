// The type of an offer and its own details on its public page: pay range and hours of a vacancy,
// schedule, certificate and cost of a course, who qualifies for a grant or an entitlement and how
// to claim it, the items of goods. Amounts arrive formatted by the server (money.ts).
import { useTranslation } from "react-i18next";
import type { PublicOffer } from "../domain/offers/public-offer";
import { contentLang, useLocale } from "./labels";

/** Detail amounts as the server formatted them ("¥3,500"). */
export interface OfferDetailAmounts {
  payMin: string | null;
  payMax: string | null;
  learnerCost: string | null;
  /** The offer's amount: for a grant, per recipient. */
  amount: string | null;
}

export function OfferDetailsSection({ offer, amounts }: { offer: PublicOffer; amounts: OfferDetailAmounts }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { details } = offer;
  const pay =
    amounts.payMin && amounts.payMax
      ? t("offers.payRange", { min: amounts.payMin, max: amounts.payMax })
      : amounts.payMin
        ? t("offers.payFrom", { min: amounts.payMin })
        : amounts.payMax
          ? t("offers.payUpTo", { max: amounts.payMax })
          : null;
  const rows: { term: string; value: string; text?: boolean }[] = [];
  const add = (term: string, value: string | null | undefined, text = false) => {
    if (value) rows.push({ term, value, text });
  };
  add(t("offers.type"), t(`offerType.${offer.offerType}`));
  add(t("offers.pay"), pay && details.payPeriod ? t(`offers.payPer.${details.payPeriod}`, { pay }) : pay);
  add(t("offers.hours"), details.hours, true);
  add(t("offers.accommodations"), details.accommodations, true);
  add(t("offers.schedule"), details.schedule, true);
  add(t("offers.certificate"), details.certificate, true);
  if (offer.offerType === "course") add(t("offers.learnerCost"), amounts.learnerCost && amounts.learnerCost !== "¥0" ? amounts.learnerCost : t("offers.free"));
  if (offer.offerType === "grant") add(t("offers.perRecipient"), amounts.amount);
  add(t("offers.eligibility"), details.eligibility, true);
  add(t("offers.howToClaim"), details.howToClaim, true);
  add(t("offers.items"), details.items, true);
  return (
    <section aria-labelledby="details-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="details-title" className="text-lg font-semibold">
        {t("offers.details")}
      </h2>
      <dl className="mt-3 space-y-3">
        {rows.map((row) => (
          <div key={row.term}>
            <dt className="text-sm font-medium text-stone-600">{row.term}</dt>
            <dd className="whitespace-pre-line text-stone-900" lang={row.text ? contentLang(row.value, locale) : undefined}>
              {row.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
