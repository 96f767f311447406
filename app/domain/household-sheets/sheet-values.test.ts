import { describe, expect, it } from "vitest";
import {
  causesLabel,
  consentLabel,
  countyNameKeys,
  maskResidentId,
  readAmount,
  readBirthYear,
  readCauses,
  readConsent,
  readCounty,
  readHouseholdSize,
  readSex,
  readTier,
  sexLabel,
  tierLabel,
} from "./sheet-values";

describe("reading cells", () => {
  it("reads sex, tier and consent in Chinese and English, and passes anything else on", () => {
    expect(["男", "女", "Male", " F "].map(readSex)).toEqual(["male", "female", "male", "female"]);
    expect(readSex("未知")).toBe("未知");
    expect(["一般困难", "突发困难", "深度困难", "Severe"].map(readTier)).toEqual(["general", "sudden", "severe", "severe"]);
    expect(readTier("很困难")).toBe("很困难");
    expect(["是", "否", "yes", "No", "1", "√"].map(readConsent)).toEqual([true, false, true, false, true, true]);
    expect(readConsent("也许")).toBe("也许");
  });

  it("splits causes on 、 , ; in both widths and maps their names", () => {
    expect(readCauses("疾病、残疾")).toEqual(["illness", "disability"]);
    expect(readCauses("因病，失业；教育")).toEqual(["illness", "unemployment", "education"]);
    expect(readCauses("illness, disaster;other")).toEqual(["illness", "disaster", "other"]);
    expect(readCauses("疾病、疾病")).toEqual(["illness"]);
    expect(readCauses("疾病、天灾人祸")).toEqual(["illness", "天灾人祸"]);
    expect(readCauses("")).toEqual([]);
  });

  it("reads numbers people type with units", () => {
    expect(["3", "3人", "３", "4 口"].map(readHouseholdSize)).toEqual([3, 3, 3, 4]);
    expect(readHouseholdSize("三")).toBe("三");
    expect(["1975", "1975年", "1975-03-01", "1975/3/1", "1975年3月"].map(readBirthYear)).toEqual([1975, 1975, 1975, 1975, 1975]);
    expect(readBirthYear("75")).toBe("75");
    expect(["650", "¥1,200.50", "1200.5元", "1 200", "￥0"].map(readAmount)).toEqual(["650", "1200.50", "1200.5", "1200", "0"]);
  });

  it("reads a county as a leading code or as a name", () => {
    expect(readCounty("532923")).toEqual({ code: "532923" });
    expect(readCounty("532923 祥云县")).toEqual({ code: "532923" });
    expect(readCounty(" 祥云县 ")).toEqual({ name: "祥云县" });
    expect(readCounty("5329231")).toEqual({ name: "5329231" });
    expect(readCounty("")).toBeNull();
    expect(countyNameKeys("祥云县")).toEqual(["祥云县", "祥云"]);
    expect(countyNameKeys("Xiangyun County")).toEqual(["xiangyuncounty", "xiangyun"]);
    expect(countyNameKeys("祥云")).toEqual(["祥云"]);
  });
});

describe("writing cells", () => {
  it("writes values an import reads back", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      expect(readSex(sexLabel("female", locale))).toBe("female");
      expect(readTier(tierLabel("sudden", locale))).toBe("sudden");
      expect(readCauses(causesLabel(["illness", "housing", "other"], locale))).toEqual(["illness", "housing", "other"]);
      expect(readConsent(consentLabel(false, locale))).toBe(false);
    }
  });

  it("masks a resident ID to its first and last four characters", () => {
    expect(maskResidentId("532923197501011234")).toBe("5329**********1234");
    expect(maskResidentId("12345")).toBe("*****");
  });
});
