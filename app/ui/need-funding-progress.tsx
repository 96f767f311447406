// A need's funding against its target: a native <progress> (readable without JavaScript and by
// screen readers) with the figures as text — raised from donors, allocated from the union's general
// funds, and disbursed to providers.
import { useTranslation } from "react-i18next";
import type { FundingView } from "./funding-view.server";

export function NeedFundingProgress({ funding }: { funding: FundingView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="funding-title" className="rounded-lg border border-stone-200 bg-white p-4 text-sm sm:text-base">
      <h2 id="funding-title" className="font-semibold">
        {t("transparency.progress.title")}
      </h2>
      {funding.fundedPercent !== null && funding.target ? (
        <>
          <label htmlFor="funding-bar" className="mt-2 block text-stone-700">
            {t("transparency.progress.fundedOfTarget", { funded: funding.funded, target: funding.target, percent: funding.fundedPercent })}
          </label>
          <progress id="funding-bar" max={100} value={funding.fundedPercent} className="mt-2 h-3 w-full accent-brand-600">
            {funding.fundedPercent}%
          </progress>
        </>
      ) : (
        <p className="mt-2 text-stone-700">{t("transparency.progress.funded", { funded: funding.funded })}</p>
      )}
      <dl className="mt-3 space-y-1">
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">{t("transparency.progress.raised")}</dt>
          <dd className="font-medium tabular-nums">{funding.raised}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">{t("transparency.progress.allocated")}</dt>
          <dd className="font-medium tabular-nums">{funding.allocated}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">{t("transparency.progress.disbursed")}</dt>
          <dd className="font-medium tabular-nums">{funding.disbursed}</dd>
        </div>
      </dl>
      {funding.state === "fully" ? <p className="mt-2 font-medium text-emerald-800">{t("transparency.state.fully")}</p> : null}
    </section>
  );
}
