// English names of Chinese administrative divisions.
//
// Convention (one style everywhere):
// - The place name is toneless pinyin, syllables joined, first letter capitalised, with the pinyin
//   apostrophe before a syllable starting a/o/e ("Xi'an", "Lu'an") and ü kept ("Lüchun").
//   Established non-pinyin names win (ESTABLISHED_NAMES: Urumqi, Kashgar, Hohhot, Lhasa, Tibet,
//   Shaanxi …), and known pinyin-pro misreadings are corrected (PINYIN_FIXES: 单县 Shan, 六合 Lu…).
// - The administrative suffix is translated: 省 Province, 自治区 Autonomous Region, 自治州 Autonomous
//   Prefecture, 地区 Prefecture, 盟 League, 区 District, 县 County, 旗 Banner, 自治县 Autonomous
//   County, 新区 New Area, 矿区 Mining District …, except 市, which is dropped: a city is known
//   by its bare name ("Kunming", "Beijing", "Tumxuk").
// - Ethnic groups of autonomous areas come before the suffix, joined with "and":
//   红河哈尼族彝族自治州 → "Honghe Hani and Yi Autonomous Prefecture".
// So: "Yunnan Province", "Guangxi Zhuang Autonomous Region", "Inner Mongolia Autonomous Region",
// "Dali Bai Autonomous Prefecture", "Kunming", "Wuhua District", "Xiangyun County".
import { pinyin } from "pinyin-pro";
import { ESTABLISHED_NAMES, ETHNIC_GROUPS, NAMES_BY_CODE, PINYIN_FIXES } from "./english-name-data";

export interface RegionNameSuffix {
  zh: string;
  en: string;
  /** Shortest base the suffix may leave: 清新区 is Qingxin District, not "Qing New Area". */
  minBase: number;
  /** The base may name several places ("河北唐山芦台经济开发区"): romanise word by word. */
  isCompound?: boolean;
  isAutonomous?: boolean;
}

const SUFFIXES: readonly RegionNameSuffix[] = [
  { zh: "自治区", en: "Autonomous Region", minBase: 0, isAutonomous: true },
  { zh: "自治州", en: "Autonomous Prefecture", minBase: 0, isAutonomous: true },
  { zh: "自治县", en: "Autonomous County", minBase: 0, isAutonomous: true },
  { zh: "自治旗", en: "Autonomous Banner", minBase: 0, isAutonomous: true },
  { zh: "高新技术产业开发区", en: "High-tech Industrial Development Zone", minBase: 2, isCompound: true },
  { zh: "高新技术产业园区", en: "High-tech Industrial Park", minBase: 2, isCompound: true },
  { zh: "高新技术开发区", en: "High-tech Development Zone", minBase: 2, isCompound: true },
  { zh: "经济技术开发区", en: "Economic and Technological Development Zone", minBase: 2, isCompound: true },
  { zh: "经济开发区", en: "Economic Development Zone", minBase: 2, isCompound: true },
  { zh: "开发区", en: "Development Zone", minBase: 2, isCompound: true },
  { zh: "现代产业园区", en: "Modern Industrial Park", minBase: 2, isCompound: true },
  { zh: "工业园区", en: "Industrial Park", minBase: 2, isCompound: true },
  { zh: "城乡一体化示范区", en: "Urban-Rural Integration Demonstration Zone", minBase: 2, isCompound: true },
  { zh: "示范区", en: "Demonstration Zone", minBase: 2, isCompound: true },
  { zh: "管理区", en: "Administrative Area", minBase: 2, isCompound: true },
  { zh: "风景名胜区", en: "Scenic Area", minBase: 2, isCompound: true },
  { zh: "新区", en: "New Area", minBase: 2, isCompound: true },
  { zh: "新城", en: "New Town", minBase: 2, isCompound: true },
  { zh: "群岛", en: "Islands", minBase: 2 },
  { zh: "矿区", en: "Mining District", minBase: 2 },
  { zh: "特区", en: "Special District", minBase: 2 },
  { zh: "地区", en: "Prefecture", minBase: 2 },
  { zh: "左翼前旗", en: "Left Front Banner", minBase: 2 },
  { zh: "左翼中旗", en: "Left Middle Banner", minBase: 2 },
  { zh: "左翼后旗", en: "Left Rear Banner", minBase: 2 },
  { zh: "右翼前旗", en: "Right Front Banner", minBase: 2 },
  { zh: "右翼中旗", en: "Right Middle Banner", minBase: 2 },
  { zh: "右翼后旗", en: "Right Rear Banner", minBase: 2 },
  { zh: "联合旗", en: "United Banner", minBase: 2 },
  { zh: "左旗", en: "Left Banner", minBase: 2 },
  { zh: "右旗", en: "Right Banner", minBase: 2 },
  { zh: "前旗", en: "Front Banner", minBase: 2 },
  { zh: "中旗", en: "Middle Banner", minBase: 2 },
  { zh: "后旗", en: "Rear Banner", minBase: 2 },
  { zh: "旗", en: "Banner", minBase: 1 },
  { zh: "省", en: "Province", minBase: 1 },
  { zh: "盟", en: "League", minBase: 1 },
  { zh: "区", en: "District", minBase: 1 },
  { zh: "县", en: "County", minBase: 1 },
  { zh: "市", en: "", minBase: 1 },
];

