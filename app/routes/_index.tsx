// The home page: what Xiangyun is, how much is on it now, and the newest needs.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { newestPublicNeeds } from "../domain/needs/public-needs.server";
import { readSiteCounts } from "../domain/reports/site-counts.server";
import { formatCount } from "../ui/format";
import { withNeedAmount } from "../ui/format-amount.server";
import { useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { NeedCard } from "../ui/need-card";
import { AskForHelp } from "../ui/ask-for-help";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

// The home page's own words are a namespace of their own: other pages need not load them.
export const handle = { i18n: ["home"] };
export const clientLoader = withNamespaces("home");

const LATEST_NEEDS = 6;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, publicFigures } = context.runtime;
  // The newest needs as they are now; the counts as read within the last minute.
  const [{ locale, t }, latest, counts] = await Promise.all([
    getPageLocale(request),
    newestPublicNeeds(db, { page: 1, pageSize: LATEST_NEEDS }),
    readSiteCounts(db, publicFigures),
  ]);
  return { title: t("meta.home"), description: t("home:intro"), needCount: counts.needs, offerCount: counts.offers, latestNeeds: latest.map((need) => withNeedAmount(need, locale)) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...titleMeta(data?.title, matches),
  ...(data ? [{ name: "description", content: data.description }] : []),
];

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

const PROMISES = ["pointUnion", "pointAnonymous", "pointLedger"] as const;

export default function Home() {
  const { needCount, offerCount, latestNeeds } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <section aria-labelledby="home-title" className="rounded-2xl bg-brand-50 px-5 py-8 ring-1 ring-brand-100 sm:px-8 sm:py-10">
        <h1 id="home-title" className="text-2xl font-bold leading-tight text-brand-800 sm:text-3xl">
          {t("home:title")}
        </h1>
        <p className="mt-4 max-w-3xl text-base leading-relaxed text-stone-800 sm:text-lg">{t("home:intro")}</p>
        <ul aria-label={t("home:pointsLabel")} className="mt-6 grid gap-3 md:grid-cols-3">
          {PROMISES.map((key) => (
            <li key={key} className="flex gap-2 rounded-lg bg-white p-3 text-stone-800 ring-1 ring-brand-100">
              <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 h-5 w-5 shrink-0 fill-brand-700">
                <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
              </svg>
              <span>{t(`home:${key}`)}</span>
            </li>
          ))}
        </ul>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link to="/needs" className="rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">
            {t("home.allNeeds")}
          </Link>
          <Link to="/offers" className="rounded-md border border-brand-700 bg-white px-4 py-2.5 font-medium text-brand-700 hover:bg-brand-100">
            {t("home.allOffers")}
          </Link>
        </div>
      </section>

      <div className="mt-8">
        <AskForHelp />
      </div>

      <section aria-labelledby="stats-title" className="mt-8">
        <h2 id="stats-title" className="sr-only">
          {t("home:statsLabel")}
        </h2>
        <dl className="grid grid-cols-2 gap-4">
          <div className="flex flex-col-reverse rounded-lg border border-stone-200 bg-white p-4 sm:p-5">
            <dt className="mt-1 text-sm text-stone-600 sm:text-base">{t("home:statNeeds")}</dt>
            <dd className="text-3xl font-bold text-brand-700 sm:text-4xl">{formatCount(needCount, locale)}</dd>
          </div>
          <div className="flex flex-col-reverse rounded-lg border border-stone-200 bg-white p-4 sm:p-5">
            <dt className="mt-1 text-sm text-stone-600 sm:text-base">{t("home:statOffers")}</dt>
            <dd className="text-3xl font-bold text-brand-700 sm:text-4xl">{formatCount(offerCount, locale)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="latest-title" className="mt-10">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="latest-title" className="text-xl font-semibold sm:text-2xl">
            {t("home:latestTitle")}
          </h2>
          {latestNeeds.length ? (
            <Link to="/needs" className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800">
              {t("home.allNeeds")}
            </Link>
          ) : null}
        </div>
        {latestNeeds.length ? (
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {latestNeeds.map(({ need, amountLabel }) => (
              <li key={need.ref}>
                <NeedCard need={need} amountLabel={amountLabel} headingLevel="h3" />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-4 text-stone-700">{t("home:latestEmpty")}</p>
        )}
      </section>
    </>
  );
}
