// The parts of a staff report page (/staff/reports and its printable summary): headline figures, a
// table of figures with its CSV download, and a section of such tables each with its chart beside
// it. Everything arrives formatted and translated by the loader (staff-reports-view.server.ts); the
// charts are server-computed SVG (BarChart), the table beside each being its data for everyone.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ChartGeometry } from "./bar-chart-geometry.server";
import { BarChart } from "./bar-chart";

export interface FigureView {
  key: string;
  label: string;
  value: string;
  hint?: string | null;
}

export interface FigureTableView {
  id: string;
  title: string;
  note: string | null;
  /** The row header's column first, then the figures' columns. */
  columns: string[];
  rows: { key: string; label: string; href: string | null; cells: string[] }[];
  total: { label: string; cells: string[] } | null;
  /** The table as CSV (null where the downloads are not the reader's). */
  csvHref: string | null;
}

export interface FigureChartView {
  id: string;
  title: string;
  description: string;
  geometry: ChartGeometry;
}

export interface FigureBlockView {
  table: FigureTableView;
  chart: FigureChartView | null;
}

export interface ReportSectionView {
  id: "households" | "needs" | "matches" | "money";
  title: string;
  intro: string;
  figures: FigureView[];
  blocks: FigureBlockView[];
}

// Cells keep to one line: a wide table scrolls sideways rather than stacking a label character by character.
const cell = "whitespace-nowrap px-3 py-2 align-top";
/** The first column stays in view while a wide table scrolls sideways. */
const rowHeader = "sticky left-0 bg-white text-left";
const link = "text-brand-700 underline underline-offset-4 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";

/** Figures as cards: a label and a value each. */
export function Figures({ figures, label }: { figures: readonly FigureView[]; label?: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {figures.map((figure) => (
        <div key={figure.key} className="rounded-lg border border-stone-200 bg-white p-3 sm:p-4">
          <dt className="text-sm text-stone-600">{figure.label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">{figure.value}</dd>
          {figure.hint ? <dd className="mt-1 text-xs text-stone-500">{figure.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** A table of figures: its caption, the row headers (a link where the row leads on) and the CSV link. */
export function FigureTable({ table }: { table: FigureTableView }) {
  const { t } = useTranslation("reports");
  const captionId = `${table.id}-caption`;
  return (
    <div className="min-w-0">
      {/* Scrolls sideways on a phone; focusable so that keyboard users can scroll it too. */}
      <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-lg border border-stone-200 bg-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700">
        <table className="w-full text-sm">
          <caption id={captionId} className="px-3 pt-3 text-left font-semibold text-stone-900">
            {table.title}
          </caption>
          <thead>
            <tr className="border-b border-stone-200 text-stone-600">
              {table.columns.map((column, index) => (
                <th key={column} scope="col" className={`${cell} font-medium ${index === 0 ? rowHeader : "text-right"}`}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key} className="border-b border-stone-100 last:border-b-0">
                <th scope="row" className={`${cell} ${rowHeader} font-normal`}>
                  {row.href ? (
                    <Link to={row.href} className={link}>
                      {row.label}
                    </Link>
                  ) : (
                    row.label
                  )}
                </th>
                {row.cells.map((value, index) => (
                  <td key={table.columns[index + 1] ?? index} className={`${cell} text-right tabular-nums`}>
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <tr className="border-t border-stone-300 font-semibold">
                <th scope="row" className={`${cell} ${rowHeader}`}>
                  {table.total.label}
                </th>
                {table.total.cells.map((value, index) => (
                  <td key={table.columns[index + 1] ?? index} className={`${cell} text-right tabular-nums`}>
                    {value}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {table.note || table.csvHref ? (
        <p className="mt-2 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm text-stone-600">
          {table.note ? <span>{table.note}</span> : <span />}
          {table.csvHref ? (
            // A file, not a page: a plain link.
            <a href={table.csvHref} download className={`report-screen-only inline-flex min-h-11 items-center font-medium ${link}`}>
              {t("downloads.csv")}
              <span className="sr-only">{t("downloads.csvOf", { table: table.title })}</span>
            </a>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** A section of the report: its figures, then each table with its chart beside it. */
export function ReportSection({ section }: { section: ReportSectionView }) {
  const titleId = `${section.id}-title`;
  return (
    <section id={section.id} aria-labelledby={titleId} className="scroll-mt-4 space-y-4">
      <h2 id={titleId} className="text-xl font-semibold">
        {section.title}
      </h2>
      <p className="max-w-prose text-sm text-stone-700">{section.intro}</p>
      <Figures figures={section.figures} />
      {section.blocks.map(({ table, chart }) => {
        // A narrow table has its chart beside it; a wide one, below it.
        const beside = chart !== null && table.columns.length <= 3;
        return (
          <div key={table.id} className={beside ? "grid items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" : "space-y-4"}>
            <FigureTable table={table} />
            {chart ? (
              <div className={beside ? "" : "max-w-xl"}>
                <BarChart id={chart.id} title={chart.title} description={chart.description} geometry={chart.geometry} labelHeader={table.columns[0] ?? ""} valueHeader={table.columns[1] ?? ""} dataTable={false} />
              </div>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
