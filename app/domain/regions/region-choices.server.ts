// Regions as forms and pages name them: the provinces, one province's prefectures with their
// counties (for a <select> that works without JavaScript), and a region's trail, in the page's
// language. Built from the in-memory region directory, so no query per request.
import type { Locale } from "../../i18n/config";
import type { RegionDirectory, RegionEntry } from "./region-directory.server";

export interface RegionChoice {
  code: string;
  name: string;
}

export interface PrefectureChoice extends RegionChoice {
  counties: RegionChoice[];
}

/** The name in the page's language; the Chinese one when no English name is known. */
export function regionLabel(entry: RegionEntry, locale: Locale): string {
  return locale === "en" && entry.nameEn ? entry.nameEn : entry.nameZh;
}

const choice = (entry: RegionEntry, locale: Locale): RegionChoice => ({ code: entry.code, name: regionLabel(entry, locale) });

export function provinceChoices(directory: RegionDirectory, locale: Locale): RegionChoice[] {
  return directory.children(null).map((entry) => choice(entry, locale));
}

/** A province and everything below it, or null when `code` is not a province. */
export function regionChoicesIn(directory: RegionDirectory, code: string | null, locale: Locale): { province: RegionChoice; prefectures: PrefectureChoice[] } | null {
  const province = code ? directory.get(code) : undefined;
  if (province?.level !== "province") return null;
  return {
    province: choice(province, locale),
    prefectures: directory.children(province.code).map((prefecture) => ({
      ...choice(prefecture, locale),
      counties: directory.children(prefecture.code).map((county) => choice(county, locale)),
    })),
  };
}

/** "云南省 › 大理白族自治州 › 祥云县", or the code itself when it is unknown. */
export function regionTrailLabel(directory: RegionDirectory, code: string, locale: Locale): string {
  const trail = directory.trail(code);
  return trail.length ? trail.map((entry) => regionLabel(entry, locale)).join(" › ") : code;
}
