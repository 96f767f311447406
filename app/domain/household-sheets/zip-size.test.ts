import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { unpackedZipSize } from "./zip-size";

describe("unpackedZipSize", () => {
  it("adds up what a workbook's entries unpack to", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("s");
    for (let i = 0; i < 2_000; i++) sheet.addRow(["测试测试测试", i, "同样的文字会被压缩得很小"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const size = unpackedZipSize(bytes);
    expect(size).not.toBeNull();
    expect(size ?? 0).toBeGreaterThan(bytes.length * 2);
  });

  it("is null for anything that is not a zip archive", () => {
    expect(unpackedZipSize(new TextEncoder().encode("姓名,身份证号\n"))).toBeNull();
    expect(unpackedZipSize(new Uint8Array(0))).toBeNull();
  });

  it("reads the size an entry declares, so a bomb is refused before it is inflated", () => {
    // One central directory entry declaring 3 GB, then the end record pointing at it.
    const entry = new Uint8Array(46);
    const view = new DataView(entry.buffer);
    view.setUint32(0, 0x02014b50, true);
    view.setUint32(24, 3_000_000_000, true);
    const end = new Uint8Array(22);
    const endView = new DataView(end.buffer);
    endView.setUint32(0, 0x06054b50, true);
    endView.setUint16(10, 1, true);
    endView.setUint32(16, 0, true);
    expect(unpackedZipSize(new Uint8Array([...entry, ...end]))).toBe(3_000_000_000);
  });
});
