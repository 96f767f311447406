// What /staff/reports and its printable summary share on the server: who may open them, the
// period and region from the query (a bad one answered with the default period and its errors),
// and the report as much of it as the reader may read — all of it for those who read cases, the
// money for a union's finance staff (report-access.server.ts).
import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { forbidden, requireUnionStaff } from "../domain/auth/guards.server";
import type { RegionMoneyReport } from "../domain/reports/region-money-report.server";
import { readRegionMoneyReport } from "../domain/reports/region-money-report.server";
import type { RegionReport } from "../domain/reports/region-report.server";
import { readRegionReport } from "../domain/reports/region-report.server";
import { reportAccessOf } from "../domain/reports/report-access.server";
import type { ReportPeriod, ReportQueryResult } from "../domain/reports/report-period";
import { parseReportQuery } from "../domain/reports/report-period";
import type { Locale } from "../i18n/config";
import { getPageLocale } from "../i18n/page-locale.server";

export type LoadedReport = { access: "full"; report: RegionReport } | { access: "money"; report: RegionMoneyReport };

export interface StaffReportRequest {
  locale: Locale;
  t: TFunction;
  now: Date;
  parsed: ReportQueryResult;
  /** The days as typed, to show in the form again beside their errors. */
  typed: { from: string; to: string };
  loaded: LoadedReport;
}

/** The query string of a report: its period and region, as the page, downloads and summary take it. */
export function reportQueryString(period: ReportPeriod, region: string): string {
  return new URLSearchParams({ from: period.from, to: period.to, region }).toString();
}

/** The signed-in reader's report for the request's query. */
export async function loadStaffReport(request: Request, context: AppLoadContext): Promise<StaffReportRequest> {
  const actor = await requireUnionStaff(request, context);
  const access = reportAccessOf(actor);
  if (!access) throw forbidden();
  const now = new Date();
  const params = new URL(request.url).searchParams;
  const parsed = parseReportQuery(params, now);
  const { db } = context.runtime;
  const [{ locale, t }, loaded] = await Promise.all([
    getPageLocale(request),
    access === "full"
      ? readRegionReport({ db, actor, query: parsed.query }).then((report): LoadedReport => ({ access, report }))
      : readRegionMoneyReport({ db, actor, query: parsed.query }).then((report): LoadedReport => ({ access, report })),
  ]);
  const typed = (name: string) => (params.get(name) ?? "").trim().slice(0, 32);
  return { locale, t, now, parsed, typed: parsed.ok ? loaded.report.period : { from: typed("from"), to: typed("to") }, loaded };
}
