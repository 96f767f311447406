// /impact — what the unions' work adds up to, for the site, a province (?region=53) or a prefecture
// (?region=5329): server-rendered figures, SVG charts with their tables, and every cell of fewer
// than 5 households hidden (public-impact.server.ts). Words come translated with the data, so the
// page loads no namespace; region choice is by links, so it works without JavaScript.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPageLocale } from "../i18n/page-locale.server";
import { BarChart } from "../ui/bar-chart";
import { titleMeta } from "../ui/meta";
import { impactView } from "./impact-view.server";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { locale, t } = await getPageLocale(request);
  const region = new URL(request.url).searchParams.get("region") ?? "";
  const view = await impactView({ db: context.runtime.db, figures: context.runtime.publicFigures, region, locale, t });
  if (!view) throw new Response(t("impact:notFound"), { status: 404 });
  return { pageTitle: t("meta.suffix", { title: view.title }), ...view };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.pageTitle, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

const cell = "px-2 py-2 align-top";
const link = "text-brand-700 underline underline-offset-4";

export default function ImpactPage() {
  const { title, trail, region, regionName, asOf, headline, children, childLevel, charts, needs, money, apiHref, words } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <header>
        {region ? (
          <nav aria-label={words.trail} className="text-sm">
            <ol className="flex flex-wrap gap-1 text-stone-600">
              {trail.map((step) => (
                <li key={step.href} className="after:ml-1 after:content-['›']">
                  <Link to={step.href} className={link}>
                    {step.name}
                  </Link>
                </li>
              ))}
              <li aria-current="page">{regionName}</li>
            </ol>
          </nav>
        ) : null}
        <h1 className="mt-2 text-2xl font-bold sm:text-3xl">{title}</h1>
        <p className="mt-2 max-w-prose text-stone-700">{words.intro}</p>
        <p className="mt-1 text-sm text-stone-600">{asOf}</p>
      </header>

      <section aria-labelledby="suppression-title" className="rounded-lg bg-stone-100 p-4 text-sm ring-1 ring-inset ring-stone-200">
        <h2 id="suppression-title" className="font-semibold">
          {words.suppressionTitle}
        </h2>
        <dl className="mt-2 space-y-1 text-stone-700">
          <div className="flex gap-2">
            <dt className="w-6 shrink-0 font-mono font-semibold">{words.small}</dt>
            <dd>{words.smallMeaning}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-6 shrink-0 font-mono font-semibold">{words.complementary}</dt>
            <dd>{words.complementaryMeaning}</dd>
          </div>
        </dl>
        <p className="mt-2 text-stone-700">{words.moneyRule}</p>
      </section>

      <section aria-labelledby="headline-title">
        <h2 id="headline-title" className="sr-only">
          {words.headlineTitle}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {headline.map((figure) => (
            <div key={figure.key} className="rounded-lg border border-stone-200 bg-white p-4">
              <dt className="text-sm text-stone-600">{figure.label}</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums">{figure.value}</dd>
              {figure.hint ? <dd className="mt-1 text-xs text-stone-500">{figure.hint}</dd> : null}
            </div>
          ))}
        </dl>
      </section>

      {childLevel !== "prefecture" ? (
        <section aria-labelledby="regions-title">
          <h2 id="regions-title" className="text-xl font-semibold">
            {childLevel === "site" ? words.regionsTitleSite : words.regionsTitleProvince}
          </h2>
          {children.length ? (
            <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
              <table className="w-full text-sm">
                <caption className="sr-only">{childLevel === "site" ? words.regionsTitleSite : words.regionsTitleProvince}</caption>
                <thead>
                  <tr className="border-b border-stone-200 text-left text-stone-600">
                    <th scope="col" className={cell}>
                      {words.region}
                    </th>
                    <th scope="col" className={`${cell} text-right`}>
                      {words.registered}
                    </th>
                    <th scope="col" className={`${cell} text-right`}>
                      {words.helped}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {children.map((child) => (
                    <tr key={child.code} className="border-b border-stone-100 last:border-b-0">
                      <th scope="row" className={`${cell} text-left font-normal`}>
                        <Link to={child.href} className={link}>
                          {child.name}
                        </Link>
                      </th>
                      <td className={`${cell} text-right tabular-nums`}>{child.registered}</td>
                      <td className={`${cell} text-right tabular-nums`}>{child.helped}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="mt-3 text-stone-700">{words.regionsNone}</p>
          )}
        </section>
      ) : (
        <p className="text-sm text-stone-600">{words.countiesNote}</p>
      )}

      <section aria-labelledby="households-title" className="grid gap-4 lg:grid-cols-2">
        <h2 id="households-title" className="sr-only">
          {words.registered}
        </h2>
        <BarChart id="by-tier" title={words.byTier} description={charts.tiers.description} geometry={charts.tiers.geometry} labelHeader={words.tierHeader} valueHeader={words.countHeader} />
        <BarChart id="by-cause" title={words.byCause} description={charts.causes.description} geometry={charts.causes.geometry} labelHeader={words.causeHeader} valueHeader={words.countHeader} />
      </section>

      <section aria-labelledby="needs-title">
        <h2 id="needs-title" className="text-xl font-semibold">
          {words.needsTitle}
        </h2>
        <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">{words.needsTitle}</caption>
            <thead>
              <tr className="border-b border-stone-200 text-left text-stone-600">
                <th scope="col" className={cell}>
                  {words.category}
                </th>
                <th scope="col" className={`${cell} text-right`}>
                  {words.published}
                </th>
                <th scope="col" className={`${cell} text-right`}>
                  {words.fulfilled}
                </th>
              </tr>
            </thead>
            <tbody>
              {needs.map((row) => (
                <tr key={row.key} className="border-b border-stone-100 last:border-b-0">
                  <th scope="row" className={`${cell} text-left font-normal`}>
                    {row.label}
                  </th>
                  <td className={`${cell} text-right tabular-nums`}>{row.published}</td>
                  <td className={`${cell} text-right tabular-nums`}>{row.fulfilled}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="matches-title">
        <h2 id="matches-title" className="sr-only">
          {words.matchesTitle}
        </h2>
        <BarChart id="by-provider" title={words.matchesTitle} description={charts.providers.description} geometry={charts.providers.geometry} labelHeader={words.providerHeader} valueHeader={words.matchesHeader} />
      </section>

      <section aria-labelledby="money-title">
        <h2 id="money-title" className="text-xl font-semibold">
          {words.moneyTitle}
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-3">
          {money.totals.map((figure) => (
            <div key={figure.key} className="rounded-lg border border-stone-200 bg-white p-4">
              <dt className="text-sm text-stone-600">{figure.label}</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums">{figure.value}</dd>
            </div>
          ))}
        </dl>
        <table className="mt-3 w-full max-w-md text-sm">
          <caption className="text-left font-semibold">{words.bySource}</caption>
          <thead>
            <tr className="border-b border-stone-200 text-left text-stone-600">
              <th scope="col" className="py-1 font-medium">
                {words.source}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {words.amount}
              </th>
            </tr>
          </thead>
          <tbody>
            {money.bySource.map((row) => (
              <tr key={row.key} className="border-b border-stone-100 last:border-b-0">
                <th scope="row" className="py-1 text-left font-normal">
                  {row.label}
                </th>
                <td className="py-1 text-right tabular-nums">{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-sm">
          <Link to="/transparency" className={link}>
            {words.ledgerLink}
          </Link>
        </p>
      </section>

      <p className="text-sm">
        {/* A JSON document, not a page: a plain link. */}
        <a href={apiHref} className={link}>
          {words.api}
        </a>
      </p>
    </div>
  );
}
