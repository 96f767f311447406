import { describe, expect, it } from "vitest";
import type { RegionDirectory, RegionEntry } from "../regions/region-directory.server";
import { createCountyLookup } from "./county-lookup";

const entries: RegionEntry[] = [
  { code: "53", nameZh: "云南省", nameEn: "Yunnan Province", level: "province", parentCode: null },
  { code: "5329", nameZh: "大理白族自治州", nameEn: "Dali Bai Autonomous Prefecture", level: "prefecture", parentCode: "53" },
  { code: "532923", nameZh: "祥云县", nameEn: "Xiangyun County", level: "county", parentCode: "5329" },
  { code: "532924", nameZh: "宾川县", nameEn: "Binchuan County", level: "county", parentCode: "5329" },
  // Two made-up counties of one name, and a county and a city that differ only in their suffix.
  { code: "532997", nameZh: "同名县", nameEn: "", level: "county", parentCode: "5329" },
  { code: "532998", nameZh: "同名县", nameEn: "", level: "county", parentCode: "5329" },
  { code: "532901", nameZh: "大理市", nameEn: "Dali City", level: "county", parentCode: "5329" },
  { code: "532996", nameZh: "大理县", nameEn: "", level: "county", parentCode: "5329" },
  { code: "5301", nameZh: "昆明市", nameEn: "Kunming City", level: "prefecture", parentCode: "53" },
  { code: "530102", nameZh: "五华区", nameEn: "Wuhua District", level: "county", parentCode: "5301" },
];
const directory: RegionDirectory = {
  get: (code) => entries.find((e) => e.code === code),
  children: (parent) => entries.filter((e) => e.parentCode === parent),
  trail: () => [],
};

describe("createCountyLookup", () => {
  it("finds a county of the region by its name in Chinese or English, with or without its suffix", () => {
    const lookup = createCountyLookup(directory, "5329");
    for (const cell of ["祥云县", "祥云", "Xiangyun County", "xiangyun", " 祥云县 "]) expect(lookup(cell)).toEqual({ ok: true, code: "532923" });
    expect(lookup("大理市")).toEqual({ ok: true, code: "532901" });
    expect(lookup("大理县")).toEqual({ ok: true, code: "532996" });
  });

  it("passes a code on as written, for the importer to check", () => {
    expect(createCountyLookup(directory, "532923")("530102 五华区")).toEqual({ ok: true, code: "530102" });
  });

  it("gives a county outside the region its code, so the importer can say it is outside", () => {
    expect(createCountyLookup(directory, "532923")("宾川县")).toEqual({ ok: true, code: "532924" });
    expect(createCountyLookup(directory, "5329")("五华区")).toEqual({ ok: true, code: "530102" });
  });

  it("says when a name is unknown or ambiguous, or the county is missing where there are several", () => {
    const lookup = createCountyLookup(directory, "5329");
    expect(lookup("火星县")).toEqual({ ok: false, key: "householdImport:errors.countyUnknown", values: { name: "火星县" } });
    expect(lookup("同名县")).toEqual({ ok: false, key: "householdImport:errors.countyAmbiguous", values: { name: "同名县" } });
    expect(lookup("")).toEqual({ ok: false, key: "householdImport:errors.countyMissing" });
    expect(createCountyLookup(directory, "532923")(undefined)).toEqual({ ok: true, code: "532923" });
  });
});
