// A staff report's tables as files for spreadsheets: every table as a sheet of one .xlsx workbook,
// or one table as CSV. Text cells — labels, region names, headers — go through guardFormula; counts
// and amounts are figures the report computed, written as numbers so that they sum in Excel.
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";
import { loadExcelJS } from "../../exceljs.server";
import { UTF8_BOM } from "../audit/audit-csv";
import { guardFormula } from "../security/formula-guard";
import type { ReportCell, ReportTable } from "./report-tables.server";

const MONEY_FORMAT = "#,##0.00";
const DAYS_FORMAT = "0.0";
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/**
 * An amount as an Excel cell. Excel keeps every number as a double, and a finance clerk needs
 * cells that add up, so this is the one place an amount becomes a JS number: a double holds every
 * amount to the fen below about ¥90 trillion, checked by formatting it back; one that would not
 * survive stays text rather than lose a fen.
 */
function moneyCellValue(amount: string): number | string {
  const value = Number(amount);
  return value.toFixed(2) === amount ? value : amount;
}

function xlsxValue(cell: ReportCell): ExcelJS.CellValue {
  switch (cell.kind) {
    case "text":
      return guardFormula(cell.text);
    case "count":
      return cell.value;
    case "days":
      return cell.value;
    case "money":
      return moneyCellValue(cell.amount);
  }
}

/** A cell as CSV text: amounts as their exact numeric(18,2) text, a missing median empty. */
function csvValue(cell: ReportCell): string {
  switch (cell.kind) {
    case "text":
      return guardFormula(cell.text);
    case "count":
      return String(cell.value);
    case "days":
      return cell.value === null ? "" : String(cell.value);
    case "money":
      return cell.amount;
  }
}

/** About how many character widths a text takes: Han and other wide characters count two. */
function displayWidth(value: string): number {
  let width = 0;
  for (const char of value) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function addSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.title, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header.map(guardFormula)).font = { bold: true };
  for (const cells of table.rows) {
    const row = sheet.addRow(cells.map(xlsxValue));
    cells.forEach((cell, i) => {
      const target = row.getCell(i + 1);
      if (cell.kind === "money" && typeof target.value === "number") target.numFmt = MONEY_FORMAT;
      if (cell.kind === "days") target.numFmt = DAYS_FORMAT;
    });
  }
  table.header.forEach((title, i) => {
    // Amounts show with group separators, so they take a few more widths than their text.
    const widths = [title, ...table.rows.map((cells) => (cells[i] ? csvValue(cells[i]) : ""))].map((value) => displayWidth(value) + 3);
    const column = sheet.getColumn(i + 1);
    const widest = Math.max(...widths);
    column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest));
    if (widest > MAX_WIDTH) column.alignment = { wrapText: true, vertical: "top" };
  });
}

/** The workbook: the summary first, then one sheet per table, each with a bold, frozen header row. */
export async function reportToXlsx(summary: ReportTable, tables: readonly ReportTable[], options: { generatedAt: Date }): Promise<Uint8Array<ArrayBuffer>> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = "Xiangyun";
  workbook.created = options.generatedAt;
  for (const table of [summary, ...tables]) addSheet(workbook, table);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** One table as CSV (CRLF): UTF-8 with a byte-order mark so Excel shows Chinese, header line first. */
export function reportTableToCsv(table: ReportTable): string {
  return UTF8_BOM + stringify([table.header.map(guardFormula), ...table.rows.map((cells) => cells.map(csvValue))], { record_delimiter: "windows" });
}
