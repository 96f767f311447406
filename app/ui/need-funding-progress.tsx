// A need's funding against its target: a native <progress> (readable without JavaScript and by
// screen readers) with the figures as text — raised from donors, allocated from the union's general
// funds, and disbursed to providers. The words come translated from the server (fundingView).
import type { FundingView } from "./funding-view.server";

export function NeedFundingProgress({ funding }: { funding: FundingView }) {
  const { words } = funding;
  return (
    <section aria-labelledby="funding-title" className="rounded-lg border border-stone-200 bg-white p-4 text-sm sm:text-base">
      <h2 id="funding-title" className="font-semibold">
        {words.title}
      </h2>
      {funding.fundedPercent !== null ? (
        <>
          <label htmlFor="funding-bar" className="mt-2 block text-stone-700">
            {words.summary}
          </label>
          <progress id="funding-bar" max={100} value={funding.fundedPercent} className="mt-2 h-3 w-full appearance-none overflow-hidden rounded bg-stone-200 accent-brand-600 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-brand-600">
            {funding.fundedPercent}%
          </progress>
        </>
      ) : (
        <p className="mt-2 text-stone-700">{words.summary}</p>
      )}
      <dl className="mt-3 space-y-1">
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">{words.raised}</dt>
          <dd className="font-medium tabular-nums">{funding.raised}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">{words.allocated}</dt>
          <dd className="font-medium tabular-nums">{funding.allocated}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">{words.disbursed}</dt>
          <dd className="font-medium tabular-nums">{funding.disbursed}</dd>
        </div>
      </dl>
      {words.fullyFunded ? <p className="mt-2 font-medium text-emerald-800">{words.fullyFunded}</p> : null}
    </section>
  );
}
