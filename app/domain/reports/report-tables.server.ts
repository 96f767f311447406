// A staff report as named tables in the page's language, for the downloads (/staff/reports.xlsx,
// one sheet per table after a summary; /staff/reports.csv, one table): a header row and rows of
// typed cells — text, counts, days and amounts as exact numeric(18,2) text, never a JS number.
// Pure, but server-only: amounts are written through the money module (decimal.js stays off the
// browser bundle). The files' writers guard text against formulas (report-files.server.ts).
import type { TFunction } from "i18next";
import type { Locale } from "../../i18n/config";
import { chinaTimestamp } from "../../ui/format-time";
import type { Money } from "../money/money";
import { ZERO_MONEY, moneyToString } from "../money/money";
import { MATCH_STATUSES } from "../matching/match-status";
import { NEED_STATUSES } from "../needs/need-category";
import { FUND_SOURCES } from "../ledger/ledger-vocabulary";
import { regionLabel } from "../regions/region-choices.server";
import { reportLabels } from "./report-labels";
import type { RegionReport } from "./region-report.server";

/** The downloadable tables, in the order of the workbook's sheets; the page links to each by id. */
export const REPORT_TABLE_IDS = [
  "households-status",
  "households-tier",
  "households-cause",
  "households-month",
  "needs-category",
  "needs-status",
  "needs-waits",
  "matches-provider",
  "matches-status",
  "money-source",
  "money-month",
  "money-category",
  "regions",
] as const;
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

export function isReportTableId(value: string): value is ReportTableId {
  return (REPORT_TABLE_IDS as readonly string[]).includes(value);
}

export type ReportCell =
  | { kind: "text"; text: string }
  | { kind: "count"; value: number }
  /** A median in days (one decimal); null when there was nothing to measure. */
  | { kind: "days"; value: number | null }
  /** Yuan as numeric(18,2) text, "1300.00". */
  | { kind: "money"; amount: string };

export interface ReportTable {
  id: ReportTableId | "summary";
  /** Also the worksheet's name: at most 31 characters, none of * ? : \ / [ ]. */
  title: string;
  header: string[];
  rows: ReportCell[][];
}

const text = (value: string): ReportCell => ({ kind: "text", text: value });
const count = (value: number): ReportCell => ({ kind: "count", value });
const days = (value: number | null): ReportCell => ({ kind: "days", value });
const yuan = (value: Money): ReportCell => ({ kind: "money", amount: moneyToString(value) });

const countOf = <K extends string>(rows: readonly { status: K; count: number }[], status: K) => rows.find((row) => row.status === status)?.count ?? 0;

