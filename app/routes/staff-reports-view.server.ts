// What /staff/reports and its printable summary show, formatted and translated on the server:
// counts, amounts, days and months in the page's language, the vocabulary's labels as the
// downloads name them (report-labels.ts), the charts' geometry (so no charting code reaches the
// browser) and every link already carrying the report's period and region.
import type { TFunction } from "i18next";
import { FUND_SOURCES } from "../domain/ledger/ledger-vocabulary";
import { MATCH_STATUSES } from "../domain/matching/match-status";
import type { Money } from "../domain/money/money";
import { ZERO_MONEY, formatMoney, money, sumMoney } from "../domain/money/money";
import { NEED_STATUSES } from "../domain/needs/need-category";
import { regionLabel } from "../domain/regions/region-choices.server";
import type { RegionEntry } from "../domain/regions/region-directory.server";
import type { RegionReport } from "../domain/reports/region-report.server";
import { reportLabels } from "../domain/reports/report-labels";
import { quickPeriods } from "../domain/reports/report-quick-periods";
import type { Locale } from "../i18n/config";
import { numberFormat } from "../i18n/intl-cache";
import { barChartGeometry } from "../ui/bar-chart-geometry.server";
import { countChartGeometry } from "../ui/count-chart-geometry.server";
import { formatCount, formatDay, formatMonth } from "../ui/format";
import { formatDateTime } from "../ui/format-time";
import type { FigureChartView, FigureTableView, FigureView, ReportSectionView } from "../ui/report-figures";
import type { LoadedReport, StaffReportRequest } from "./staff-reports.server";
import { reportQueryString } from "./staff-reports.server";

/** Past this many months the households' chart (a bar a month) is too tall to read: the table stays alone. */
const MONTHS_CHARTED = 24;

function formattersOf(locale: Locale, t: TFunction) {
  const count = (value: number) => formatCount(value, locale);
  const yuan = (amount: Money) => formatMoney(amount, locale);
  const days = (value: number | null) => (value === null ? t("reports:waits.none") : t("reports:waits.days", { count: value, days: numberFormat(locale, { maximumFractionDigits: 1 }).format(value) }));
  const list = (items: { label: string; value: string }[]) => items.map((i) => `${i.label} ${i.value}`).join(locale === "en" ? ", " : "，");
  const region = (entry: RegionEntry) => regionLabel(entry, locale);
  return { count, yuan, days, list, region, label: reportLabels(t) };
}
type Formatters = ReturnType<typeof formattersOf>;

/** The page's frame: title, region, period, the trail up, the period form and the links that keep the query. */
export function reportFrame(request: StaffReportRequest) {
  const { locale, t, now, parsed, typed, loaded } = request;
  const { report, access } = loaded;
  const f = formattersOf(locale, t);
  const query = reportQueryString(report.period, report.region.code);
  const reportHref = (period: { from: string; to: string }, region: string) => `/staff/reports?${reportQueryString(period, region)}`;
  const periodText = t("reports:periodText", { from: formatDay(report.period.from, locale), to: formatDay(report.period.to, locale) });
  const regionName = f.region(report.region);
  return {
    access,
    title: t("reports:regionTitle", { region: regionName }),
    regionName,
    regionCode: report.region.code,
    period: report.period,
    periodText,
    produced: formatDateTime(now, locale),
    producedAt: now.toISOString(),
    form: {
      from: typed.from,
      to: typed.to,
      errors: parsed.ok ? [] : parsed.errors.map((key) => t(key)),
      fallback: parsed.ok ? null : t("reports:form.fallback", { period: periodText }),
    },
    quick: quickPeriods(now).map((q) => ({
      key: q.key,
      label: t(`reports:quick.${q.key}`),
      href: reportHref(q.period, report.region.code),
      current: q.period.from === report.period.from && q.period.to === report.period.to,
    })),
    trail: report.trail.map((entry) => ({ code: entry.code, name: f.region(entry), href: reportHref(report.period, entry.code), current: entry.code === report.region.code })),
    links: {
      page: `/staff/reports?${query}`,
      summary: `/staff/reports/summary?${query}`,
      // The downloads are the case readers' (staff-reports-download.server.ts).
      xlsx: access === "full" ? `/staff/reports.xlsx?${query}` : null,
    },
    regions: regionsTable(loaded, f, t, (code) => reportHref(report.period, code), access === "full" ? (id) => `/staff/reports.csv?${new URLSearchParams({ table: id })}&${query}` : null),
  };
}

type CsvHref = ((table: string) => string) | null;

