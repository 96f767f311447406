// A staff report as tables and files, on a crafted report: labels from the site's vocabulary in
// the page's language, amounts exact, worksheet names Excel accepts, and a region name that looks
// like a formula written as text in the workbook and in the CSV.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../i18n/config";
import { SUPPORTED_LOCALES } from "../../i18n/config";
import { getPageLocale } from "../../i18n/page-locale.server";
import { CASE_STATUSES, CASE_TIERS, HARDSHIP_CAUSES } from "../cases/case-vocabulary";
import { FUND_SOURCES } from "../ledger/ledger-vocabulary";
import { MATCH_STATUSES } from "../matching/match-status";
import { ZERO_MONEY, money } from "../money/money";
import { NEED_CATEGORIES, NEED_STATUSES } from "../needs/need-category";
import { ORGANISATION_KINDS } from "../organisations/organisation-vocabulary";
import type { RegionEntry } from "../regions/region-directory.server";
import type { RegionReport } from "./region-report.server";
import { reportTableToCsv, reportToXlsx } from "./report-files.server";
import { REPORT_TABLE_IDS, reportSummary, reportTables } from "./report-tables.server";

const FORMULA_NAME = "=HYPERLINK(\"http://example.invalid\",\"测试\")";
const dali: RegionEntry = { code: "5329", nameZh: "大理白族自治州", nameEn: "Dali", level: "prefecture", parentCode: "53" };
const crafted: RegionEntry = { code: "532999", nameZh: FORMULA_NAME, nameEn: FORMULA_NAME, level: "county", parentCode: "5329" };
const xiangyun: RegionEntry = { code: "532923", nameZh: "祥云县", nameEn: "Xiangyun County", level: "county", parentCode: "5329" };
const generatedAt = new Date("2026-03-31T04:00:00Z");

const zeros = <K extends string, F extends string>(keys: readonly K[], field: F) => keys.map((key) => ({ [field]: key, count: 0 }) as Record<F, K> & { count: number });

function craftedReport(): RegionReport {
  const children = (entry: RegionEntry, households: number, received: string) => ({
    code: entry.code,
    entry,
    households,
    registered: households,
    exited: 0,
    relapsed: 0,
    needs: 1,
    needsFulfilled: 0,
    matches: 0,
    matchesFulfilled: 0,
    received: money(received),
    disbursed: ZERO_MONEY,
  });
  return {
    region: dali,
    trail: [dali],
    period: { from: "2026-01-01", to: "2026-03-31" },
    months: ["2026-01", "2026-02", "2026-03"],
    households: {
      total: 3,
      byStatus: CASE_STATUSES.map((status) => ({ status, count: status === "assisting" ? 3 : 0 })),
      byTier: CASE_TIERS.map((tier) => ({ tier, count: tier === "severe" ? 3 : 0 })),
      byCause: zeros(HARDSHIP_CAUSES, "cause"),
      byMonth: ["2026-01", "2026-02", "2026-03"].map((month) => ({ month, registered: month === "2026-02" ? 3 : 0, exited: 0, relapsed: 0 })),
    },
    needs: {
      total: 2,
      byCategory: NEED_CATEGORIES.map((category) => ({ category, total: category === "medical" ? 2 : 0, byStatus: NEED_STATUSES.map((status) => ({ status, count: category === "medical" && status === "published" ? 2 : 0 })) })),
      byStatus: NEED_STATUSES.map((status) => ({ status, count: status === "published" ? 2 : 0 })),
      waits: { published: 2, proposed: 0, medianDaysToProposal: null, fulfilled: 0, medianDaysToFulfilment: null },
    },
    matches: {
      total: 0,
      byProviderKind: ORGANISATION_KINDS.map((kind) => ({ kind, total: 0, byStatus: zeros(MATCH_STATUSES, "status") })),
      byStatus: zeros(MATCH_STATUSES, "status"),
    },
    money: {
      received: money("1234567.89"),
      allocated: ZERO_MONEY,
      disbursed: money("0.10"),
      bySource: FUND_SOURCES.map((source) => ({ source, amount: source === "donations" ? money("1234567.89") : ZERO_MONEY })),
      byMonth: ["2026-01", "2026-02", "2026-03"].map((month) => ({ month, received: ZERO_MONEY, bySource: [], allocated: ZERO_MONEY, disbursed: ZERO_MONEY })),
      byCategory: [{ category: "general", allocated: ZERO_MONEY, disbursed: money("0.10") }],
    },
    // The largest amount numeric(18,2) holds: more digits than a double keeps.
    children: [children(xiangyun, 2, "1234567.89"), children(crafted, 1, "9999999999999999.99")],
  };
}

