import ExcelJS from "exceljs";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflatedZeros, lyingZip } from "../../../tests/zip-bomb";
import type { ZipEntry } from "./inflate-zip.server";
import { inflateZip, storeZip } from "./inflate-zip.server";

const MEGABYTE = 1024 * 1024;
const entry = (name: string, data: Buffer): ZipEntry => ({ name: Buffer.from(name), isUtf8Name: false, data });
const text = (entries: readonly ZipEntry[]) => entries.map((e) => [Buffer.from(e.name).toString(), e.data.toString()]);

describe("inflateZip", () => {
  it("unpacks every part of a real workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("户").addRow(["测试甲", 3]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await inflateZip(bytes, 10 * MEGABYTE);
    if ("problem" in read) throw new Error(read.problem);
    const names = read.entries.map((e) => Buffer.from(e.name).toString());
    expect(names).toContain("xl/workbook.xml");
    expect(read.entries.reduce((sum, e) => sum + e.data.length, 0)).toBeGreaterThan(bytes.length);
  });

  it("reads back what storeZip wrote, byte for byte", async () => {
    const entries = [entry("a.xml", Buffer.from("<a>测试</a>")), entry("b/c.xml", Buffer.alloc(0))];
    const read = await inflateZip(storeZip(entries), MEGABYTE);
    expect("entries" in read && text(read.entries)).toEqual(text(entries));
  });

  it("counts the limit over all entries together, not each alone", async () => {
    const entries = [entry("a", Buffer.alloc(600)), entry("b", Buffer.alloc(600))];
    expect(await inflateZip(storeZip(entries), 1_000)).toEqual({ problem: "too-large-unpacked" });
    expect("entries" in (await inflateZip(storeZip(entries), 1_200))).toBe(true);
  });

  it("stops at the limit an entry that declares 1,000 bytes and inflates to far more", async () => {
    expect(await inflateZip(lyingZip(deflatedZeros(50), 1_000), 2 * MEGABYTE)).toEqual({ problem: "too-large-unpacked" });
  });

  it("refuses what is not a zip archive, or one whose data is not what it declares", async () => {
    expect(await inflateZip(new TextEncoder().encode("姓名,身份证号\n"), MEGABYTE)).toEqual({ problem: "unreadable" });
    expect(await inflateZip(new Uint8Array(0), MEGABYTE)).toEqual({ problem: "unreadable" });
    const good = deflateRawSync(Buffer.from("<a/>"));
    // The right size but no checksum (the builder writes 0).
    expect(await inflateZip(lyingZip(good, 4), MEGABYTE)).toEqual({ problem: "unreadable" });
    // Not deflate data at all.
    expect(await inflateZip(lyingZip(Buffer.from([0xff, 0xff, 0xff]), 4), MEGABYTE)).toEqual({ problem: "unreadable" });
  });
});
