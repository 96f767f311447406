// A pledge's journey as its donor reads it: status, money received against it, and for a pledge
// to a need the need fund's money in and out (providers by kind only) and the need's outcome.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PledgeJourneyView } from "../domain/pledges/look-up-pledge.server";
import { SubmitButton } from "./form";
import { formatDay } from "./format";
import { contentLang, useLocale } from "./labels";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 border-b border-stone-100 py-2 last:border-b-0">
      <dt className="text-stone-600">{term}</dt>
      <dd className="font-medium text-stone-900">{children}</dd>
    </div>
  );
}

const box = "rounded-lg border border-stone-200 bg-white p-4 sm:p-6";

/** Amounts arrive formatted (app/ui/pledge-amounts.server.ts). */
export function PledgeJourneyPanel({ journey, code }: { journey: PledgeJourneyView; code: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <article aria-labelledby="journey-title" className="space-y-6">
      <h2 id="journey-title" className="text-xl font-semibold sm:text-2xl">
        {t("pledges:journey.title", { ref: journey.ref })}
      </h2>
      <dl className={box}>
        <Row term={t("pledges:journey.status")}>{t(`pledges:statuses.${journey.status}`)}</Row>
        <Row term={t("pledges:journey.pledged")}>{journey.amount}</Row>
        <Row term={t("pledges:journey.union")}>{journey.unionName}</Row>
        <Row term={t("pledges:journey.donor")}>{journey.displayName ?? t("pledges:journey.anonymous")}</Row>
        <Row term={t("pledges:journey.made")}>{formatDay(journey.madeOn, locale)}</Row>
        {journey.status === "open" ? <Row term={t("pledges:journey.expires")}>{formatDay(journey.expiresOn, locale)}</Row> : null}
      </dl>
      <section aria-labelledby="journey-receipts-title" className={box}>
        <h3 id="journey-receipts-title" className="text-lg font-semibold">
          {t("pledges:journey.receiptsTitle")}
        </h3>
        {journey.receipts.length ? (
          <table className="mt-3 w-full text-left text-sm sm:text-base">
            <thead>
              <tr className="border-b border-stone-200 text-stone-600">
                <th scope="col" className="py-2 font-medium">{t("pledges:journey.date")}</th>
                <th scope="col" className="py-2 font-medium">{t("pledges:journey.method")}</th>
                <th scope="col" className="py-2 text-right font-medium">{t("pledges:journey.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {journey.receipts.map((receipt, i) => (
                <tr key={`${receipt.valueDate}-${i}`} className="border-b border-stone-100">
                  <td className="py-2">{formatDay(receipt.valueDate, locale)}</td>
                  <td className="py-2">{receipt.method ? t(`pledges:methods.${receipt.method}`) : null}</td>
                  <td className="py-2 text-right font-mono">{receipt.amount}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2} className="py-2 font-medium">{t("pledges:journey.received")}</th>
                <td className="py-2 text-right font-mono font-semibold">{journey.received}</td>
              </tr>
            </tfoot>
          </table>
        ) : (
          <p className="mt-2 text-stone-700">{t("pledges:journey.noReceipts")}</p>
        )}
      </section>
      {journey.need ? (
        <section aria-labelledby="journey-need-title" className={box}>
          <h3 id="journey-need-title" className="text-lg font-semibold">
            {t("pledges:journey.needTitle")}
          </h3>
          <p className="mt-2">
            {journey.need.title ? <span lang={contentLang(journey.need.title, locale)}>{journey.need.title}</span> : t("pledges:journey.needWithdrawn")}{" "}
            <span className="font-mono text-sm text-stone-600">{journey.need.ref}</span>
          </p>
          <dl className="mt-3">
            <Row term={t("pledges:journey.needStatus")}>{t(`pledges:needOutcomes.${journey.need.status}`)}</Row>
          </dl>
          <p className="mt-4 text-sm text-stone-600">{t("pledges:journey.fundIntro")}</p>
          <dl className="mt-2">
            <Row term={t("pledges:journey.fundReceived")}>{journey.need.fund.received}</Row>
            <Row term={t("pledges:journey.fundAllocated")}>{journey.need.fund.allocated}</Row>
            <Row term={t("pledges:journey.fundDisbursed")}>{journey.need.fund.disbursed}</Row>
          </dl>
          <h4 className="mt-5 font-semibold">{t("pledges:journey.disbursementsTitle")}</h4>
          {journey.need.disbursements.length ? (
            <ul className="mt-2 space-y-1">
              {journey.need.disbursements.map((d, i) => (
                <li key={`${d.valueDate}-${i}`} className="flex flex-wrap justify-between gap-x-4">
                  <span>
                    {formatDay(d.valueDate, locale)} · {t(`pledges:payeeKinds.${d.payeeKind}`)}
                  </span>
                  <span className="font-mono">{d.amount}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-stone-700">{t("pledges:journey.noDisbursements")}</p>
          )}
        </section>
      ) : (
        <p className="rounded-lg bg-stone-100 p-4 text-stone-800">{t("pledges:journey.generalFund")}</p>
      )}
      {/* The receipt is asked for by POST too, so the code stays out of URLs and logs. */}
      <Form method="post" action="/pledges/receipt">
        <input type="hidden" name="code" value={code} />
        <SubmitButton variant="secondary">{t("pledges:journey.printReceipt")}</SubmitButton>
      </Form>
    </article>
  );
}