const translator = async (locale: Locale) => (await getPageLocale(new Request("http://localhost/", { headers: { "Accept-Language": locale } }))).t;

async function workbookOf(locale: Locale): Promise<ExcelJS.Workbook> {
  const t = await translator(locale);
  const report = craftedReport();
  const tables = reportTables(report, { t, locale });
  const bytes = await reportToXlsx(reportSummary(report, { t, locale, generatedAt }), REPORT_TABLE_IDS.map((id) => tables[id]), { generatedAt });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer);
  return book;
}

describe("a report's tables", () => {
  it("name the vocabulary in the page's language, from the words the pages use", async () => {
    const tables = reportTables(craftedReport(), { t: await translator("en"), locale: "en" });
    expect(tables["households-tier"].rows.map((row) => row[0])).toEqual([
      { kind: "text", text: "General hardship" },
      { kind: "text", text: "Sudden hardship" },
      { kind: "text", text: "Severe hardship" },
    ]);
    expect(tables["needs-category"].header.slice(0, 3)).toEqual(["Category", "Draft", "Published"]);
    expect(tables["money-source"].rows.at(-1)).toEqual([
      { kind: "text", text: "Donations" },
      { kind: "money", amount: "1234567.89" },
    ]);
    expect(tables["money-category"].rows[0]?.[0]).toEqual({ kind: "text", text: "General fund" });
    expect(tables["needs-waits"].rows[2]).toEqual([{ kind: "text", text: "Median days from publication to the first match" }, { kind: "days", value: null }]);
  });

  it.each(SUPPORTED_LOCALES)("have titles Excel takes as worksheet names in %s", async (locale) => {
    const t = await translator(locale);
    const report = craftedReport();
    const titles = [reportSummary(report, { t, locale, generatedAt }).title, ...Object.values(reportTables(report, { t, locale })).map((table) => table.title)];
    for (const title of titles) expect(title).toMatch(/^[^*?:/\\[\]']{1,31}$/);
    expect(new Set(titles).size).toBe(REPORT_TABLE_IDS.length + 1);
  });
});

describe("the workbook", () => {
  it("has the summary, then one sheet per table, each with a bold, frozen header", async () => {
    const book = await workbookOf("zh-CN");
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(["概要", "家庭·按状态", "家庭·按困难类别", "家庭·按致困原因", "家庭·逐月变动", "需求·按类别和状态", "需求·按状态", "需求·等待时间", "对接·按帮扶方和状态", "对接·按状态", "资金·按来源", "资金·逐月", "资金·按需求类别", "下级地区"]);
    for (const sheet of book.worksheets) {
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    }
    const summary = book.getWorksheet("概要");
    expect(summary?.getRow(2).values).toEqual([undefined, "地区", "大理白族自治州"]);
    expect(summary?.getRow(4).values).toEqual([undefined, "期间", "2026-01-01 至 2026-03-31"]);
    expect(summary?.getRow(5).values).toEqual([undefined, "生成时间（北京时间）", "2026-03-31 12:00:00"]);
  });

  it("writes amounts as numbers with two decimals, so that they sum, and one a double cannot hold as text", async () => {
    const regions = (await workbookOf("en")).getWorksheet("Regions below");
    const received = regions?.getColumn(11);
    expect(received?.values.slice(2)).toEqual([1234567.89, "9999999999999999.99"]);
    expect(regions?.getCell("K2").numFmt).toBe("#,##0.00");
  });

  it("writes a region name that looks like a formula as text", async () => {
    const regions = (await workbookOf("en")).getWorksheet("Regions below");
    expect(regions?.getCell("B3").value).toBe(`'${FORMULA_NAME}`);
    expect(regions?.getCell("B3").formula).toBeUndefined();
  });
});

describe("a table as CSV", () => {
  it("starts with a byte-order mark, keeps amounts exact and a would-be formula as text", async () => {
    const tables = reportTables(craftedReport(), { t: await translator("en"), locale: "en" });
    const csv = reportTableToCsv(tables.regions);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows: string[][] = parse(csv, { bom: true });
    expect(rows[0]).toEqual(["Region code", "Region", "Households", "Registered", "Exited", "Relapsed", "Needs", "Needs fulfilled", "Matches", "Matches fulfilled", "Received (CNY)", "Paid to providers (CNY)"]);
    expect(rows[1]).toEqual(["532923", "Xiangyun County", "2", "2", "0", "0", "1", "0", "0", "0", "1234567.89", "0.00"]);
    expect(rows[2]?.slice(0, 2)).toEqual(["532999", `'${FORMULA_NAME}`]);
    expect(rows[2]?.[10]).toBe("9999999999999999.99");
  });
});
