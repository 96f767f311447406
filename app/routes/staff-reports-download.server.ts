// The downloads of /staff/reports: the whole report as an .xlsx workbook, or one of its tables as
// CSV, for the region and period of the page's query, in the page's language; never cached, always
// as an attachment. The same people as the page: union admins, caseworkers and auditors, within
// their region (readRegionReport refuses any other region).
//
// Not audited: the report is counts and sums with no household, name or number in it, and the log
// records reads of identities and copies of personal data (`case.export`) or of the log itself
// (`audit.export`), not aggregate figures — the report page and the dashboard show the same
// figures unaudited.
import type { AppLoadContext } from "@remix-run/node";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { readRegionReport } from "../domain/reports/region-report.server";
import { reportTableToCsv, reportToXlsx } from "../domain/reports/report-files.server";
import { parseReportQuery } from "../domain/reports/report-period";
import type { ReportTableId } from "../domain/reports/report-tables.server";
import { REPORT_TABLE_IDS, isReportTableId, reportSummary, reportTables } from "../domain/reports/report-tables.server";
import { getPageLocale } from "../i18n/page-locale.server";

export type ReportFormat = "xlsx" | "csv";

const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

const PRIVATE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

function badRequest(message: string): Response {
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", ...PRIVATE } });
}

function attachment(body: BodyInit, format: ReportFormat, filename: string): Response {
  return new Response(body, { headers: { "Content-Type": CONTENT_TYPES[format], "Content-Disposition": `attachment; filename="${filename}"`, ...PRIVATE } });
}

export async function reportDownload(request: Request, context: AppLoadContext, format: ReportFormat): Promise<Response> {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker", "auditor"]);
  const { locale, t } = await getPageLocale(request);
  const params = new URL(request.url).searchParams;
  const now = new Date();
  // A bad query is answered before anything is read.
  const parsed = parseReportQuery(params, now);
  if (!parsed.ok) return badRequest(t("reportSheets:errors.badQuery", { problems: parsed.errors.map((key) => t(key)).join(" ") }));
  let tableId: ReportTableId | null = null;
  if (format === "csv") {
    const asked = params.get("table") ?? "";
    if (!isReportTableId(asked)) return badRequest(t("reportSheets:errors.unknownTable", { table: asked, tables: REPORT_TABLE_IDS.join(", ") }));
    tableId = asked;
  }

  const report = await readRegionReport({ db: context.runtime.db, actor, query: parsed.query });
  const tables = reportTables(report, { t, locale });
  const name = `xiangyun-report-${report.region.code}-${report.period.from}-${report.period.to}`;
  if (tableId) return attachment(reportTableToCsv(tables[tableId]), "csv", `${name}-${tableId}.csv`);
  const summary = reportSummary(report, { t, locale, generatedAt: now });
  const workbook = await reportToXlsx(summary, REPORT_TABLE_IDS.map((id) => tables[id]), { generatedAt: now });
  return attachment(workbook, "xlsx", `${name}.xlsx`);
}
