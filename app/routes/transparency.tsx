// /transparency — the public ledger: money received by source and by month (server-rendered SVG
// charts with their figures as tables), allocated and disbursed, needs' progress, the latest
// activity (donors named only where they chose to be), the chain head, and a CSV download. Words
// come translated with the data (transparency-view.server.ts), so the page loads no namespace.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPageLocale } from "../i18n/page-locale.server";
import { BarChart } from "../ui/bar-chart";
import { contentLang, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";
import { transparencyView } from "./transparency-view.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { locale, t } = await getPageLocale(request);
  const view = await transparencyView({ db: context.runtime.db, locale, t });
  return { title: t("meta.suffix", { title: view.words.title }), ...view };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

const cell = "px-2 py-2 align-top";
const link = "text-brand-700 underline underline-offset-4";

export default function TransparencyPage() {
  const { words, totals, bySource, byMonth, needs, activity, chainHead } = useLoaderData<typeof loader>();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">{words.title}</h1>
        <p className="mt-2 max-w-prose text-stone-700">{words.intro}</p>
        <p className="mt-2 text-sm">
          <Link to="/impact" className={link}>
            {words.impactLink}
          </Link>
        </p>
      </header>

      <section aria-labelledby="totals-title">
        <h2 id="totals-title" className="sr-only">
          {words.totalsTitle}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-3">
          {(["received", "allocated", "disbursed"] as const).map((key) => (
            <div key={key} className="rounded-lg border border-stone-200 bg-white p-4">
              <dt className="text-sm text-stone-600">{words[key]}</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums">{totals[key]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="charts-title">
        <h2 id="charts-title" className="text-xl font-semibold">
          {words.chartsTitle}
        </h2>
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <BarChart id="by-source" title={words.bySource} description={words.bySourceDesc} geometry={bySource} labelHeader={words.source} valueHeader={words.amount} />
          <BarChart id="by-month" title={words.byMonth} description={words.byMonthDesc} geometry={byMonth} labelHeader={words.month} valueHeader={words.amount} />
        </div>
      </section>

      <section aria-labelledby="needs-progress-title">
        <h2 id="needs-progress-title" className="text-xl font-semibold">
          {words.needsTitle}
        </h2>
        {needs.length ? (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {needs.map((need) => (
              <li key={need.ref} className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
                <Link to={`/needs/${need.ref}`} className={`font-medium ${link}`} lang={contentLang(need.title, locale)}>
                  {need.title}
                </Link>
                <p className="mt-1 text-stone-700" id={`progress-${need.ref}`}>
                  {need.words.summary}
                </p>
                {need.fundedPercent !== null ? (
                  <progress max={100} value={need.fundedPercent} aria-labelledby={`progress-${need.ref}`} className="mt-1 h-2 w-full appearance-none overflow-hidden rounded bg-stone-200 accent-brand-600 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-brand-600">
                    {need.fundedPercent}%
                  </progress>
                ) : null}
                <p className="mt-1 text-stone-600">{need.words.figures}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-stone-700">{words.needsNone}</p>
        )}
      </section>

      <section aria-labelledby="activity-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="activity-title" className="text-xl font-semibold">
            {words.activityTitle}
          </h2>
          <a href="/transparency.csv" download className={`text-sm font-medium ${link}`}>
            {words.download}
          </a>
        </div>
        {activity.length ? (
          <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full text-sm">
              <caption className="sr-only">{words.activityTitle}</caption>
              <thead>
                <tr className="border-b border-stone-200 text-left text-stone-600">
                  <th scope="col" className={cell}>
                    {words.sequence}
                  </th>
                  <th scope="col" className={cell}>
                    {words.date}
                  </th>
                  <th scope="col" className={cell}>
                    {words.kind}
                  </th>
                  <th scope="col" className={`${cell} text-right`}>
                    {words.amount}
                  </th>
                  <th scope="col" className={cell}>
                    {words.details}
                  </th>
                </tr>
              </thead>
              <tbody>
                {activity.map((row) => (
                  <tr key={row.sequence} className="border-b border-stone-100 last:border-b-0">
                    <td className={`${cell} font-mono`}>{row.sequence}</td>
                    <td className={cell}>
                      <time dateTime={row.valueDate}>{row.date}</time>
                    </td>
                    <td className={cell}>{row.kind}</td>
                    <td className={`${cell} text-right tabular-nums`}>{row.amount}</td>
                    <td className={cell}>
                      {row.details}
                      {row.need ? (
                        <>
                          {row.details ? " · " : null}
                          <Link to={`/needs/${row.need.ref}`} className={link} lang={contentLang(row.need.title, locale)}>
                            {row.need.title}
                          </Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-3 text-stone-700">{words.activityNone}</p>
        )}
      </section>

      <section aria-labelledby="chain-title" className="rounded-lg bg-stone-100 p-4 ring-1 ring-inset ring-stone-200">
        <h2 id="chain-title" className="font-semibold">
          {words.chainTitle}
        </h2>
        <p className="mt-1 text-sm text-stone-700">{words.chainExplain}</p>
        {chainHead ? (
          <dl className="mt-2 text-sm">
            <div className="flex flex-wrap gap-2">
              <dt className="text-stone-600">{words.chainSequence}</dt>
              <dd className="font-mono">{chainHead.sequence}</dd>
            </div>
            <div className="flex flex-wrap gap-2">
              <dt className="text-stone-600">{words.chainHash}</dt>
              <dd className="break-all font-mono">{chainHead.hash}</dd>
            </div>
          </dl>
        ) : null}
      </section>
    </div>
  );
}
