// The public impact figures: what the site's work adds up to, for everyone, with no household
// singled out. SQL aggregates by stored region (the same statements on PostgreSQL and PGlite), then
// rolled up and suppressed for every region together (public-impact-table.server.ts), and the
// figures of the region asked for. Only counts and sums leave: never a name, an id or a row.
// Figures cover all time; "helped" is a household with a need or a match of theirs fulfilled.
import { eq, isNotNull, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import type { HardshipCause } from "../cases/case-vocabulary";
import { invalid } from "../errors/domain-error";
import type { FundSource } from "../ledger/ledger-vocabulary";
import { moneyFromDb } from "../money/money";
import type { RegionEntry } from "../regions/region-directory.server";
import { getRegionDirectory } from "../regions/region-directory.server";
import type { PublicFiguresCache } from "./public-figures-cache.server";
import { uncachedPublicFigures } from "./public-figures-cache.server";
import type { ImpactFigures, ImpactRows } from "./public-impact-table.server";
import { buildImpactTable } from "./public-impact-table.server";
import { ledgerMoneySource, readAtMark } from "./ledger-month-totals.server";
import type { PublicCount } from "./suppress-small-cells";

/** A region the public may ask for: a province (2 digits) or a prefecture (4); counties are too small. */
export const IMPACT_REGION_PATTERN = /^(\d{2}|\d{4})$/;

type RegionName = Pick<RegionEntry, "code" | "nameZh" | "nameEn">;

export interface PublicImpact {
  /** The region shown; null for the whole site. */
  region: (RegionName & { level: "province" | "prefecture" }) | null;
  /** The regions above it, province first. */
  trail: RegionName[];
  figures: ImpactFigures;
  /** When the figures were read: they are shared by visitors for up to a minute (public-figures-cache.server.ts). */
  asOf: Date;
  /** The regions one level below (provinces of the site, prefectures of a province) with their headline counts. */
  children: (RegionName & { registered: PublicCount; helped: PublicCount })[];
}

/**
 * The public figures of `region` ("" or undefined for the whole site), or null when no region has
 * that code; an invalid DomainError for a code that is not a province's or a prefecture's.
 */
export async function readPublicImpact(options: { db: Database; region?: string; figures?: PublicFiguresCache }): Promise<PublicImpact | null> {
  const { db } = options;
  const code = options.region ?? "";
  if (code !== "" && !IMPACT_REGION_PATTERN.test(code)) {
    throw invalid("A region is a province (2 digits) or a prefecture (4 digits) code: counties hold too few households to publish.", "invalidInput");
  }
  const directory = await getRegionDirectory(db);
  const entry = code ? directory.get(code) : undefined;
  if (code && !entry) return null;
  // Every region's figures come from one table of the whole site: one reading serves them all.
  const { value: table, asOf } = await (options.figures ?? uncachedPublicFigures).get("impact", async () => buildImpactTable(await readImpactRows(db)));
  const name = (c: string): RegionName => {
    const found = directory.get(c);
    return { code: c, nameZh: found?.nameZh ?? c, nameEn: found?.nameEn ?? c };
  };
  return {
    region: entry ? { ...name(code), level: code.length === 2 ? "province" : "prefecture" } : null,
    trail: code.length === 4 ? [name(code.slice(0, 2))] : [],
    figures: table.figuresOf(code),
    asOf,
    children: table.childrenOf(code).map((child) => {
      const figures = table.figuresOf(child);
      return { ...name(child), registered: figures.households.registered, helped: figures.households.helped };
    }),
  };
}

/** The counts and sums by stored region, read in one go (a handful of grouped statements). */
export async function readImpactRows(db: Database): Promise<ImpactRows> {
  // The households helped, once each, joined by hash: an `exists` per household cost enough for
  // PostgreSQL to compile it (JIT), which took longer than the count.
  const helpedCases = sql`(select ${needs.caseId} as case_id from ${needs} where ${needs.status} = 'fulfilled'
    union select ${needs.caseId} from ${matches} join ${needs} on ${needs.id} = ${matches.needId} where ${matches.status} = 'fulfilled') as helped`;
  const cause = sql<HardshipCause>`cause`;
  const isPublished = isNotNull(needs.publishedAt);
  const isFulfilled = eq(needs.status, "fulfilled");
  const countWhere = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  const householdsWhere = (condition: ReturnType<typeof sql>) => sql<number>`count(distinct ${needs.caseId}) filter (where ${condition})`.mapWith(Number);
  const published = sql`${isPublished}`;
  const fulfilled = sql`${isFulfilled}`;

  const [households, causes, needRows, needHouseholds, matchRows, matchHouseholds, money] = await Promise.all([
    db
      .select({ region: cases.regionCode, tier: cases.tier, households: sql<number>`count(*)`.mapWith(Number), helped: sql<number>`count(helped.case_id)`.mapWith(Number) })
      .from(cases)
      .leftJoin(helpedCases, sql`helped.case_id = ${cases.id}`)
      .groupBy(cases.regionCode, cases.tier),
    db
      .select({ region: sql<string>`${cases.regionCode}`, cause, households: sql<number>`count(distinct ${cases.id})`.mapWith(Number) })
      .from(sql`${cases} cross join lateral unnest(${cases.causes}) as cause`)
      .groupBy(sql`${cases.regionCode}`, cause),
    db
      .select({
        region: needs.regionCode,
        category: needs.category,
        published: countWhere(published),
        publishedHouseholds: householdsWhere(published),
        fulfilled: countWhere(fulfilled),
        fulfilledHouseholds: householdsWhere(fulfilled),
      })
      .from(needs)
      .where(or(isPublished, isFulfilled))
      .groupBy(needs.regionCode, needs.category),
    db
      .select({ region: needs.regionCode, published: householdsWhere(published), fulfilled: householdsWhere(fulfilled) })
      .from(needs)
      .where(or(isPublished, isFulfilled))
      .groupBy(needs.regionCode),
    db
      .select({ region: needs.regionCode, kind: organisations.kind, fulfilled: sql<number>`count(*)`.mapWith(Number), households: sql<number>`count(distinct ${needs.caseId})`.mapWith(Number) })
      .from(matches)
      .innerJoin(needs, eq(needs.id, matches.needId))
      .innerJoin(offers, eq(offers.id, matches.offerId))
      .innerJoin(organisations, eq(organisations.id, offers.organisationId))
      .where(eq(matches.status, "fulfilled"))
      .groupBy(needs.regionCode, organisations.kind),
    db
      .select({ region: needs.regionCode, households: sql<number>`count(distinct ${needs.caseId})`.mapWith(Number) })
      .from(matches)
      .innerJoin(needs, eq(needs.id, matches.needId))
      .where(eq(matches.status, "fulfilled"))
      .groupBy(needs.regionCode),
    // The ledger as /transparency counts it: received is the bank's side of receipts, allocated and
    // disbursed each transaction's debit side, every reversal counted against what it undoes.
    readAtMark(db, (tx, mark) =>
      tx
        .select({
          region: sql<string>`movements.union_region`,
          source: sql<FundSource | null>`movements.source`,
          received: sql<string>`coalesce(sum(movements.amount) filter (where movements.kind = 'receipt' and movements.account_kind = 'bank'), 0)::text`,
          allocated: sql<string>`coalesce(sum(movements.moved) filter (where movements.kind = 'allocation'), 0)::text`,
          disbursed: sql<string>`coalesce(sum(movements.moved) filter (where movements.kind = 'disbursement'), 0)::text`,
        })
        .from(ledgerMoneySource({ region: "", mark }))
        .groupBy(sql`movements.union_region`, sql`movements.source`),
    ),
  ]);
  return {
    households,
    causes,
    needs: needRows,
    needHouseholds,
    matches: matchRows,
    matchHouseholds,
    money: money.map((r) => ({ region: r.region, source: r.source, received: moneyFromDb(r.received), allocated: moneyFromDb(r.allocated), disbursed: moneyFromDb(r.disbursed) })),
  };
}
