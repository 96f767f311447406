// The region drill-down of an offers search, shared by the engine and the PostgreSQL fallback.
import type { RegionDirectory } from "../regions/region-directory.server";

/** The offer field holding the next region level inside the selected one (null below counties). */
export function childOfferRegionField(region: string | undefined): "provinceCodes" | "prefectureCodes" | "countyCodes" | null {
  if (!region) return "provinceCodes";
  if (region.length === 2) return "prefectureCodes";
  if (region.length === 4) return "countyCodes";
  return null;
}

/**
 * Drill-down counts that match what choosing a child region will show. An offer covering the
 * selection or a region around it ("wide") is available in every child, yet carries no code of
 * the child level (an offer for 53 has no prefecture code), so it is added to every child; the
 * others ("narrow") count where their own codes are.
 */
export function offerRegionCounts(
  directory: RegionDirectory,
  region: string | undefined,
  narrowCounts: Record<string, number> | undefined,
  wide: number,
): Record<string, number> {
  if (!region) return narrowCounts ?? {};
  return Object.fromEntries(directory.children(region).map(({ code }) => [code, (narrowCounts?.[code] ?? 0) + wide]));
}
