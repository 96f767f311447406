// The counties a member of staff may register a household in: those within their region, grouped
// by prefecture for a province union (a plain <select> with optgroups works without JavaScript).
// Cases are registered at county level only (DESIGN §3: the public sees the county, nothing finer).
import type { Locale } from "../../i18n/config";
import type { RegionDirectory, RegionEntry } from "../regions/region-directory.server";

export interface CountyChoice {
  code: string;
  name: string;
}

export interface CountyGroup {
  /** The prefecture's name; null when the scope is a single prefecture or county. */
  label: string | null;
  counties: CountyChoice[];
}

const label = (entry: RegionEntry, locale: Locale) => (locale === "en" && entry.nameEn ? entry.nameEn : entry.nameZh);
const choice = (entry: RegionEntry, locale: Locale): CountyChoice => ({ code: entry.code, name: label(entry, locale) });

/** The counties within `scope` (a region code), for the registration form. */
export function countyChoicesIn(directory: RegionDirectory, scope: string, locale: Locale): CountyGroup[] {
  const region = directory.get(scope);
  if (!region) return [];
  if (region.level === "county") return [{ label: null, counties: [choice(region, locale)] }];
  if (region.level === "prefecture") return [{ label: null, counties: directory.children(region.code).map((c) => choice(c, locale)) }];
  return directory
    .children(region.code)
    .map((prefecture) => ({ label: label(prefecture, locale), counties: directory.children(prefecture.code).map((c) => choice(c, locale)) }))
    .filter((group) => group.counties.length > 0);
}
