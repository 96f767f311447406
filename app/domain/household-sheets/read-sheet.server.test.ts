import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { deflatedZeros, lyingZip } from "../../../tests/zip-bomb";
import { readSheet } from "./read-sheet.server";
import { MAX_UPLOAD_BYTES } from "./sheet-forms";

async function workbook(rows: ExcelJS.CellValue[][], build?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("empty first");
  const sheet = book.addWorksheet("户");
  for (const row of rows) sheet.addRow(row);
  build?.(sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("readSheet", () => {
  it("reads the first worksheet with data: its first non-empty row is the header, every cell text", async () => {
    const bytes = await workbook([[], ["姓名", "家庭人口", "人均月收入", "出生日期"], ["测试甲", 3, 650.5, new Date(Date.UTC(1975, 2, 1))]]);
    const read = await readSheet("户.xlsx", bytes);
    expect(read).toEqual({
      ok: true,
      sheet: { format: "xlsx", headers: ["姓名", "家庭人口", "人均月收入", "出生日期"], rows: [{ line: 3, cells: ["测试甲", "3", "650.5", "1975-03-01"], imprecise: [] }] },
    });
  });

  it("takes rich text, hyperlinks and formula results as the text a person sees", async () => {
    const bytes = await workbook([["a", "b", "c"]], (sheet) => {
      sheet.addRow([{ richText: [{ text: "测试" }, { text: "乙", font: { bold: true } }] }, { text: "测试路", hyperlink: "http://example.invalid" }, { formula: "1+2", result: 3 }]);
    });
    const read = await readSheet("s.xlsx", bytes);
    expect(read.ok && read.sheet.rows[0]?.cells).toEqual(["测试乙", "测试路", "3"]);
  });

  it("flags an 18-digit ID typed as a number, whose last digits a double cannot hold", async () => {
    const bytes = await workbook([["身份证号", "手机"], [Number("532923197501019999"), 19900000001]]);
    const read = await readSheet("s.xlsx", bytes);
    expect(read.ok && read.sheet.rows[0]).toMatchObject({ cells: [expect.any(String), "19900000001"], imprecise: [0] });
  });

  it("reads CSV in UTF-8 with or without a byte-order mark, with commas, semicolons or tabs", async () => {
    for (const text of ["\uFEFF姓名,家庭人口\r\n测试甲,3\r\n", "姓名;家庭人口\n测试甲;3\n", "姓名\t家庭人口\n\n测试甲\t3\n"]) {
      const read = await readSheet("s.CSV", utf8(text));
      expect(read.ok && read.sheet.headers).toEqual(["姓名", "家庭人口"]);
      expect(read.ok && read.sheet.rows.map((r) => r.cells)).toEqual([["测试甲", "3"]]);
    }
  });

  it("says what is wrong with a file it cannot take", async () => {
    expect(await readSheet("s.xls", utf8("x"))).toEqual({ ok: false, problem: "file-type" });
    expect(await readSheet("s.xlsx", utf8("姓名,身份证号\n"))).toEqual({ ok: false, problem: "unreadable" });
    // 姓名 in GBK, as Excel saves "CSV" on a Chinese Windows.
    expect(await readSheet("s.csv", new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x0a]))).toEqual({ ok: false, problem: "not-utf8" });
    expect(await readSheet("s.csv", utf8("姓名,身份证号\n"))).toEqual({ ok: false, problem: "empty" });
    expect(await readSheet("s.csv", utf8(`姓名\n${"测试\n".repeat(10_001)}`))).toEqual({ ok: false, problem: "too-many-rows", max: 10_000 });
  });
});

describe("readSheet with a zip that lies about its size", () => {
  // Each entry declares 1,000 bytes; the limit must hold on what actually inflates, and reading must
  // stop at the limit rather than after the whole entry.
  it("refuses an entry declaring 1,000 bytes that inflates to 300 MB", async () => {
    const bytes = lyingZip(deflatedZeros(300), 1_000);
    expect(bytes.length).toBeLessThan(400_000);
    expect(await readSheet("户.xlsx", bytes)).toEqual({ ok: false, problem: "too-large-unpacked" });
  });

  it("refuses a 5.1 MB file whose entry declares 1,000 bytes and inflates to 5 GB, and lives", async () => {
    const bytes = lyingZip(deflatedZeros(5_000), 1_000);
    expect(bytes.length).toBeGreaterThan(5_000_000);
    expect(bytes.length).toBeLessThan(MAX_UPLOAD_BYTES);
    expect(await readSheet("户.xlsx", bytes)).toEqual({ ok: false, problem: "too-large-unpacked" });
  });

  it("refuses an entry whose size is not the one it declares, even under the limit", async () => {
    expect(await readSheet("户.xlsx", lyingZip(deflatedZeros(2), 1_000))).toEqual({ ok: false, problem: "unreadable" });
  });
});
