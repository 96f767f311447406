// A table of households as an .xlsx workbook or a CSV file. Text cells that a spreadsheet would
// run as a formula get a leading apostrophe (guardFormula); the import takes it off again.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import type { HouseholdTable, SheetCell } from "./export-households.server";
import { guardFormula } from "../security/formula-guard";

/** Excel reads a CSV as UTF-8 (and shows Chinese) only when the file starts with this mark. */
const UTF8_BOM = "\uFEFF";

const safe = (cell: SheetCell): SheetCell => (typeof cell === "string" ? guardFormula(cell) : cell);

export function householdsToCsv(table: HouseholdTable): string {
  return UTF8_BOM + stringify([table.headers, ...table.rows].map((row) => row.map(safe)), { record_delimiter: "windows" });
}

/**
 * The workbook is written row by row (exceljs's streaming writer): a province's households as a
 * whole workbook model took ≈ 500 MB of the server's memory beyond the table itself.
 */
export async function householdsToXlsx(table: HouseholdTable, sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve, reject) => {
    out.once("end", resolve);
    out.once("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  // Wide enough for the header and the first rows; Han characters take about two widths.
  const sample = [table.headers, ...table.rows.slice(0, 200)];
  sheet.columns = table.headers.map((_, i) => ({ width: Math.min(40, Math.max(10, Math.max(...sample.map((row) => String(row[i] ?? "").length)) * 1.8)) }));
  const header = sheet.addRow(table.headers.map(safe));
  header.font = { bold: true };
  header.commit();
  // Strings stay strings: an ID or a phone written as a number would lose digits or its leading +.
  for (const row of table.rows) sheet.addRow(row.map(safe)).commit();
  sheet.commit();
  await workbook.commit();
  await finished;
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
