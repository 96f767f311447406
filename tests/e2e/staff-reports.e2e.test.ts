// The staff reports on the demo data set, as the Dali prefecture's caseworker reads them in Chinese:
// Reports from the staff menu, a period of their own (and a reversed one, answered beside the form
// with the default report still shown), a quick period, a drill down into Xiangyun with the period
// kept and back up by the trail, the Excel workbook and a table's CSV downloaded, the printable
// summary on screen and as printed, and the period form without JavaScript. No page or file names a
// demo household.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoDocument } from "../../db/seed/demo-document";
import { connectBrowser, openPage } from "./browser";
import { signInAs } from "./browser-sign-in";
import { RESIDENT_ID } from "./demo-world";

// The prefecture's caseworker reads every Dali county, so the report has counties to drill into.
const DALI_CASEWORKER = "dali-caseworker@demo.xiangyun.invalid";
const DALI = { code: "5329", name: "大理白族自治州" };
const XIANGYUN = { code: "532923", name: "祥云县" };

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

/** A signed-in page of the prefecture's caseworker, on the staff home page. */
async function caseworkerPage(options: { javaScript?: boolean } = {}): Promise<Page> {
  const { context, page } = await openPage(browser, { locale: "zh-CN", ...options });
  contexts.push(context);
  await signInAs(page, DALI_CASEWORKER, { from: "/staff" });
  await page.waitForURL((url) => url.pathname === "/staff");
  return page;
}

