// The public projection of a need (DESIGN §3): an allowlist built by one function, used by pages,
// the JSON API and the search index alike (the index adds only its sort and rank fields, in
// search/index-documents.ts). Nothing else about a need or its case leaves the server.
import type { AgeBand } from "../cases/age-band";
import { ageBand } from "../cases/age-band";
import type { CaseTier } from "../cases/case-vocabulary";
import type { NeedCategory } from "./need-category";

/** The columns a public need is built from. No identity column may ever be added here. */
export interface PublicNeedSource {
  ref: string;
  version: number;
  category: NeedCategory;
  title: string;
  story: string;
  skills: string[];
  status: "published" | "matched";
  targetAmount: string | null;
  publishedAt: Date;
  updatedAt: Date;
  caseBirthYear: number;
  caseTier: CaseTier;
  region: { code: string; path: string[]; nameZh: string; nameEn: string };
}

export type Urgency = CaseTier;

export interface PublicNeed {
  ref: string;
  /** Moves with every public change; lets the index be compared with the database. */
  version: number;
  category: NeedCategory;
  title: string;
  story: string;
  skills: string[];
  status: "published" | "matched";
  /** County code, its ancestors (province, prefecture, county) and names. */
  regionCode: string;
  regionPath: string[];
  /** The levels of regionPath by name, for drill-down facets. */
  provinceCode: string;
  prefectureCode: string | null;
  regionName: { zh: string; en: string };
  ageBand: AgeBand;
  urgency: Urgency;
  /** Exact amount in yuan as text ("3000.00"), or null when the need is not for money. */
  targetAmount: string | null;
  hasTargetAmount: boolean;
  /** Dates by month only: "2026-11". */
  publishedMonth: string;
  updatedMonth: string;
}

/**
 * Every key a public need has: what pages, the API (and its OpenAPI document) and search hits
 * carry. The index document adds its sort and rank fields to these (search/index-documents.ts).
 */
export const PUBLIC_NEED_FIELDS = [
  "ref",
  "version",
  "category",
  "title",
  "story",
  "skills",
  "status",
  "regionCode",
  "regionPath",
  "provinceCode",
  "prefectureCode",
  "regionName",
  "ageBand",
  "urgency",
  "targetAmount",
  "hasTargetAmount",
  "publishedMonth",
  "updatedMonth",
] as const satisfies readonly (keyof PublicNeed)[];

const month = (date: Date) => date.toISOString().slice(0, 7);

/** Builds the public projection from allowlisted source columns. */
export function toPublicNeed(source: PublicNeedSource, today: Date = new Date()): PublicNeed {
  return {
    ref: source.ref,
    version: source.version,
    category: source.category,
    title: source.title,
    story: source.story,
    skills: [...source.skills],
    status: source.status,
    regionCode: source.region.code,
    regionPath: [...source.region.path],
    provinceCode: source.region.path[0] ?? source.region.code,
    prefectureCode: source.region.path.length > 2 ? (source.region.path[1] ?? null) : null,
    regionName: { zh: source.region.nameZh, en: source.region.nameEn },
    ageBand: ageBand(source.caseBirthYear, today),
    urgency: source.caseTier,
    targetAmount: source.targetAmount,
    hasTargetAmount: source.targetAmount !== null,
    publishedMonth: month(source.publishedAt),
    updatedMonth: month(source.updatedAt),
  };
}
