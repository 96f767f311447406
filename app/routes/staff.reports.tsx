// /staff/reports — a region's report for a period: households, needs, matches and money, each as
// tables with a server-rendered chart beside them, the regions below to drill down into, the
// Excel workbook and CSV downloads, and a printable summary. A GET form holds the period, so a
// report is a link to send and the page works without JavaScript. Union admins, caseworkers and
// auditors read all of it; finance staff the money (report-access.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withNamespaces } from "../i18n/client-namespaces";
import { inputClass } from "../ui/form";
import { titleMeta } from "../ui/meta";
import { FigureTable, ReportSection } from "../ui/report-figures";
import { reportFrame, reportSections } from "./staff-reports-view.server";
import { loadStaffReport } from "./staff-reports.server";

export const handle = { i18n: ["reports"] };
export const clientLoader = withNamespaces("reports");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const loaded = await loadStaffReport(request, context);
  const frame = reportFrame(loaded);
  return { pageTitle: loaded.t("meta.suffix", { title: frame.title }), ...frame, sections: reportSections(loaded) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.pageTitle, matches);

const link = "text-brand-700 underline underline-offset-4 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";
const button = "inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-3 font-medium text-brand-700 hover:bg-stone-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";

function DayField({ name, label, value, describedBy, invalid }: { name: string; label: string; value: string; describedBy: string; invalid: boolean }) {
  return (
    <div>
      <label htmlFor={`report-${name}`} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <input id={`report-${name}`} name={name} type="date" required defaultValue={value} aria-invalid={invalid || undefined} aria-describedby={describedBy} className={inputClass} />
    </div>
  );
}

function PeriodForm() {
  const { form, quick, regionCode } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  const errorId = "period-errors";
  const invalid = form.errors.length > 0;
  const describedBy = invalid ? `period-hint ${errorId}` : "period-hint";
  return (
    <section aria-labelledby="period-title" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="period-title" className="font-semibold">
        {t("form.label")}
      </h2>
      {/* Keyed by the period: a quick period, the trail or a region link changes the report without
          remounting the page, and the fields' default values would otherwise keep the old days. */}
      <Form key={`${regionCode} ${form.from} ${form.to}`} method="get" action="/staff/reports" className="mt-2 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
        <input type="hidden" name="region" value={regionCode} />
        <DayField name="from" label={t("form.from")} value={form.from} describedBy={describedBy} invalid={invalid} />
        <DayField name="to" label={t("form.to")} value={form.to} describedBy={describedBy} invalid={invalid} />
        <button type="submit" className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
          {t("form.submit")}
        </button>
      </Form>
      <p id="period-hint" className="mt-2 text-sm text-stone-600">
        {t("form.hint")}
      </p>
      {invalid ? (
        <div id={errorId} role="alert" className="mt-3 rounded-md border border-brand-700 bg-brand-50 p-3 text-sm text-brand-800">
          <ul className="space-y-0.5 font-medium">
            {form.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
          {form.fallback ? <p className="mt-1">{form.fallback}</p> : null}
        </div>
      ) : null}
      <nav aria-labelledby="quick-title" className="mt-3">
        <h3 id="quick-title" className="text-sm font-medium text-stone-700">
          {t("form.quick")}
        </h3>
        <ul className="mt-1 flex flex-wrap gap-2">
          {quick.map((q) => (
            <li key={q.key}>
              <Link to={q.href} aria-current={q.current ? "page" : undefined} className={`${button} text-sm aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white`}>
                {q.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
}

export default function StaffReportsPage() {
  const { access, title, regionName, periodText, trail, links, regions, sections } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  return (
    <div className="space-y-8">
      <header>
        {trail.length > 1 ? (
          <nav aria-label={t("trail")} className="text-sm">
            <ol className="flex flex-wrap gap-1 text-stone-600">
              {trail.map((step) => (
                <li key={step.code} className="after:ml-1 after:content-['›'] last:after:content-none">
                  <Link to={step.href} aria-current={step.current ? "page" : undefined} className={step.current ? "text-stone-800" : link}>
                    {step.name}
                  </Link>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
        <p className="mt-1 font-medium text-stone-800">{periodText}</p>
        <p className="mt-2 max-w-prose text-stone-700">{t("intro")}</p>
        {access === "money" ? <p className="mt-2 max-w-prose rounded-md bg-stone-100 p-3 text-sm text-stone-700">{t("moneyOnly")}</p> : null}
      </header>

      <PeriodForm />

      <section aria-labelledby="downloads-title">
        <h2 id="downloads-title" className="sr-only">
          {t("downloads.title")}
        </h2>
        <ul className="flex flex-wrap gap-2">
          {links.xlsx ? (
            <li>
              {/* Files, not pages: plain links. */}
              <a href={links.xlsx} download className={button}>
                {t("downloads.xlsx")}
              </a>
            </li>
          ) : null}
          <li>
            <Link to={links.summary} className={button}>
              {t("downloads.summary")}
            </Link>
          </li>
        </ul>
      </section>

      <nav aria-labelledby="contents-title" className="text-sm">
        <h2 id="contents-title" className="font-medium text-stone-700">
          {t("contents")}
        </h2>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <a href="#regions" className={`inline-flex min-h-11 items-center ${link}`}>
              {t("regions.title")}
            </a>
          </li>
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className={`inline-flex min-h-11 items-center ${link}`}>
                {section.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section id="regions" aria-labelledby="regions-title" className="scroll-mt-4 space-y-3">
        <h2 id="regions-title" className="text-xl font-semibold">
          {t("regions.title")}
        </h2>
        {regions ? <FigureTable table={regions} /> : <p className="text-stone-700">{t("regions.none", { region: regionName })}</p>}
      </section>

      {sections.map((section) => (
        <ReportSection key={section.id} section={section} />
      ))}
    </div>
  );
}