/** Today in Beijing, as the reports count days. */
const beijingToday = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
/** "2026-07-01" as the page writes it in Chinese: 2026年7月1日. */
const chineseDay = (day: string) => {
  const [year, month, date] = day.split("-").map(Number);
  return `${year}年${month}月${date}日`;
};
const periodText = (period: { from: string; to: string }) => `${chineseDay(period.from)}至${chineseDay(period.to)}`;
/** The calendar quarter before today's, in Beijing. */
function lastQuarter(): { from: string; to: string } {
  const [year = 0, month = 0] = beijingToday().split("-").map(Number);
  const start = new Date(Date.UTC(year, month - 1 - ((month - 1) % 3) - 3, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}
/** Half a year that ended before today, in neither the default nor a quick period. */
function customPeriod(): { from: string; to: string } {
  const year = Number(beijingToday().slice(0, 4)) - 1;
  return { from: `${year}-03-01`, to: `${year}-08-31` };
}

/** The period and region of the page's URL. */
function queryOf(page: Page): { from: string | null; to: string | null; region: string | null } {
  const params = new URL(page.url()).searchParams;
  return { from: params.get("from"), to: params.get("to"), region: params.get("region") };
}

/** Names, resident IDs and phone numbers of the demo households (none of which a report may show). */
const households = buildDemoDocument().cases?.map((c) => ({ name: c.head.name, phone: c.head.phone })) ?? [];
function expectNoHousehold(text: string) {
  expect(households.length).toBeGreaterThan(0);
  for (const household of households) {
    expect(text).not.toContain(household.name);
    if (household.phone) expect(text).not.toContain(household.phone);
  }
  expect(text).not.toMatch(RESIDENT_ID);
}

/** The report's heading, a table with its caption and rows, and a chart with its title. */
async function expectReport(page: Page, region: string) {
  await page.getByRole("heading", { level: 1, name: `${region}统计报表` }).waitFor();
  const table = page.getByRole("table", { name: "家庭·按状态" });
  expect(await table.getByRole("row").count()).toBeGreaterThan(2);
  await table.getByRole("rowheader", { name: "合计" }).waitFor();
  const chart = page.getByRole("img", { name: /^家庭·按状态/ });
  expect(await chart.count()).toBe(1);
  expect(await chart.locator("title").textContent()).toBe("家庭·按状态");
  expect(await chart.locator("desc").textContent()).toMatch(/^条形图，家庭·按状态：/);
  await page.getByRole("definition").filter({ hasText: /^¥/ }).first().waitFor();
}

/** Fills the period form and sends it. */
async function askFor(page: Page, period: { from: string; to: string }) {
  await page.getByLabel("起始日期").fill(period.from);
  await page.getByLabel("截止日期").fill(period.to);
  await page.getByRole("button", { name: "生成报表" }).click();
}

/** Sends a good period with the form: the URL and the report's period follow, the region stays. */
async function showPeriod(page: Page, period: { from: string; to: string }, region: string) {
  await askFor(page, period);
  await page.waitForURL((url) => url.searchParams.get("from") === period.from && url.searchParams.get("to") === period.to);
  expect(queryOf(page)).toEqual({ ...period, region });
  await page.getByText(periodText(period), { exact: true }).waitFor();
}

/** Reports, reached by the staff menu's link. */
async function openReportsFromMenu(page: Page) {
  await page.getByRole("navigation", { name: "工作台" }).getByRole("link", { name: "统计报表" }).click();
  await page.waitForURL((url) => url.pathname === "/staff/reports");
  await expectReport(page, DALI.name);
}

describe("the staff reports", () => {
  it("open from the staff menu, take a period from the form, answer a reversed one beside it, and offer quick periods", async () => {
    const page = await caseworkerPage();
    await openReportsFromMenu(page);
    const period = customPeriod();
    await showPeriod(page, period, DALI.code);
    await expectReport(page, DALI.name);
    expect(await page.getByRole("alert").count()).toBe(0);

    // A period that ends before it starts: the error beside the form, the days as typed, and the default period's report.
    const reversed = { from: period.to, to: period.from };
    await askFor(page, reversed);
    await page.waitForURL((url) => url.searchParams.get("from") === reversed.from);
    const form = page.getByRole("region", { name: "统计时间段" });
    const alert = form.getByRole("alert");
    await alert.getByText("起始日期晚于截止日期。").waitFor();
    expect(await alert.textContent()).toContain("下面显示的是默认时间段的报表");
    expect(await page.getByLabel("起始日期").inputValue()).toBe(reversed.from);
    expect(await page.getByLabel("截止日期").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("截止日期").getAttribute("aria-describedby")).toContain((await alert.getAttribute("id")) ?? "?");
    await expectReport(page, DALI.name);

    const quarter = lastQuarter();
    const quick = form.getByRole("link", { name: "上季度" });
    await quick.click();
    await page.waitForURL((url) => url.searchParams.get("from") === quarter.from && url.searchParams.get("to") === quarter.to);
    await page.getByText(periodText(quarter), { exact: true }).waitFor();
    expect(await quick.getAttribute("aria-current")).toBe("page");
    expect(await form.getByRole("alert").count()).toBe(0);
    expect(await page.getByLabel("起始日期").inputValue()).toBe(quarter.from);
    expectNoHousehold(await page.getByRole("main").innerText());
  });

  it("drill down into a county with the period kept, and back up by the trail", async () => {
    const page = await caseworkerPage();
    const period = customPeriod();
    await page.goto(`/staff/reports?from=${period.from}&to=${period.to}`);
    await expectReport(page, DALI.name);
    const regions = page.getByRole("table", { name: "下级地区" });
    await regions.getByRole("link", { name: XIANGYUN.name, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("region") === XIANGYUN.code);
    expect(queryOf(page)).toEqual({ ...period, region: XIANGYUN.code });
    await expectReport(page, XIANGYUN.name);
    await page.getByText(periodText(period), { exact: true }).waitFor();
    const trail = page.getByRole("navigation", { name: "地区" });
    expect(await trail.getByRole("link", { name: XIANGYUN.name }).getAttribute("aria-current")).toBe("page");
    await page.getByText(`${XIANGYUN.name}没有下级地区。`).waitFor();
    expect(await page.getByLabel("起始日期").inputValue()).toBe(period.from);
    expectNoHousehold(await page.getByRole("main").innerText());

    // Another period for the county stays with the county, and the trail up keeps it.
    const quarter = lastQuarter();
    await showPeriod(page, quarter, XIANGYUN.code);
    await expectReport(page, XIANGYUN.name);

    await trail.getByRole("link", { name: DALI.name }).click();
    await page.waitForURL((url) => url.searchParams.get("region") === DALI.code);
    expect(queryOf(page)).toEqual({ ...quarter, region: DALI.code });
    await page.getByText(periodText(quarter), { exact: true }).waitFor();
    await expectReport(page, DALI.name);
    await page.getByRole("table", { name: "下级地区" }).getByRole("link", { name: XIANGYUN.name, exact: true }).waitFor();
  });

  it("download as an Excel workbook of every table, and a table as CSV, for the page's region and period", async () => {
    const page = await caseworkerPage();
    const period = customPeriod();
    await page.goto(`/staff/reports?from=${period.from}&to=${period.to}&region=${DALI.code}`);
    await expectReport(page, DALI.name);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Excel 工作簿（全部表格）" }).click()]);
    expect(download.suggestedFilename()).toBe(`xiangyun-report-${DALI.code}-${period.from}-${period.to}.xlsx`);
    const book = new ExcelJS.Workbook();
    // The browser runs in another process (the run's, tests/e2e/global-setup.ts): the file is read through its stream.
    await book.xlsx.read(await download.createReadStream());
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(["概要", "家庭·按状态", "家庭·按困难类别", "家庭·按致困原因", "家庭·逐月变动", "需求·按类别和状态", "需求·按状态", "需求·等待时间", "对接·按帮扶方和状态", "对接·按状态", "资金·按来源", "资金·逐月", "资金·按需求类别", "下级地区"]);
    const summary = new Map<string, unknown>();
    book.getWorksheet("概要")?.eachRow((row) => {
      const [item, value] = Array.isArray(row.values) ? row.values.slice(1) : [];
      summary.set(String(item), value);
    });
    expect(summary.get("地区")).toBe(DALI.name);
    expect(summary.get("地区代码")).toBe(DALI.code);
    expect(summary.get("期间")).toBe(`${period.from} 至 ${period.to}`);
    expect(typeof summary.get("收到资金（元）")).toBe("number");
    expectNoHousehold(JSON.stringify(book.worksheets.map((sheet) => sheet.getSheetValues())));

    const csvLink = page.getByRole("link", { name: /下载“收到资金·按来源”CSV 文件$/ });
    const href = (await csvLink.getAttribute("href")) ?? "";
    expect(new URL(href, page.url()).searchParams.get("table")).toBe("money-source");
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers()["content-disposition"]).toBe(`attachment; filename="xiangyun-report-${DALI.code}-${period.from}-${period.to}-money-source.csv"`);
    const rows: string[][] = parse(await csv.text(), { bom: true });
    expect(rows[0]).toEqual(["来源", "金额（元）"]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(["政府", "工会经费", "社会捐款"]);
    for (const row of rows.slice(1)) expect(row[1]).toMatch(/^\d+\.\d{2}$/);
  });

  it("print as a one-page summary with the headline figures, without the site's header and the staff menu", async () => {
    const page = await caseworkerPage();
    const period = customPeriod();
    await page.goto(`/staff/reports?from=${period.from}&to=${period.to}`);
    await expectReport(page, DALI.name);
    await page.getByRole("link", { name: "打印版摘要" }).click();
    await page.waitForURL((url) => url.pathname === "/staff/reports/summary");
    expect(queryOf(page)).toEqual({ ...period, region: DALI.code });

    const summary = page.getByRole("article", { name: `${DALI.name}统计报表摘要` });
    await summary.waitFor();
    const facts = summary.locator("dl").first();
    await facts.getByRole("definition").filter({ hasText: periodText(period) }).waitFor();
    await facts.getByRole("definition").filter({ hasText: DALI.name }).waitFor();
    for (const [part, term] of [
      ["困难家庭", "建档家庭"],
      ["需求", "登记的需求"],
      ["对接", "达成的对接"],
      ["资金", "收到资金"],
    ] as const) {
      const section = summary.getByRole("region", { name: part, exact: true });
      const figure = section.locator("dl > div").filter({ has: page.getByRole("term").filter({ hasText: new RegExp(`^${term}`) }) });
      expect(await figure.getByRole("definition").textContent()).toMatch(part === "资金" ? /^¥[\d,]+/ : /^[\d,]+$/);
    }
    await summary.getByRole("table", { name: "下级地区" }).getByRole("rowheader", { name: XIANGYUN.name }).waitFor();
    await summary.getByRole("button", { name: "打印" }).waitFor();
    expectNoHousehold(await page.getByRole("main").innerText());

    const header = page.getByRole("banner", { includeHidden: true });
    const staffMenu = page.getByRole("navigation", { name: "工作台", includeHidden: true });
    const signatures = summary.getByRole("term", { includeHidden: true }).filter({ hasText: "审核人" });
    expect(await header.isVisible()).toBe(true);
    expect(await staffMenu.isVisible()).toBe(true);
    expect(await signatures.isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    expect(await header.isVisible()).toBe(false);
    expect(await staffMenu.isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "打印", includeHidden: true }).isVisible()).toBe(false);
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.getByRole("heading", { name: "资金", exact: true }).isVisible()).toBe(true);
    expect(await signatures.isVisible()).toBe(true);
  });

  it("take a period from the form without JavaScript", async () => {
    const page = await caseworkerPage({ javaScript: false });
    await openReportsFromMenu(page);
    const period = customPeriod();
    await showPeriod(page, period, DALI.code);
    await expectReport(page, DALI.name);
    expect(await page.getByLabel("起始日期").inputValue()).toBe(period.from);
  });
});