const ETHNIC_NAMES = Object.keys(ETHNIC_GROUPS).sort((a, b) => b.length - a.length);
const FIXES = Object.keys(PINYIN_FIXES).sort((a, b) => b.length - a.length);

export interface EnglishNameOptions {
  /** The region's code, for the few names given whole in NAMES_BY_CODE. */
  code?: string;
  /** Chinese place names (without suffix) that may start a word inside a compound name. */
  placeWords?: ReadonlySet<string>;
}

/** The English name of a region from its Chinese name, by the convention above. */
export function englishRegionName(nameZh: string, options: EnglishNameOptions = {}): string {
  const whole = options.code === undefined ? undefined : NAMES_BY_CODE[options.code];
  if (whole !== undefined) return whole;

  const { base, ethnicGroups, suffix } = splitRegionName(nameZh);
  const words: string[] = [];
  if (base) {
    words.push(suffix?.isCompound ? romaniseCompound(base, options.placeWords ?? new Set()) : romanisePlace(base));
  }
  if (ethnicGroups.length > 0) words.push(joinWithAnd(ethnicGroups));
  if (suffix?.en) words.push(suffix.en);
  return words.join(" ");
}

/** A name split into place name, ethnic groups (in English) and administrative suffix. */
export function splitRegionName(nameZh: string): { base: string; ethnicGroups: string[]; suffix: RegionNameSuffix | null } {
  for (const suffix of SUFFIXES) {
    if (!nameZh.endsWith(suffix.zh)) continue;
    let base = nameZh.slice(0, -suffix.zh.length);
    const ethnicGroups: string[] = [];
    // 梅里斯达斡尔族区 is an ethnic district without 自治.
    if (suffix.isAutonomous || base.endsWith("族")) {
      for (let group = trailingEthnicGroup(base); group; group = trailingEthnicGroup(base)) {
        const english = ETHNIC_GROUPS[group];
        if (english !== undefined && !ethnicGroups.includes(english)) ethnicGroups.unshift(english);
        base = base.slice(0, -group.length);
      }
      if (base.endsWith("族")) throw new Error(`unknown ethnic group in region name ${nameZh}`);
    }
    if (suffix.isAutonomous ? !base && ethnicGroups.length === 0 : base.length < suffix.minBase) continue;
    return { base, ethnicGroups, suffix };
  }
  return { base: nameZh, ethnicGroups: [], suffix: null };
}

function trailingEthnicGroup(base: string): string | undefined {
  return ETHNIC_NAMES.find((group) => base.endsWith(group));
}

/** One place name: an established English name, or capitalised toneless pinyin. */
export function romanisePlace(zh: string): string {
  const established = ESTABLISHED_NAMES[zh];
  if (established !== undefined) return established;
  const syllables: string[] = [];
  let pending = "";
  const flush = () => {
    if (pending) syllables.push(...pinyin(pending, { type: "array", toneType: "none", toneSandhi: false }));
    pending = "";
  };
  for (let i = 0; i < zh.length; ) {
    const fix = FIXES.find((word) => zh.startsWith(word, i));
    if (fix === undefined) {
      pending += zh[i];
      i += 1;
      continue;
    }
    flush();
    syllables.push(...(PINYIN_FIXES[fix] ?? "").split(" "));
    i += fix.length;
  }
  flush();
  const joined = syllables
    .map((syllable, i) => (i > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable))
    .join("");
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** A zone named after several places ("河北唐山芦台"): each known place word becomes a word. */
function romaniseCompound(base: string, placeWords: ReadonlySet<string>): string {
  const known = [...placeWords, ...Object.keys(ESTABLISHED_NAMES)].filter((w) => w.length >= 2);
  known.sort((a, b) => b.length - a.length);
  const words: string[] = [];
  let pending = "";
  for (let i = 0; i < base.length; ) {
    const word = known.find((w) => base.startsWith(w, i));
    if (word === undefined) {
      pending += base[i];
      i += 1;
      continue;
    }
    if (pending) words.push(pending);
    pending = "";
    words.push(word);
    i += word.length;
    // "蚌埠市高新技术开发区": the 市 after a city name is not part of the next word.
    if (base[i] === "市") i += 1;
  }
  if (pending) words.push(pending);
  return words.map(romanisePlace).join(" ");
}

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
