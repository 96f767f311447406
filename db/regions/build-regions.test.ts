import { describe, expect, it } from "vitest";
import type { RegionRow } from "./build-regions";
import { buildRegions } from "./build-regions";
import { loadRegions } from "./regions";

// The tree as the application reads it: regions.json, written by scripts/generate-regions.ts with
// buildRegions (whose rules the synthetic lists at the end check).
const regions = loadRegions();
const byCode = new Map(regions.map((region) => [region.code, region]));

function region(code: string): RegionRow {
  const found = byCode.get(code);
  if (!found) throw new Error(`no region ${code}`);
  return found;
}

describe("buildRegions", () => {
  it("gives Xiangyun its county row and full path", () => {
    expect(region("532923")).toEqual({
      code: "532923",
      nameZh: "祥云县",
      nameEn: "Xiangyun County",
      level: "county",
      parentCode: "5329",
      path: ["53", "5329", "532923"],
    });
  });

  it.each([
    ["53", "云南省", "Yunnan Province", "province", null],
    ["5329", "大理白族自治州", "Dali Bai Autonomous Prefecture", "prefecture", "53"],
    ["5301", "昆明市", "Kunming", "prefecture", "53"],
    ["530102", "五华区", "Wuhua District", "county", "5301"],
    ["5306", "昭通市", "Zhaotong", "prefecture", "53"],
    ["45", "广西壮族自治区", "Guangxi Zhuang Autonomous Region", "province", null],
    ["4502", "柳州市", "Liuzhou", "prefecture", "45"],
    ["3716", "滨州市", "Binzhou", "prefecture", "37"],
    ["65", "新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region", "province", null],
    ["6590", "新疆维吾尔自治区直辖县级行政区划", "Xinjiang Uygur Autonomous Region (directly administered)", "prefecture", "65"],
    ["659003", "图木舒克市", "Tumxuk", "county", "6590"],
    ["15", "内蒙古自治区", "Inner Mongolia Autonomous Region", "province", null],
  ])("has %s %s as %s", (code, nameZh, nameEn, level, parentCode) => {
    expect(region(code)).toMatchObject({ code, nameZh, nameEn, level, parentCode });
  });

  it("names the placeholder prefectures after their province", () => {
    expect(region("1101")).toMatchObject({ nameZh: "北京市市辖区", nameEn: "Beijing (districts)", parentCode: "11" });
    expect(region("5002")).toMatchObject({ nameZh: "重庆市辖县", nameEn: "Chongqing (counties)", parentCode: "50" });
    expect(region("4290")).toMatchObject({ nameZh: "湖北省直辖县级行政区划", nameEn: "Hubei Province (directly administered)" });
    expect(region("110101").path).toEqual(["11", "1101", "110101"]);
  });

  it("starts every path with a province and ends it with the region itself", () => {
    for (const row of regions) {
      const [first] = row.path;
      expect(first === undefined ? undefined : region(first).level, row.code).toBe("province");
      expect(row.path.at(-1), row.code).toBe(row.code);
      expect(row.path.at(-2) ?? null, row.code).toBe(row.parentCode);
    }
  });

  it("has unique codes, existing parents and levels that match the code length", () => {
    expect(byCode.size).toBe(regions.length);
    const levelByLength: Record<number, RegionRow["level"]> = { 2: "province", 4: "prefecture", 6: "county" };
    for (const row of regions) {
      expect(row.level, row.code).toBe(levelByLength[row.code.length]);
      if (row.parentCode !== null) {
        expect(byCode.has(row.parentCode), row.code).toBe(true);
        expect(row.code.startsWith(row.parentCode), row.code).toBe(true);
      }
    }
  });

  it("lists parents before their children", () => {
    const seen = new Set<string>();
    for (const row of regions) {
      if (row.parentCode !== null) expect(seen.has(row.parentCode), row.code).toBe(true);
      seen.add(row.code);
    }
  });

  it("gives every region an English name in Latin letters", () => {
    for (const row of regions) expect(row.nameEn, row.nameZh).toMatch(/^[A-Z][A-Za-zü' (),-]*$/);
  });

  it("hangs a county whose prefecture is missing directly under its province", () => {
    const rows = buildRegions({
      provinces: [{ code: "53", name: "云南省" }],
      cities: [{ code: "5329", name: "大理白族自治州", provinceCode: "53" }],
      areas: [
        { code: "532923", name: "祥云县", cityCode: "5329", provinceCode: "53" },
        { code: "530102", name: "五华区", cityCode: "5301", provinceCode: "53" },
      ],
    });
    expect(rows.find((row) => row.code === "530102")).toMatchObject({ level: "county", parentCode: "53", path: ["53", "530102"] });
  });

  it("refuses duplicate codes, missing provinces and codes outside their parent", () => {
    const provinces = [{ code: "53", name: "云南省" }];
    expect(() => buildRegions({ provinces: [...provinces, ...provinces], cities: [], areas: [] })).toThrow(/duplicate region code 53/);
    expect(() => buildRegions({ provinces, cities: [{ code: "4502", name: "柳州市", provinceCode: "45" }], areas: [] })).toThrow(/no province 45/);
    expect(() =>
      buildRegions({ provinces, cities: [], areas: [{ code: "450203", name: "鱼峰区", cityCode: "4502", provinceCode: "45" }] }),
    ).toThrow(/neither prefecture 4502 nor province 45/);
    expect(() =>
      buildRegions({ provinces, cities: [], areas: [{ code: "450203", name: "鱼峰区", cityCode: "5329", provinceCode: "53" }] }),
    ).toThrow(/does not start with its parent's code 53/);
  });

  it("covers the whole country", () => {
    expect(regions.length).toBeGreaterThan(3000);
    expect(regions.filter((row) => row.level === "province")).toHaveLength(31);
  });
});