/** Every table of the report by id (REPORT_TABLE_IDS gives the workbook's order). */
export function reportTables(report: RegionReport, options: { t: TFunction; locale: Locale }): Record<ReportTableId, ReportTable> {
  const { t, locale } = options;
  const l = { ...reportLabels(t), column: (key: string, values?: Record<string, string>) => t(`reportSheets:columns.${key}`, values) };
  const { households, needs, matches, money } = report;
  const table = (id: ReportTableId, header: string[], rows: ReportCell[][]): ReportTable => ({ id, title: t(`reportSheets:tables.${id}`), header, rows });
  const regionName = (row: RegionReport["children"][number]) =>
    row.code === report.region.code ? t("reportSheets:ownUnions", { region: regionLabel(report.region, locale) }) : regionLabel(row.entry, locale);
  return {
    "households-status": table(
      "households-status",
      [l.column("status"), l.column("households")],
      households.byStatus.map((row) => [text(l.caseStatus(row.status)), count(row.count)]),
    ),
    "households-tier": table("households-tier", [l.column("tier"), l.column("households")], households.byTier.map((row) => [text(l.tier(row.tier)), count(row.count)])),
    "households-cause": table("households-cause", [l.column("cause"), l.column("households")], households.byCause.map((row) => [text(l.cause(row.cause)), count(row.count)])),
    "households-month": table(
      "households-month",
      [l.column("month"), l.column("registered"), l.column("exited"), l.column("relapsed")],
      households.byMonth.map((row) => [text(row.month), count(row.registered), count(row.exited), count(row.relapsed)]),
    ),
    "needs-category": table(
      "needs-category",
      [l.column("category"), ...NEED_STATUSES.map(l.needStatus), l.column("total")],
      needs.byCategory.map((row) => [text(l.category(row.category)), ...NEED_STATUSES.map((status) => count(countOf(row.byStatus, status))), count(row.total)]),
    ),
    "needs-status": table("needs-status", [l.column("status"), l.column("needs")], needs.byStatus.map((row) => [text(l.needStatus(row.status)), count(row.count)])),
    "needs-waits": table(
      "needs-waits",
      [l.column("measure"), l.column("value")],
      [
        [text(t("reportSheets:waits.published")), count(needs.waits.published)],
        [text(t("reportSheets:waits.proposed")), count(needs.waits.proposed)],
        [text(t("reportSheets:waits.medianDaysToProposal")), days(needs.waits.medianDaysToProposal)],
        [text(t("reportSheets:waits.fulfilled")), count(needs.waits.fulfilled)],
        [text(t("reportSheets:waits.medianDaysToFulfilment")), days(needs.waits.medianDaysToFulfilment)],
      ],
    ),
    "matches-provider": table(
      "matches-provider",
      [l.column("providerKind"), ...MATCH_STATUSES.map(l.matchStatus), l.column("total")],
      matches.byProviderKind.map((row) => [text(l.providerKind(row.kind)), ...MATCH_STATUSES.map((status) => count(countOf(row.byStatus, status))), count(row.total)]),
    ),
    "matches-status": table("matches-status", [l.column("status"), l.column("matches")], matches.byStatus.map((row) => [text(l.matchStatus(row.status)), count(row.count)])),
    "money-source": table("money-source", [l.column("source"), l.column("amount")], money.bySource.map((row) => [text(l.source(row.source)), yuan(row.amount)])),
    "money-month": table(
      "money-month",
      [l.column("month"), l.column("received"), ...FUND_SOURCES.map((source) => l.column("receivedFrom", { source: l.source(source) })), l.column("allocated"), l.column("disbursed")],
      money.byMonth.map((row) => [
        text(row.month),
        yuan(row.received),
        ...FUND_SOURCES.map((source) => yuan(row.bySource.find((s) => s.source === source)?.amount ?? ZERO_MONEY)),
        yuan(row.allocated),
        yuan(row.disbursed),
      ]),
    ),
    "money-category": table(
      "money-category",
      [l.column("category"), l.column("allocated"), l.column("disbursed")],
      money.byCategory.map((row) => [text(l.category(row.category)), yuan(row.allocated), yuan(row.disbursed)]),
    ),
    regions: table(
      "regions",
      ["regionCode", "region", "households", "registered", "exited", "relapsed", "needs", "needsFulfilled", "matches", "matchesFulfilled", "received", "disbursed"].map((key) => l.column(key)),
      report.children.map((row) => [
        text(row.code),
        text(regionName(row)),
        count(row.households),
        count(row.registered),
        count(row.exited),
        count(row.relapsed),
        count(row.needs),
        count(row.needsFulfilled),
        count(row.matches),
        count(row.matchesFulfilled),
        yuan(row.received),
        yuan(row.disbursed),
      ]),
    ),
  };
}

/** The workbook's first sheet: the region, the period, when it was made, and the headline figures. */
export function reportSummary(report: RegionReport, options: { t: TFunction; locale: Locale; generatedAt: Date }): ReportTable {
  const { t } = options;
  const item = (key: string, cell: ReportCell): ReportCell[] => [text(t(`reportSheets:summary.${key}`)), cell];
  const note = (key: string): ReportCell[] => [text(t("reportSheets:summary.note")), text(t(`reportSheets:summary.notes.${key}`))];
  return {
    id: "summary",
    title: t("reportSheets:summary.title"),
    header: [t("reportSheets:summary.item"), t("reportSheets:summary.value")],
    rows: [
      item("region", text(regionLabel(report.region, options.locale))),
      item("regionCode", text(report.region.code)),
      item("period", text(t("reportSheets:summary.periodValue", { from: report.period.from, to: report.period.to }))),
      item("generatedAt", text(chinaTimestamp(options.generatedAt))),
      item("households", count(report.households.total)),
      item("needs", count(report.needs.total)),
      item("matches", count(report.matches.total)),
      item("received", yuan(report.money.received)),
      item("allocated", yuan(report.money.allocated)),
      item("disbursed", yuan(report.money.disbursed)),
      note("households"),
      note("needs"),
      note("money"),
    ],
  };
}
