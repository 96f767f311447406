// Reads an uploaded household sheet (.xlsx or .csv) into a header row and rows of cell text. Every
// cell becomes text here, so the rest of the import reads one shape whatever the file was; a number
// too long for a double to keep every digit (an 18-digit ID typed as a number) is flagged, because
// its digits are already lost and must not be guessed back.
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { loadExcelJS } from "../../exceljs.server";
import { MAX_COLUMNS } from "./sheet-forms";
import { inflateZip, storeZip } from "./inflate-zip.server";

export const MAX_SHEET_ROWS = 10_000;
const MAX_CELL_CHARS = 2_000;
// A 5 MB workbook of 10,000 households in 60 columns of text unpacks to under 50 MB; far more is a
// zip bomb, not a sheet, and the workbook reader holds several times what it parses.
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

export type SheetFormat = "xlsx" | "csv";

export interface SheetRow {
  /** The row number a spreadsheet shows for it (the header row is usually 1). */
  line: number;
  cells: string[];
  /** Columns whose cell held a number of 16 or more digits, whose last digits are lost. */
  imprecise: number[];
}

export interface ParsedSheet {
  format: SheetFormat;
  headers: string[];
  rows: SheetRow[];
}

export type SheetProblem =
  | { problem: "file-type" }
  | { problem: "not-utf8" }
  | { problem: "unreadable" }
  | { problem: "too-large-unpacked" }
  | { problem: "empty" }
  | { problem: "too-many-rows"; max: number };

/** The sheet's format from its name, or null for anything else (.xls, .numbers, .txt…). */
export function sheetFormatOf(fileName: string): SheetFormat | null {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === "xlsx" || ext === "csv" ? ext : null;
}

/** Reads the first worksheet with data (xlsx) or the whole file (csv); the first non-empty row is the header. */
export async function readSheet(fileName: string, bytes: Uint8Array): Promise<{ ok: true; sheet: ParsedSheet } | ({ ok: false } & SheetProblem)> {
  const format = sheetFormatOf(fileName);
  if (!format) return { ok: false, problem: "file-type" };
  const read = format === "xlsx" ? await readXlsx(bytes) : readCsv(bytes);
  if ("problem" in read) return { ok: false, ...read };
  const lines = read.filter((row) => row.cells.some((cell) => cell !== ""));
  const [header, ...rows] = lines;
  if (!header || rows.length === 0) return { ok: false, problem: "empty" };
  if (rows.length > MAX_SHEET_ROWS) return { ok: false, problem: "too-many-rows", max: MAX_SHEET_ROWS };
  const width = Math.min(MAX_COLUMNS, Math.max(...lines.map((row) => lastFilled(row.cells) + 1)));
  const fit = (cells: string[]) => Array.from({ length: width }, (_, i) => (cells[i] ?? "").slice(0, MAX_CELL_CHARS));
  return {
    ok: true,
    sheet: { format, headers: fit(header.cells), rows: rows.map((row) => ({ ...row, cells: fit(row.cells), imprecise: row.imprecise.filter((i) => i < width) })) },
  };
}

function lastFilled(cells: readonly string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i] !== "") return i;
  return -1;
}

async function readXlsx(bytes: Uint8Array): Promise<SheetRow[] | SheetProblem> {
  // exceljs inflates every entry whole, whatever size it declares: the archive is unpacked here
  // first, counting what comes out, and exceljs reads only the bytes already counted.
  const unpacked = await inflateZip(bytes, MAX_UNPACKED_BYTES);
  if ("problem" in unpacked) return unpacked;
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  try {
    // A fresh ArrayBuffer: exceljs declares its own Buffer type, which Node's Buffer does not satisfy.
    await workbook.xlsx.load(new Uint8Array(storeZip(unpacked.entries)).buffer);
  } catch {
    // A damaged or mislabelled file: the person needs to know it could not be read, not why zip failed.
    return { problem: "unreadable" };
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return { problem: "empty" };
  if (sheet.actualRowCount > MAX_SHEET_ROWS + 1) return { problem: "too-many-rows", max: MAX_SHEET_ROWS };
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    const imprecise: number[] = [];
    const count = Math.min(MAX_COLUMNS, row.cellCount);
    for (let c = 1; c <= count; c++) {
      const { text, isImprecise } = cellText(row.getCell(c).value);
      cells.push(text.trim());
      if (isImprecise) imprecise.push(c - 1);
    }
    rows.push({ line, cells, imprecise });
  });
  return rows;
}

type Scalar = number | string | boolean | Date | null | undefined;

function cellText(value: ExcelJS.CellValue): { text: string; isImprecise: boolean } {
  if (value === null || value === undefined || typeof value !== "object" || value instanceof Date) return scalarText(value);
  if ("richText" in value) return { text: value.richText.map((part) => part.text).join(""), isImprecise: false };
  if ("hyperlink" in value) return cellText(value.text);
  if ("error" in value) return { text: "", isImprecise: false };
  // A formula's cached result is what the person saw in the cell.
  const result = value.result;
  if (result !== null && typeof result === "object" && !(result instanceof Date)) return { text: "", isImprecise: false };
  return scalarText(result);
}

function scalarText(value: Scalar): { text: string; isImprecise: boolean } {
  if (value === null || value === undefined) return { text: "", isImprecise: false };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10), isImprecise: false };
  if (typeof value === "number") {
    // Above 2^53 a double no longer holds every integer; Excel itself keeps only 15 digits.
    if (Number.isInteger(value)) return { text: Math.abs(value) < 1e15 ? value.toFixed(0) : String(value), isImprecise: Math.abs(value) >= 1e15 };
    return { text: String(value), isImprecise: false };
  }
  return { text: String(value), isImprecise: false };
}

function readCsv(bytes: Uint8Array): SheetRow[] | SheetProblem {
  let text: string;
  try {
    // Excel's "CSV UTF-8" starts with a byte-order mark, which the decoder drops. A sheet saved as
    // plain "CSV" on a Chinese Windows is GBK and fails here, with a message that says what to do.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { problem: "not-utf8" };
  }
  try {
    const records: string[][] = parse(text, { bom: true, delimiter: guessDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true });
    return records.map((cells, i) => ({ line: i + 1, cells, imprecise: [] }));
  } catch {
    // The parser's message quotes the cell, which may be someone's identity: it is not passed on.
    return { problem: "unreadable" };
  }
}

/** Comma, semicolon (European Excel) or tab, whichever the first line has most of. */
function guessDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((d) => ({ d, n: first.split(d).length }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}
