// Downloading the staff report: the whole report as a workbook, one table as CSV, with the figures
// of the hand-counted region (tests/report-fixture.ts), as a private attachment; another county's
// region is refused, and a bad period or an unknown table is a 400 with nothing to download.
import type { AppLoadContext } from "@remix-run/node";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { createTestLoadContext } from "../../tests/load-context";
import type { ReportWorld } from "../../tests/report-fixture";
import { reportCipher, seedReportWorld } from "../../tests/report-fixture";
import { settle } from "../../tests/route-results";
import { defaultReportPeriod } from "../domain/reports/report-period";
import { loader as csvLoader } from "./staff.reports[.]csv";
import { loader as xlsxLoader } from "./staff.reports[.]xlsx";

let handle: DatabaseHandle;
let context: AppLoadContext;
let world: ReportWorld;
const { from, to } = defaultReportPeriod(new Date());

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher: reportCipher });
  world = await seedReportWorld(handle);
}, 120_000);
afterAll(() => handle?.close());

async function download(loader: typeof xlsxLoader, path: string, cookie: string, language = "zh-CN"): Promise<Response> {
  const request = userRequest(path, { cookie });
  request.headers.set("Accept-Language", language);
  const result = await settle(loader({ request, context, params: {} }));
  if (!(result instanceof Response)) throw new Error("expected a response");
  return result;
}

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  return book;
}

/** A sheet's rows below the header, as [label, …figures]. */
function rowsOf(book: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1 && Array.isArray(row.values)) rows.push(row.values.slice(1));
  });
  return rows;
}

async function csvRows(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(new TextDecoder().decode(bytes), { bom: true });
}

describe("the report as a workbook", () => {
  it("gives a prefecture's auditor its report as a private attachment named by region and period", async () => {
    const response = await download(xlsxLoader, `/staff/reports.xlsx?from=${from}&to=${to}&region=5329`, world.users.daliAuditor.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="xiangyun-report-5329-${from}-${to}.xlsx"`);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const book = await workbookOf(response);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(["概要", "家庭·按状态", "家庭·按困难类别", "家庭·按致困原因", "家庭·逐月变动", "需求·按类别和状态", "需求·按状态", "需求·等待时间", "对接·按帮扶方和状态", "对接·按状态", "资金·按来源", "资金·逐月", "资金·按需求类别", "下级地区"]);
  });

  it("carries the prefecture's figures: both counties, each in its own row, amounts as numbers", async () => {
    const book = await workbookOf(await download(xlsxLoader, `/staff/reports.xlsx?from=${from}&to=${to}&region=5329`, world.users.daliAuditor.cookie));
    const summary = Object.fromEntries(rowsOf(book, "概要").map(([item, value]) => [String(item), value]));
    expect(summary).toMatchObject({ 地区: "大理白族自治州", 地区代码: "5329", 期间: `${from} 至 ${to}`, "建档家庭（截至期末）": 5, "收到资金（元）": 1800, "支付给服务方（元）": 150 });
    expect(rowsOf(book, "家庭·按困难类别")).toEqual([
      ["一般困难", 2],
      ["突发困难", 1],
      ["深度困难", 2],
    ]);
    const regions = rowsOf(book, "下级地区");
    expect(regions.find((row) => row[0] === "532923")).toEqual(["532923", "祥云县", 4, 4, 2, 1, 3, 1, 2, 1, 1300, 150]);
    expect(regions.find((row) => row[0] === "532924")).toEqual(["532924", "宾川县", 1, 1, 0, 0, 1, 0, 1, 0, 500, 0]);
  });

  it("names no household", async () => {
    const book = await workbookOf(await download(xlsxLoader, `/staff/reports.xlsx?from=${from}&to=${to}&region=5329`, world.users.daliAuditor.cookie));
    const text = JSON.stringify(book.worksheets.map((sheet) => sheet.getSheetValues()));
    for (const name of world.householdNames) expect(text).not.toContain(name);
  });
});

describe("a table as CSV", () => {
  it("gives a county's caseworker its money by source in English, amounts exact", async () => {
    const response = await download(csvLoader, `/staff/reports.csv?table=money-source&from=${from}&to=${to}`, world.users.xyCaseworker.cookie, "en");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="xiangyun-report-532923-${from}-${to}-money-source.csv"`);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await csvRows(response)).toEqual([
      ["Source", "Amount (CNY)"],
      ["Government", "1000.00"],
      ["Union funds", "0.00"],
      ["Donations", "300.00"],
    ]);
  });

  it("gives the county's households by status and its needs' waits", async () => {
    const status = await download(csvLoader, `/staff/reports.csv?table=households-status&from=${from}&to=${to}&region=532923`, world.users.xyCaseworker.cookie);
    expect(await csvRows(status)).toEqual([
      ["状态", "户数"],
      ["已登记", "1"],
      ["已核实", "0"],
      ["帮扶中", "2"],
      ["已退出（动态监测）", "1"],
    ]);
    const waits = await download(csvLoader, `/staff/reports.csv?table=needs-waits&from=${from}&to=${to}`, world.users.xyCaseworker.cookie, "en");
    expect((await csvRows(waits)).slice(1).map((row) => row[1])).toEqual(["3", "2", "7", "1", "10"]);
  });
});

describe("who may download, and what", () => {
  it("refuses a county's caseworker the county next door, as a workbook or CSV", async () => {
    const bc = world.users.bcCaseworker.cookie;
    expect((await download(xlsxLoader, `/staff/reports.xlsx?from=${from}&to=${to}&region=532923`, bc)).status).toBe(403);
    expect((await download(csvLoader, `/staff/reports.csv?table=regions&from=${from}&to=${to}&region=532923`, bc)).status).toBe(403);
  });

  it("refuses finance staff, who do not read cases", async () => {
    expect((await download(xlsxLoader, `/staff/reports.xlsx?from=${from}&to=${to}`, world.users.xyFinanceOnly.cookie)).status).toBe(403);
  });

  it("answers a day that does not exist, or a period that ends before it starts, with 400 and no file", async () => {
    for (const query of ["from=2026-02-30&to=2026-03-31", `from=${to}&to=${from}`]) {
      const response = await download(xlsxLoader, `/staff/reports.xlsx?${query}`, world.users.xyCaseworker.cookie, "en");
      expect(response.status).toBe(400);
      expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(response.headers.get("Content-Disposition")).toBeNull();
      expect(await response.text()).toMatch(/^The report cannot be made: /);
    }
  });

  it("answers an unknown or missing table with 400 naming the tables there are", async () => {
    for (const table of ["table=households", ""]) {
      const response = await download(csvLoader, `/staff/reports.csv?${table}&from=${from}&to=${to}`, world.users.xyCaseworker.cookie, "en");
      expect(response.status).toBe(400);
      expect(response.headers.get("Content-Disposition")).toBeNull();
      expect(await response.text()).toContain("households-status, households-tier");
    }
  });
});