function regionsTable(loaded: LoadedReport, f: Formatters, t: TFunction, drillDown: (code: string) => string, csv: CsvHref): FigureTableView | null {
  const { report } = loaded;
  if (!report.children.length) return null;
  const own = (code: string) => code === report.region.code;
  const name = (row: { code: string; entry: RegionEntry }) => (own(row.code) ? t("reports:regions.ownUnions", { region: f.region(report.region) }) : f.region(row.entry));
  const columns = (keys: string[]) => [t("reports:regions.region"), ...keys.map((key) => t(`reports:regions.${key}`))];
  const base = { id: "regions", title: t("reports:regions.title"), note: t("reports:regions.note"), total: null, csvHref: csv?.("regions") ?? null };
  if (loaded.access === "money") {
    return {
      ...base,
      columns: columns(["received", "disbursed"]),
      rows: loaded.report.children.map((row) => ({ key: row.code, label: name(row), href: own(row.code) ? null : drillDown(row.code), cells: [f.yuan(row.received), f.yuan(row.disbursed)] })),
    };
  }
  return {
    ...base,
    columns: columns(["households", "registered", "exited", "relapsed", "needs", "needsFulfilled", "matches", "matchesFulfilled", "received", "disbursed"]),
    rows: loaded.report.children.map((row) => ({
      key: row.code,
      label: name(row),
      href: own(row.code) ? null : drillDown(row.code),
      cells: [
        ...[row.households, row.registered, row.exited, row.relapsed, row.needs, row.needsFulfilled, row.matches, row.matchesFulfilled].map(f.count),
        f.yuan(row.received),
        f.yuan(row.disbursed),
      ],
    })),
  };
}

/** The headline figures of each part the reader may read; `detail` adds each status and source (the printable summary). */
export function reportFigures(request: StaffReportRequest, detail: boolean): { id: ReportSectionView["id"]; title: string; figures: FigureView[] }[] {
  const { locale, t, loaded } = request;
  const f = formattersOf(locale, t);
  const figure = (key: string, value: string, hint: string | null = null): FigureView => ({ key, label: t(`reports:figures.${key}`), value, hint });
  const { money: cash } = loaded.report;
  const money = {
    id: "money" as const,
    title: t("reports:sections.money"),
    figures: [
      figure("received", f.yuan(cash.received)),
      ...(detail ? cash.bySource.map((s) => ({ key: `source-${s.source}`, label: t("reports:figures.receivedFrom", { source: f.label.source(s.source) }), value: f.yuan(s.amount) })) : []),
      figure("allocated", f.yuan(cash.allocated)),
      figure("disbursed", f.yuan(cash.disbursed)),
    ],
  };
  if (loaded.access === "money") return [money];
  const { households, needs, matches } = loaded.report;
  const moved = (pick: (m: RegionReport["households"]["byMonth"][number]) => number) => households.byMonth.reduce((sum, m) => sum + pick(m), 0);
  const statusCount = <K extends string>(rows: readonly { status: K; count: number }[], status: K) => rows.find((r) => r.status === status)?.count ?? 0;
  return [
    {
      id: "households",
      title: t("reports:sections.households"),
      figures: [
        figure("households", f.count(households.total), t("reports:figures.householdsHint")),
        ...(detail ? households.byStatus.map((s) => ({ key: `status-${s.status}`, label: t("reports:figures.householdsIn", { status: f.label.caseStatus(s.status) }), value: f.count(s.count) })) : []),
        figure("registered", f.count(moved((m) => m.registered))),
        figure("exited", f.count(moved((m) => m.exited))),
        figure("relapsed", f.count(moved((m) => m.relapsed))),
      ],
    },
    {
      id: "needs",
      title: t("reports:sections.needs"),
      figures: [
        figure("needs", f.count(needs.total)),
        figure("published", f.count(needs.waits.published)),
        ...(detail ? [figure("proposed", f.count(needs.waits.proposed))] : []),
        figure("fulfilled", f.count(needs.waits.fulfilled)),
        figure("daysToProposal", f.days(needs.waits.medianDaysToProposal)),
        figure("daysToFulfilment", f.days(needs.waits.medianDaysToFulfilment)),
      ],
    },
    {
      id: "matches",
      title: t("reports:sections.matches"),
      figures: [figure("matches", f.count(matches.total)), figure("matchesFulfilled", f.count(statusCount(matches.byStatus, "fulfilled")))],
    },
    money,
  ];
}

