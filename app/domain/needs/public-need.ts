// The public projection of a need (DESIGN §3): an allowlist built by one function, used by pages,
// the JSON API and the search index alike. Nothing else about a need or its case leaves the server.
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
const URGENCY_RANK: Record<Urgency, number> = { general: 1, sudden: 2, severe: 3 };

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
  urgencyRank: number;
  /** Exact amount in yuan as text ("3000.00"), or null when the need is not for money. */
  targetAmount: string | null;
  hasTargetAmount: boolean;
  /**
   * The amount still to raise as fixed-width text ("0000000003000.00"), so the search engine can
   * sort "closest to its goal" without the amount ever becoming a float. Null without a target.
   */
  goalSortKey: string | null;
  /** Dates by month only: "2026-11". */
  publishedMonth: string;
  updatedMonth: string;
}

/** Every key a public need may have: the test of the search index settings reads this list. */
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
  "urgencyRank",
  "targetAmount",
  "hasTargetAmount",
  "goalSortKey",
  "publishedMonth",
  "updatedMonth",
] as const satisfies readonly (keyof PublicNeed)[];

const month = (date: Date) => date.toISOString().slice(0, 7);

/** "3000.00" → "0000000003000.00": numeric(18,2) fits in 16 integer digits. */
export function amountSortKey(amount: string): string {
  const [whole = "0", cents = "00"] = amount.split(".");
  return `${whole.padStart(16, "0")}.${cents.padEnd(2, "0")}`;
}

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
    urgencyRank: URGENCY_RANK[source.caseTier],
    targetAmount: source.targetAmount,
    hasTargetAmount: source.targetAmount !== null,
    // Until the ledger records what was raised, what is left to raise is the whole target.
    goalSortKey: source.targetAmount === null ? null : amountSortKey(source.targetAmount),
    publishedMonth: month(source.publishedAt),
    updatedMonth: month(source.updatedAt),
  };
}
