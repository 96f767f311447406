// What a donor sees once the pledge is recorded: the reference, how to transfer (or that the union
// will be in touch), and the tracking code, shown this once. The page is never cached.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDay } from "./format";
import { useLocale } from "./labels";

export interface PledgeCreatedView {
  ref: string;
  /** Formatted for people ("¥200.00"). */
  amount: string;
  unionName: string;
  need: { ref: string; title: string } | null;
  bank: { accountName: string; bankName: string; accountNumber: string; contact: string } | null;
  trackingCode: string;
  expiresOn: string;
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 border-b border-stone-100 py-2 last:border-b-0">
      <dt className="text-stone-600">{term}</dt>
      <dd className="font-medium text-stone-900">{children}</dd>
    </div>
  );
}

export function PledgeCreated({ pledge }: { pledge: PledgeCreatedView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const box = "rounded-lg border border-stone-200 bg-white p-4 sm:p-6";
  return (
    <section aria-labelledby="pledge-created-title" className="mx-auto max-w-2xl space-y-6">
      <h1 id="pledge-created-title" className="text-2xl font-semibold text-stone-900">
        {t("pledges:created.title")}
      </h1>
      <dl className={box}>
        <Row term={t("pledges:created.reference")}>
          <span className="font-mono text-lg">{pledge.ref}</span>
        </Row>
        <Row term={t("pledges:created.amount")}>{pledge.amount}</Row>
        <Row term={t("pledges:created.union")}>{pledge.unionName}</Row>
        <Row term={pledge.need ? t("pledges:created.need") : t("pledges:created.generalFund")}>
          {pledge.need ? <Link to={`/needs/${pledge.need.ref}`} className="text-brand-700 underline underline-offset-4">{pledge.need.title}</Link> : pledge.unionName}
        </Row>
      </dl>
      <section aria-labelledby="pledge-bank-title" className={box}>
        <h2 id="pledge-bank-title" className="text-lg font-semibold">
          {t("pledges:created.bankTitle")}
        </h2>
        {pledge.bank ? (
          <>
            <p className="mt-2 text-stone-700">{t("pledges:created.bankIntro", { ref: pledge.ref })}</p>
            <dl className="mt-3">
              <Row term={t("pledges:created.accountName")}>{pledge.bank.accountName}</Row>
              <Row term={t("pledges:created.bankName")}>{pledge.bank.bankName}</Row>
              <Row term={t("pledges:created.accountNumber")}>
                <span className="font-mono">{pledge.bank.accountNumber}</span>
              </Row>
              <Row term={t("pledges:created.bankContact")}>{pledge.bank.contact}</Row>
            </dl>
          </>
        ) : (
          <p className="mt-2 text-stone-700">{t("pledges:created.noBank", { union: pledge.unionName })}</p>
        )}
      </section>
      <section aria-labelledby="pledge-code-title" className="rounded-lg border-2 border-brand-700 bg-brand-50 p-4 sm:p-6">
        <h2 id="pledge-code-title" className="text-lg font-semibold">
          {t("pledges:created.codeTitle")}
        </h2>
        <p className="mt-3 break-all font-mono text-xl font-semibold tracking-wider text-stone-900 sm:text-2xl">{pledge.trackingCode}</p>
        <p className="mt-3 text-stone-800">{t("pledges:created.codeIntro")}</p>
        <p className="mt-2 text-sm text-stone-700">{t("pledges:created.expires", { date: formatDay(pledge.expiresOn, locale) })}</p>
        <p className="mt-4">
          <Link to="/pledges/track" className="font-medium text-brand-700 underline underline-offset-4">
            {t("pledges:created.track")}
          </Link>
        </p>
      </section>
    </section>
  );
}
