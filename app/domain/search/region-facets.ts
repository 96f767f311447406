import type { RegionDirectory } from "../regions/region-directory.server";
import type { RegionOption } from "./search-result";

/** The need field holding the next region level inside the selected one (null below counties). */
export function childRegionField(region: string | undefined): "provinceCode" | "prefectureCode" | "regionCode" | null {
  if (!region) return "provinceCode";
  if (region.length === 2) return "prefectureCode";
  if (region.length === 4) return "regionCode";
  return null;
}

/** The regions one level below the selection that hold at least one result, largest first. */
export function regionChildren(directory: RegionDirectory, region: string | undefined, counts: Record<string, number> | undefined): RegionOption[] {
  if (!counts) return [];
  return directory
    .children(region ?? null)
    .map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn, count: counts[code] ?? 0 }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** The fields every page of search results has, whichever index or fallback answered. */
export function resultPage<S>(directory: RegionDirectory, query: { region?: string; page: number; pageSize: number }, total: number, sort: S, childCounts: Record<string, number> | undefined) {
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    totalPages: Math.max(1, Math.ceil(total / query.pageSize)),
    sort,
    regionTrail: directory.trail(query.region).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
    regionChildren: regionChildren(directory, query.region, childCounts),
  };
}
