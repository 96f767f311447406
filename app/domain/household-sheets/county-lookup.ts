// The county a sheet's cell names, by code or by name (Chinese or English, with or without 县),
// looked up in the actor's region first. Pure over a region directory.
import type { RegionDirectory, RegionEntry } from "../regions/region-directory.server";
import { countyNameKeys, readCounty } from "./sheet-values";

export type CountyLookup =
  | { ok: true; code: string }
  | { ok: false; key: "householdImport:errors.countyMissing" | "householdImport:errors.countyUnknown" | "householdImport:errors.countyAmbiguous"; values?: Record<string, string> };

/** A lookup for staff whose scope is `scope` (a region code of 2, 4 or 6 digits). */
export function createCountyLookup(directory: RegionDirectory, scope: string): (cell: string | undefined) => CountyLookup {
  const inScope = indexByName(countiesBelow(directory, scope));
  let everywhere: Map<string, string[]> | null = null;
  return (cell) => {
    const read = readCounty(cell ?? "");
    // A county union's own staff need not say which county: there is only one.
    if (!read) return scope.length === 6 ? { ok: true, code: scope } : { ok: false, key: "householdImport:errors.countyMissing" };
    // A code is passed on as it is: the importer says whether it exists and lies in the region.
    if ("code" in read) return { ok: true, code: read.code };
    const keys = countyNameKeys(read.name);
    const found = firstFound(inScope, keys);
    if (found.length === 1 && found[0]) return { ok: true, code: found[0] };
    if (found.length > 1) return { ok: false, key: "householdImport:errors.countyAmbiguous", values: { name: read.name } };
    // A county elsewhere: its code lets the importer name the rule ("outside your union's region").
    everywhere ??= indexByName(countiesBelow(directory, ""));
    const elsewhere = firstFound(everywhere, keys);
    if (elsewhere[0]) return { ok: true, code: elsewhere[0] };
    return { ok: false, key: "householdImport:errors.countyUnknown", values: { name: read.name } };
  };
}

function countiesBelow(directory: RegionDirectory, scope: string): RegionEntry[] {
  const start = scope ? [directory.get(scope)].filter((r) => r !== undefined) : directory.children(null);
  const out: RegionEntry[] = [];
  const queue = [...start];
  for (let region = queue.shift(); region; region = queue.shift()) {
    if (region.level === "county") out.push(region);
    else queue.push(...directory.children(region.code));
  }
  return out;
}

function indexByName(counties: readonly RegionEntry[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const county of counties) {
    for (const key of unique([...countyNameKeys(county.nameZh), ...(county.nameEn ? countyNameKeys(county.nameEn) : [])])) {
      index.set(key, [...(index.get(key) ?? []), county.code]);
    }
  }
  return index;
}

/** Codes under the first key that has any: the name as written before the name without 县. */
function firstFound(index: Map<string, string[]>, keys: readonly string[]): string[] {
  for (const key of keys) {
    const codes = index.get(key);
    if (codes?.length) return unique(codes);
  }
  return [];
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
