// The degraded-mode search of needs, answered by PostgreSQL while Meilisearch is unreachable:
// substring matching on title, story and skills instead of segmentation and synonyms, with the
// same filters, facets and drill-down, so the page still works and says it is degraded.
import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { regions } from "../../../db/schema/regions";
import { CASE_TIERS } from "../cases/case-vocabulary";
import { NEED_CATEGORIES } from "../needs/need-category";
import { fromRow, isPublic, present, publicNeedQuery } from "../needs/public-needs.server";
import type { RegionDirectory } from "../regions/region-directory.server";
import type { NeedSearch } from "./search-query";
import { effectiveSort } from "./search-link";
import type { NeedSearchResult } from "./search-result";
import { childRegionField, resultPage } from "./region-facets";

/** `%` and `_` typed by a visitor are text, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(query: NeedSearch, except?: "category" | "urgency" | "money"): SQL[] {
  const out: (SQL | undefined)[] = [isPublic];
  if (query.q) {
    const words = query.q.split(/\s+/).filter(Boolean);
    for (const word of words) {
      const pattern = likePattern(word);
      out.push(or(ilike(needs.title, pattern), ilike(needs.story, pattern), sql`array_to_string(${needs.skills}, ' ') ilike ${pattern}`));
    }
  }
  if (except !== "category" && query.category.length) out.push(inArray(needs.category, query.category));
  if (except !== "urgency" && query.urgency.length) out.push(inArray(cases.tier, query.urgency));
  if (except !== "money" && query.money) out.push(query.money === "yes" ? isNotNull(needs.targetAmount) : isNull(needs.targetAmount));
  if (query.region) out.push(sql`${regions.path} @> array[${query.region}]::text[]`);
  return out.filter((c): c is SQL => c !== undefined);
}

function countBy(db: Database, column: SQL | typeof needs.category | typeof cases.tier, where: SQL[]) {
  return db
    .select({ value: sql<string | null>`${column}::text`, n: count() })
    .from(needs)
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .innerJoin(regions, eq(regions.code, needs.regionCode))
    .where(and(...where))
    .groupBy(sql`1`);
}

/** Needs search answered by PostgreSQL. */
export async function searchNeedsInDatabase(db: Database, query: NeedSearch, directory: RegionDirectory): Promise<NeedSearchResult> {
  const sort = effectiveSort(query);
  const where = and(...conditions(query));
  // The severity order of tiers is not alphabetical: rank by position in CASE_TIERS.
  const tierRank = sql`array_position(array[${sql.raw(CASE_TIERS.map((t) => `'${t}'`).join(", "))}]::text[], ${cases.tier})`;
  // As in the engine, the goal sort puts needs without a target after those with one.
  const order =
    sort === "urgent"
      ? [desc(tierRank), desc(needs.publishedAt)]
      : sort === "goal"
        ? [sql`${needs.targetAmount} asc nulls last`, desc(tierRank), desc(needs.publishedAt), desc(needs.id)]
        : [desc(needs.publishedAt), desc(needs.id)];
  const childField = childRegionField(query.region);
  const childColumn =
    childField === "provinceCode" ? sql`${regions.path}[1]` : childField === "prefectureCode" ? sql`${regions.path}[2]` : childField === "regionCode" ? sql`${needs.regionCode}` : null;

  const [rows, totals, categories, urgencies, money, children] = await Promise.all([
    publicNeedQuery(db)
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(needs).innerJoin(cases, eq(cases.id, needs.caseId)).innerJoin(regions, eq(regions.code, needs.regionCode)).where(where),
    countBy(db, sql`${needs.category}`, conditions(query, "category")),
    countBy(db, sql`${cases.tier}`, conditions(query, "urgency")),
    countBy(db, sql`(${needs.targetAmount} is not null)`, conditions(query, "money")),
    childColumn ? countBy(db, childColumn, conditions(query)) : Promise.resolve([]),
  ]);
  const total = totals[0]?.n ?? 0;
  const asRecord = (list: { value: string | null; n: number }[]) => Object.fromEntries(list.flatMap((r) => (r.value === null ? [] : [[r.value, r.n]])));
  const moneyCounts = asRecord(money);
  return {
    items: rows.map(fromRow).filter(present),
    ...resultPage(directory, query, total, sort, childColumn ? asRecord(children) : undefined),
    facets: {
      category: NEED_CATEGORIES.map((value) => ({ value, count: asRecord(categories)[value] ?? 0 })),
      urgency: CASE_TIERS.map((value) => ({ value, count: asRecord(urgencies)[value] ?? 0 })),
      money: [
        { value: "yes", count: moneyCounts.true ?? 0 },
        { value: "no", count: moneyCounts.false ?? 0 },
      ],
    },
    degraded: true,
  };
}
