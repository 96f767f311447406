// /staff/reports/summary — a region's report on one printed page: the headline figures of each part
// the reader may read and the regions below, with the region, the period and when it was produced.
// Printing hides the site's header, footer and staff menu (report-summary.css); the print button
// appears with JavaScript, and without it the page says how to print.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withNamespaces } from "../i18n/client-namespaces";
import { titleMeta } from "../ui/meta";
import { FigureTable } from "../ui/report-figures";
import printCss from "../ui/report-summary.css?url";
import { useHydrated } from "../ui/use-hydrated";
import { reportFigures, reportFrame } from "./staff-reports-view.server";
import { loadStaffReport } from "./staff-reports.server";

export const handle = { i18n: ["reports"] };
export const clientLoader = withNamespaces("reports");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printCss }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const loaded = await loadStaffReport(request, context);
  const frame = reportFrame(loaded);
  const title = loaded.t("reports:summary.title", { region: frame.regionName });
  return {
    pageTitle: loaded.t("meta.suffix", { title }),
    title,
    access: frame.access,
    regionName: frame.regionName,
    periodText: frame.periodText,
    produced: frame.produced,
    producedAt: frame.producedAt,
    errors: frame.form.errors,
    backHref: frame.links.page,
    // The summary is for paper: no download links in it.
    regions: frame.regions ? { ...frame.regions, note: null, csvHref: null } : null,
    parts: reportFigures(loaded, true),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.pageTitle, matches);

function PrintButton() {
  const hydrated = useHydrated();
  const { t } = useTranslation("reports");
  if (!hydrated) return <p>{t("summary.printHint")}</p>;
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
    >
      {t("summary.print")}
    </button>
  );
}

export default function StaffReportSummary() {
  const { title, access, regionName, periodText, produced, producedAt, errors, backHref, regions, parts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  return (
    <article id="report-summary" aria-labelledby="summary-title" className="space-y-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <div>
        <h1 id="summary-title" className="text-2xl font-semibold">
          {title}
        </h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-stone-600">{t("summary.region")}</dt>
          <dd>{regionName}</dd>
          <dt className="text-stone-600">{t("summary.period")}</dt>
          <dd>{periodText}</dd>
          <dt className="text-stone-600">{t("summary.produced")}</dt>
          <dd>
            <time dateTime={producedAt}>{produced}</time>
          </dd>
        </dl>
        {errors.length ? (
          <div role="alert" className="report-screen-only mt-3 rounded-md border border-brand-700 bg-brand-50 p-3 text-sm font-medium text-brand-800">
            {errors.map((error) => (
              <p key={error}>{error}</p>
            ))}
          </div>
        ) : null}
        {access === "money" ? <p className="mt-2 text-sm text-stone-700">{t("moneyOnly")}</p> : null}
      </div>

      <div className="report-screen-only flex flex-wrap items-center gap-4 text-sm text-stone-700">
        <PrintButton />
        <Link to={backHref} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-4">
          {t("summary.back")}
        </Link>
      </div>

      {parts.map((part) => (
        <section key={part.id} aria-labelledby={`summary-${part.id}`}>
          <h2 id={`summary-${part.id}`} className="border-b border-stone-300 pb-1 text-lg font-semibold">
            {part.title}
          </h2>
          <dl className="mt-2 grid gap-x-8 text-sm sm:grid-cols-2">
            {part.figures.map((figure) => (
              <div key={figure.key} className="flex justify-between gap-4 border-b border-stone-100 py-1">
                <dt className="text-stone-700">
                  {figure.label}
                  {figure.hint ? <span className="text-stone-500"> ({figure.hint})</span> : null}
                </dt>
                <dd className="font-semibold tabular-nums">{figure.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}

      {regions ? (
        <section aria-labelledby="summary-regions">
          <h2 id="summary-regions" className="sr-only">
            {regions.title}
          </h2>
          <FigureTable table={regions} />
        </section>
      ) : null}

      <dl className="report-print-only hidden grid-cols-3 gap-8 pt-8 text-sm">
        {(["preparedBy", "checkedBy", "date"] as const).map((key) => (
          <div key={key} className="border-t border-stone-800 pt-1">
            <dt>{t(`summary.${key}`)}</dt>
            <dd />
          </div>
        ))}
      </dl>
    </article>
  );
}