/** Every section of the page, each table with its chart and CSV link. */
export function reportSections(request: StaffReportRequest): ReportSectionView[] {
  const { locale, t, loaded } = request;
  const f = formattersOf(locale, t);
  const query = reportQueryString(loaded.report.period, loaded.report.region.code);
  const csv = (id: string) => (loaded.access === "full" ? `/staff/reports.csv?${new URLSearchParams({ table: id })}&${query}` : null);
  const col = (key: string) => t(`reports:columns.${key}`);
  const table = (id: string, columns: string[], rows: FigureTableView["rows"], options: { total?: string[]; note?: string } = {}): FigureTableView => ({
    id,
    title: t(`reports:tables.${id}`),
    note: options.note ?? null,
    columns,
    rows,
    total: options.total ? { label: col("total"), cells: options.total } : null,
    csvHref: csv(id),
  });
  const row = (key: string, label: string, cells: string[]) => ({ key, label, href: null, cells });
  const countChart = (id: string, items: { key: string; label: string; count: number }[]): FigureChartView => {
    const title = t(`reports:charts.${id}`);
    const shown = items.map((i) => ({ ...i, valueLabel: f.count(i.count) }));
    return { id: `${id}-chart`, title, description: t("reports:charts.description", { title, figures: f.list(shown.map((i) => ({ label: i.label, value: i.valueLabel }))) }), geometry: countChartGeometry(shown, f.count) };
  };
  const tick = (yuan: number) => formatMoney(money(yuan.toFixed(2)), locale);
  const moneyChart = (id: string, layout: "rows" | "columns", items: { key: string; label: string; shortLabel?: string; amount: Money }[]): FigureChartView => {
    const title = t(`reports:charts.${id}`);
    const shown = items.map((i) => ({ ...i, valueLabel: f.yuan(i.amount) }));
    return { id: `${id}-chart`, title, description: t("reports:charts.description", { title, figures: f.list(shown.map((i) => ({ label: i.label, value: i.valueLabel }))) }), geometry: barChartGeometry(shown, { layout, formatTick: tick }) };
  };
  const figures = Object.fromEntries(reportFigures(request, false).map((s) => [s.id, s]));
  const section = (id: ReportSectionView["id"], blocks: ReportSectionView["blocks"]): ReportSectionView => ({
    id,
    title: figures[id]?.title ?? id,
    intro: t(`reports:sectionIntro.${id}`),
    figures: figures[id]?.figures ?? [],
    blocks,
  });

  const cash = loaded.report.money;
  const months = cash.byMonth;
  // Under a column there is room for a short month; past a year, only for each January's year.
  const shortMonth = (month: string) =>
    months.length <= 12 ? new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`)) : month.endsWith("-01") ? month.slice(0, 4) : "";
  const moneySection = section("money", [
    {
      table: table("money-source", [col("source"), col("amount")], cash.bySource.map((s) => row(s.source, f.label.source(s.source), [f.yuan(s.amount)])), { total: [f.yuan(cash.received)] }),
      chart: moneyChart("money-source", "rows", cash.bySource.map((s) => ({ key: s.source, label: f.label.source(s.source), amount: s.amount }))),
    },
    {
      table: table(
        "money-month",
        [col("month"), col("received"), ...FUND_SOURCES.map((s) => t("reports:columns.receivedFrom", { source: f.label.source(s) })), col("allocated"), col("disbursed")],
        months.map((m) => row(m.month, formatMonth(m.month, locale), [f.yuan(m.received), ...FUND_SOURCES.map((s) => f.yuan(m.bySource.find((b) => b.source === s)?.amount ?? ZERO_MONEY)), f.yuan(m.allocated), f.yuan(m.disbursed)])),
        { total: [f.yuan(cash.received), ...cash.bySource.map((s) => f.yuan(s.amount)), f.yuan(cash.allocated), f.yuan(cash.disbursed)], note: t("reports:notes.money") },
      ),
      chart: moneyChart("money-month", "columns", months.map((m) => ({ key: m.month, label: formatMonth(m.month, locale), shortLabel: shortMonth(m.month), amount: m.received }))),
    },
    {
      table: table(
        "money-category",
        [col("category"), col("allocated"), col("disbursed")],
        cash.byCategory.map((c) => row(c.category, f.label.category(c.category), [f.yuan(c.allocated), f.yuan(c.disbursed)])),
        { total: [f.yuan(sumMoney(cash.byCategory.map((c) => c.allocated))), f.yuan(sumMoney(cash.byCategory.map((c) => c.disbursed)))], note: t("reports:notes.moneyCategory") },
      ),
      chart: null,
    },
  ]);
  if (loaded.access === "money") return [moneySection];

  const { households, needs, matches } = loaded.report;
  const countOf = <K extends string>(rows: readonly { status: K; count: number }[], status: K) => rows.find((r) => r.status === status)?.count ?? 0;
  /** One count a row, with its total, and the same counts as a chart. */
  const countBlock = (id: string, header: string, items: { key: string; label: string; count: number }[], options: { total?: number; note?: string; valueHeader?: string } = {}) => ({
    table: table(id, [col(header), col(options.valueHeader ?? "households")], items.map((i) => row(i.key, i.label, [f.count(i.count)])), {
      total: options.total === undefined ? undefined : [f.count(options.total)],
      note: options.note,
    }),
    chart: countChart(id, items),
  });
  /** Each row's counts by status and its total, a total row, and a chart of the rows' totals. */
  const statusBlock = <S extends string>(
    id: string,
    header: string,
    statuses: readonly S[],
    statusLabel: (status: S) => string,
    rows: { key: string; label: string; total: number; byStatus: { status: S; count: number }[] }[],
    totals: { total: number; byStatus: { status: S; count: number }[]; note: string },
  ) => ({
    table: table(
      id,
      [col(header), ...statuses.map(statusLabel), col("total")],
      rows.map((r) => row(r.key, r.label, [...statuses.map((s) => f.count(countOf(r.byStatus, s))), f.count(r.total)])),
      { total: [...statuses.map((s) => f.count(countOf(totals.byStatus, s))), f.count(totals.total)], note: totals.note },
    ),
    chart: countChart(id, rows.map((r) => ({ key: r.key, label: r.label, count: r.total }))),
  });
  const sum = (pick: (m: (typeof households.byMonth)[number]) => number) => households.byMonth.reduce((total, m) => total + pick(m), 0);
  const byStatus = <S extends string>(rows: readonly { status: S; count: number }[], label: (status: S) => string) => rows.map((r) => ({ key: r.status, label: label(r.status), count: r.count }));
  return [
    section("households", [
      countBlock("households-status", "status", byStatus(households.byStatus, f.label.caseStatus), { total: households.total, note: t("reports:notes.households") }),
      countBlock("households-tier", "tier", households.byTier.map((r) => ({ key: r.tier, label: f.label.tier(r.tier), count: r.count })), { total: households.total }),
      countBlock("households-cause", "cause", households.byCause.map((r) => ({ key: r.cause, label: f.label.cause(r.cause), count: r.count })), { note: t("reports:notes.causes") }),
      {
        table: table(
          "households-month",
          [col("month"), col("registered"), col("exited"), col("relapsed")],
          households.byMonth.map((m) => row(m.month, formatMonth(m.month, locale), [f.count(m.registered), f.count(m.exited), f.count(m.relapsed)])),
          { total: [sum((m) => m.registered), sum((m) => m.exited), sum((m) => m.relapsed)].map(f.count), note: t("reports:notes.moves") },
        ),
        chart: households.byMonth.length <= MONTHS_CHARTED ? countChart("households-month", households.byMonth.map((m) => ({ key: m.month, label: formatMonth(m.month, locale), count: m.registered }))) : null,
      },
    ]),
    section("needs", [
      statusBlock(
        "needs-category",
        "category",
        NEED_STATUSES,
        f.label.needStatus,
        needs.byCategory.map((c) => ({ key: c.category, label: f.label.category(c.category), total: c.total, byStatus: c.byStatus })),
        { total: needs.total, byStatus: needs.byStatus, note: t("reports:notes.needs") },
      ),
      countBlock("needs-status", "status", byStatus(needs.byStatus, f.label.needStatus), { total: needs.total, valueHeader: "needs" }),
      {
        table: table(
          "needs-waits",
          [col("measure"), col("value")],
          [
            row("published", t("reports:waits.published"), [f.count(needs.waits.published)]),
            row("proposed", t("reports:waits.proposed"), [f.count(needs.waits.proposed)]),
            row("daysToProposal", t("reports:waits.medianDaysToProposal"), [f.days(needs.waits.medianDaysToProposal)]),
            row("fulfilled", t("reports:waits.fulfilled"), [f.count(needs.waits.fulfilled)]),
            row("daysToFulfilment", t("reports:waits.medianDaysToFulfilment"), [f.days(needs.waits.medianDaysToFulfilment)]),
          ],
          { note: t("reports:notes.waits") },
        ),
        chart: null,
      },
    ]),
    section("matches", [
      statusBlock(
        "matches-provider",
        "providerKind",
        MATCH_STATUSES,
        f.label.matchStatus,
        matches.byProviderKind.map((k) => ({ key: k.kind, label: f.label.providerKind(k.kind), total: k.total, byStatus: k.byStatus })),
        { total: matches.total, byStatus: matches.byStatus, note: t("reports:notes.matches") },
      ),
      countBlock("matches-status", "status", byStatus(matches.byStatus, f.label.matchStatus), { total: matches.total, valueHeader: "matches" }),
    ]),
    moneySection,
  ];
}
