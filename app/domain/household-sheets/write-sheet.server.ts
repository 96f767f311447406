// A table of households as an .xlsx workbook or a CSV file. Text cells that a spreadsheet would
// run as a formula get a leading apostrophe (guardFormula); the import takes it off again.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { HouseholdTable, SheetCell } from "./export-households.server";
import { guardFormula } from "../security/formula-guard";

/** Excel reads a CSV as UTF-8 (and shows Chinese) only when the file starts with this mark. */
const UTF8_BOM = "\uFEFF";

const safe = (cell: SheetCell): SheetCell => (typeof cell === "string" ? guardFormula(cell) : cell);

export function householdsToCsv(table: HouseholdTable): string {
  return UTF8_BOM + stringify([table.headers, ...table.rows].map((row) => row.map(safe)), { record_delimiter: "windows" });
}

export async function householdsToXlsx(table: HouseholdTable, sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.headers.map(safe)).font = { bold: true };
  // Strings stay strings: an ID or a phone written as a number would lose digits or its leading +.
  for (const row of table.rows) sheet.addRow(row.map(safe));
  // Wide enough for the header and the first rows; Han characters take about two widths.
  const sample = [table.headers, ...table.rows.slice(0, 200)];
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...sample.map((row) => String(row[i] ?? "").length));
    column.width = Math.min(40, Math.max(10, longest * 1.8));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
