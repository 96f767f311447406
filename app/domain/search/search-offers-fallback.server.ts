// The degraded-mode search of offers, answered by PostgreSQL while Meilisearch is unreachable:
// substring matching instead of segmentation and synonyms, with the same filters, facets, sorts
// and drill-down as the engine, so the page still works and says it is degraded.
import { and, asc, count, desc, eq, ilike, inArray, not, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { regions } from "../../../db/schema/regions";
import { NEED_CATEGORIES } from "../needs/need-category";
import { POLICY_RANK } from "../offers/public-offer";
import { isListed, publicOfferQuery, toPublicOffers } from "../offers/public-offers.server";
import { ORGANISATION_KINDS } from "../organisations/organisation-vocabulary";
import type { RegionDirectory } from "../regions/region-directory.server";
import { resultPage } from "./region-facets";
import { childOfferRegionField, offerRegionCounts } from "./search-offers-regions";
import type { OfferSearch } from "./search-query";
import { effectiveSort } from "./search-link";
import type { OfferSearchResult } from "./search-result";
import { regionAncestry } from "./search-result";

/** `%` and `_` typed by a visitor are text, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const textArray = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/** True when the offer covers one of these regions itself. */
const coversAnyOf = (codes: string[]) => sql`${offers.regionCodes} && ${textArray(codes)}`;

function conditions(query: OfferSearch, except?: "category" | "kind"): SQL[] {
  const out: (SQL | undefined)[] = [isListed];
  for (const word of query.q.split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(word);
    // The engine also searches the names of covered regions ("大理" finds offers for Dali).
    const regionName = sql`exists (select 1 from ${regions} r where r.code = any(${offers.regionCodes}) and (r.name_zh ilike ${pattern} or r.name_en ilike ${pattern}))`;
    out.push(
      or(ilike(offers.title, pattern), ilike(offers.description, pattern), ilike(organisations.name, pattern), sql`array_to_string(${offers.skills}, ' ') ilike ${pattern}`, regionName),
    );
  }
  if (except !== "category" && query.category.length) out.push(inArray(offers.category, query.category));
  if (except !== "kind" && query.kind.length) out.push(inArray(organisations.kind, query.kind));
  if (query.region) {
    const inside = sql`exists (select 1 from ${regions} r where r.code = any(${offers.regionCodes}) and ${query.region} = any(r.path))`;
    out.push(or(inside, coversAnyOf(regionAncestry(query.region))));
  }
  return out.filter((c): c is SQL => c !== undefined);
}

function countBy(db: Database, column: SQL, where: SQL[]) {
  return db
    .select({ value: sql<string | null>`${column}::text`, n: count() })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(and(...where))
    .groupBy(sql`1`);
}

/** Per child region (codes of `digits` length on the covered regions' paths), how many offers. */
function countByChildRegion(db: Database, digits: number, where: SQL[]) {
  const childCodes = sql`array(select distinct p from ${regions} r cross join unnest(r.path) p where r.code = any(${offers.regionCodes}) and length(p) = ${digits})`;
  const perOffer = db
    .select({ code: sql<string>`unnest(${childCodes})`.as("code") })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(and(...where))
    .as("child_regions");
  return db.select({ value: perOffer.code, n: count() }).from(perOffer).groupBy(perOffer.code);
}

function totalOf(db: Database, where: SQL[]) {
  return db.select({ n: count() }).from(offers).innerJoin(organisations, eq(organisations.id, offers.organisationId)).where(and(...where));
}

const policyRank = sql`case ${organisations.kind} ${sql.join(
  Object.entries(POLICY_RANK).map(([kind, rank]) => sql`when ${kind} then ${rank}::int`),
  sql` `,
)} else 0 end`;
// The engine's updatedMonth: ties within a month fall to policy rank, as in the index.
const updatedMonth = sql`date_trunc('month', ${offers.updatedAt} at time zone 'UTC')`;

/** Offers search answered by PostgreSQL. */
export async function searchOffersInDatabase(db: Database, query: OfferSearch, directory: RegionDirectory): Promise<OfferSearchResult> {
  const sort = effectiveSort(query);
  const where = conditions(query);
  const tail = [desc(policyRank), desc(updatedMonth), desc(offers.updatedAt), asc(offers.id)];
  // Without relevance to rank by, "relevance" is policy first, then the newest.
  const order =
    sort === "capacity"
      ? [desc(offers.remainingCapacity), ...tail]
      : sort === "closing"
        ? [sql`${offers.validUntil} asc nulls last`, ...tail]
        : sort === "newest"
          ? [desc(updatedMonth), ...tail]
          : tail;
  const childField = childOfferRegionField(query.region);
  const childDigits = childField === "provinceCodes" ? 2 : childField === "prefectureCodes" ? 4 : 6;
  const around = query.region ? regionAncestry(query.region) : [];

  const [rows, totals, categories, kinds, children, wide] = await Promise.all([
    publicOfferQuery(db)
      .where(and(...where))
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    totalOf(db, where),
    countBy(db, sql`${offers.category}`, conditions(query, "category")),
    countBy(db, sql`${organisations.kind}`, conditions(query, "kind")),
    childField ? countByChildRegion(db, childDigits, around.length ? [...where, not(coversAnyOf(around))] : where) : Promise.resolve([]),
    around.length ? totalOf(db, [...where, coversAnyOf(around)]) : Promise.resolve([]),
  ]);
  const total = totals[0]?.n ?? 0;
  const asRecord = (list: { value: string | null; n: number }[]) => Object.fromEntries(list.flatMap((r) => (r.value === null ? [] : [[r.value, r.n]])));
  const childCounts = childField ? offerRegionCounts(directory, query.region, asRecord(children), wide[0]?.n ?? 0) : undefined;
  return {
    items: await toPublicOffers(db, rows),
    ...resultPage(directory, query, total, sort, childCounts),
    facets: {
      category: NEED_CATEGORIES.map((value) => ({ value, count: asRecord(categories)[value] ?? 0 })),
      kind: ORGANISATION_KINDS.map((value) => ({ value, count: asRecord(kinds)[value] ?? 0 })),
    },
    degraded: true,
  };
}
