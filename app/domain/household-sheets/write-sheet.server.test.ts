import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { guardFormula } from "../security/formula-guard";
import type { SheetCell } from "./export-households.server";
import { openSheetWriter } from "./write-sheet.server";

// Some spreadsheet programs skip a leading TAB or CR and then run the rest as a formula.
const WOULD_BE_FORMULAS = ["=1+1", "+86 199", "-3号", "@SUM(A1)", "\t=HYPERLINK(\"http://example.invalid\")", "\r=1+1"];
const table: { headers: string[]; rows: SheetCell[][] } = { headers: ["住址", "家庭人口"], rows: [...WOULD_BE_FORMULAS.map((text) => [text, 3]), ["测试路 1 号", 2]] };

/** The whole table as one CSV written at once with csv-stringify: the bytes a batched writer must match. */
const householdsToCsv = (t: typeof table) =>
  "\uFEFF" + stringify([t.headers, ...t.rows].map((row) => row.map((cell) => (typeof cell === "string" ? guardFormula(cell) : cell))), { record_delimiter: "windows" });

/** The whole table as a workbook, in one batch. */
async function householdsToXlsx(t: typeof table, sheetName: string) {
  const writer = await openSheetWriter("xlsx", t.headers, sheetName);
  writer.write(t.rows);
  return writer.finish();
}

describe("household export", () => {
  it("writes every would-be formula in the CSV as text, leading TAB and CR included", async () => {
    const writer = await openSheetWriter("csv", table.headers, "户");
    writer.write(table.rows);
    const rows: string[][] = parse(Buffer.from(await writer.finish()).toString("utf8"), { bom: true });
    expect(rows.slice(1).map((row) => row[0])).toEqual([...WOULD_BE_FORMULAS.map((text) => `'${text}`), "测试路 1 号"]);
  });

  it("writes every would-be formula in the workbook as text, leading TAB and CR included", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await householdsToXlsx(table, "户")).buffer);
    const cells = book.worksheets[0]?.getColumn(1).values.slice(2);
    // XML reads a raw CR back as a line feed; the apostrophe in front is what matters.
    expect(cells).toEqual([...WOULD_BE_FORMULAS.map((text) => `'${text}`.replace("\r", "\n")), "测试路 1 号"]);
  });

  it("names the sheet, freezes a bold header, sizes the columns and keeps numbers as numbers", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await householdsToXlsx(table, "户")).buffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe("户");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.getColumn(1).width).toBeGreaterThan(10);
    expect(sheet?.getCell("B2").value).toBe(3);
    expect(sheet?.rowCount).toBe(table.rows.length + 1);
  });

  it("writes the same CSV bytes in batches as at once", async () => {
    const writer = await openSheetWriter("csv", table.headers, "户");
    for (let i = 0; i < table.rows.length; i += 3) writer.write(table.rows.slice(i, i + 3));
    expect(Buffer.from(await writer.finish()).equals(Buffer.from(householdsToCsv(table)))).toBe(true);
  });

  it("writes the same workbook cells in batches as at once, and an empty workbook with its header", async () => {
    const cellsOf = async (bytes: Uint8Array<ArrayBuffer>) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes.buffer);
      return book.worksheets[0]?.getSheetValues();
    };
    const writer = await openSheetWriter("xlsx", table.headers, "户");
    for (let i = 0; i < table.rows.length; i += 3) writer.write(table.rows.slice(i, i + 3));
    expect(await cellsOf(await writer.finish())).toEqual(await cellsOf(await householdsToXlsx(table, "户")));
    expect(await cellsOf(await (await openSheetWriter("xlsx", table.headers, "户")).finish())).toEqual([undefined, [undefined, ...table.headers]]);
  });
});
