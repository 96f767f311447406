// The GB/T 2260 regions, read once per database and kept in memory: they change only with a
// migration, and search pages name regions on every request.
import type { Database } from "../../../db/client.server";
import { regions } from "../../../db/schema/regions";

export interface RegionEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  level: "province" | "prefecture" | "county";
  parentCode: string | null;
}

export interface RegionDirectory {
  get(code: string): RegionEntry | undefined;
  children(parentCode: string | null): RegionEntry[];
  /** The region and its ancestors, province first; unknown codes are skipped. */
  trail(code: string | undefined): RegionEntry[];
}

const loaded = new WeakMap<Database, Promise<RegionDirectory>>();

/** The region directory of this database, loaded on first use. */
export function getRegionDirectory(db: Database): Promise<RegionDirectory> {
  let directory = loaded.get(db);
  if (!directory) {
    directory = load(db);
    loaded.set(db, directory);
    directory.catch(() => loaded.delete(db));
  }
  return directory;
}

async function load(db: Database): Promise<RegionDirectory> {
  const rows = await db
    .select({ code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .orderBy(regions.code);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const byParent = new Map<string | null, RegionEntry[]>();
  for (const row of rows) byParent.set(row.parentCode, [...(byParent.get(row.parentCode) ?? []), row]);
  return {
    get: (code) => byCode.get(code),
    children: (parentCode) => byParent.get(parentCode) ?? [],
    trail(code) {
      const out: RegionEntry[] = [];
      for (let entry = code ? byCode.get(code) : undefined; entry; entry = entry.parentCode ? byCode.get(entry.parentCode) : undefined) out.unshift(entry);
      return out;
    },
  };
}
