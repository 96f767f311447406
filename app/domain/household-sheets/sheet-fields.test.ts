import { describe, expect, it } from "vitest";
import { EXPORT_HEADERS, SHEET_FIELDS, columnLetter, guessMapping, normaliseHeader } from "./sheet-fields";

describe("guessMapping", () => {
  it("maps the headers an export writes, in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const headers = SHEET_FIELDS.map((f) => EXPORT_HEADERS[locale][f]);
      expect(guessMapping(headers)).toEqual(Object.fromEntries(SHEET_FIELDS.map((f, i) => [f, i])));
    }
  });

  it("recognises the Chinese headers unions use, with units and brackets", () => {
    const headers = ["序号", "户主", "公民身份号码", "联系电话（手机）", "家庭住址", "家庭人口数", "家庭人均月收入（元）", "致困原因", "困难类型", "所在县（市、区）", "是否同意公开", "备注"];
    expect(guessMapping(headers)).toEqual({ name: 1, idNumber: 2, phone: 3, address: 4, householdSize: 5, monthlyIncomePerHead: 6, causes: 7, tier: 8, county: 9, consent: 10 });
  });

  it("recognises English headers in any case and spacing", () => {
    const headers = ["Full Name", "ID No.", "Mobile", "Home address", "Year of birth", "Gender", "Family size", "Income per head (CNY)", "Hardship causes", "Hardship tier", "County code", "Consent given"];
    expect(guessMapping(headers)).toEqual(Object.fromEntries(SHEET_FIELDS.map((f, i) => [f, i])));
  });

  it("uses each column once and leaves unknown headers unmapped", () => {
    expect(guessMapping(["姓名", "姓名", "备注", ""])).toEqual({ name: 0 });
    expect(guessMapping(["户主身份证号", "户主姓名"])).toEqual({ idNumber: 0, name: 1 });
  });

  it("normalises full-width letters and drops units in brackets but keeps 县（市、区）", () => {
    expect(normaliseHeader("ＩＤ　Ｎｏ．")).toBe("idno");
    expect(normaliseHeader("人均月收入（元）")).toBe("人均月收入");
    expect(normaliseHeader("县（市、区）")).toBe("县市区");
  });
});

describe("columnLetter", () => {
  it("names columns as spreadsheets do", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});
