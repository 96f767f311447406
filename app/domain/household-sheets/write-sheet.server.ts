// A table of households as an .xlsx workbook or a CSV file, written a batch of rows at a time so
// that a province's export holds one batch of decrypted rows, not the whole region. Text cells that
// a spreadsheet would run as a formula get a leading apostrophe (guardFormula); the import takes it
// off again.
import { stringify } from "csv-stringify/sync";
import { loadExcelJS } from "../../exceljs.server";
import { PassThrough } from "node:stream";
import type { SheetCell } from "./export-households.server";
import type { SheetFormat } from "./read-sheet.server";
import { guardFormula } from "../security/formula-guard";

/** Excel reads a CSV as UTF-8 (and shows Chinese) only when the file starts with this mark. */
const UTF8_BOM = "\uFEFF";
/** Rows the column widths are taken from (of the first batch). */
const WIDTH_SAMPLE_ROWS = 200;

const safe = (cell: SheetCell): SheetCell => (typeof cell === "string" ? guardFormula(cell) : cell);

/** A sheet being written: a header, then rows in the order written, then the whole file. */
export interface SheetWriter {
  /** Appends `rows`; the first call's rows size the workbook's columns. */
  write(rows: readonly SheetCell[][]): void;
  /** The file, once every row is written. */
  finish(): Promise<Uint8Array<ArrayBuffer>>;
}

/** A writer of `format` with `headers` as its first row (`sheetName` names an .xlsx's sheet). */
export async function openSheetWriter(format: SheetFormat, headers: readonly string[], sheetName: string): Promise<SheetWriter> {
  return format === "xlsx" ? openXlsxWriter(headers, sheetName) : openCsvWriter(headers);
}

// Each record ends with the delimiter, so records written apart concatenate to the same bytes.
const csvRecords = (rows: readonly (readonly SheetCell[])[]) => stringify(rows.map((row) => row.map(safe)), { record_delimiter: "windows" });

function openCsvWriter(headers: readonly string[]): SheetWriter {
  const chunks = [Buffer.from(UTF8_BOM + csvRecords([headers]))];
  return {
    write: (rows) => void chunks.push(Buffer.from(csvRecords(rows))),
    finish: () => Promise.resolve(arrayBufferBytes(Buffer.concat(chunks))),
  };
}

/**
 * exceljs's streaming writer, each row committed as written: a province's households as a whole
 * workbook model took ≈ 500 MB of the server's memory. Strings are written in their cells, not
 * as shared strings, which exceljs keeps (every name, ID and phone) until the workbook is done.
 */
async function openXlsxWriter(headers: readonly string[], sheetName: string): Promise<SheetWriter> {
  const { stream } = await loadExcelJS();
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve, reject) => {
    out.once("end", resolve);
    out.once("error", reject);
  });
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  let isStarted = false;
  const start = (first: readonly SheetCell[][]) => {
    isStarted = true;
    // Wide enough for the header and the first rows; Han characters take about two widths.
    const sample = [headers, ...first.slice(0, WIDTH_SAMPLE_ROWS)];
    sheet.columns = headers.map((_, i) => ({ width: Math.min(40, Math.max(10, Math.max(...sample.map((row) => String(row[i] ?? "").length)) * 1.8)) }));
    const header = sheet.addRow(headers.map(safe));
    header.font = { bold: true };
    header.commit();
  };
  return {
    write(rows) {
      if (!isStarted) start(rows);
      // Strings stay strings: an ID or a phone written as a number would lose digits or its leading +.
      for (const row of rows) sheet.addRow(row.map(safe)).commit();
    },
    async finish() {
      if (!isStarted) start([]);
      sheet.commit();
      await workbook.commit();
      await finished;
      return arrayBufferBytes(Buffer.concat(chunks));
    },
  };
}

/** The bytes in an ArrayBuffer of their own (a Response body, or exceljs's load, wants one). */
function arrayBufferBytes(bytes: Buffer<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
