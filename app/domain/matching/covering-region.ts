// Which of an offer's regions covers a need's county: the most specific one, which is what the
// reason names (覆盖祥云县 rather than 覆盖云南省 when the offer lists both). Pure.
import type { RegionName } from "./score-suggestion";

/** The longest of `codes` that is a prefix of `regionCode`, with its names; the county itself if none (not reached after the hard rules). */
export function coveringRegion(codes: readonly string[], regionCode: string, names: { get(code: string): { nameZh: string; nameEn: string } | undefined }): RegionName {
  const code = codes.filter((c) => regionCode.startsWith(c)).sort((a, b) => b.length - a.length)[0] ?? regionCode;
  const entry = names.get(code);
  return { code, zh: entry?.nameZh ?? code, en: entry?.nameEn ?? code };
}
