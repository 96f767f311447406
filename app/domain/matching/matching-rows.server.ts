// The database rows the engine checks the hard rules on and scores: a need (any status, by ref or
// import key) and offers (by refs from the engine, or, without the engine, every offer the hard
// rules allow, in SQL). Selected columns only: nothing of a case but its tier.
import { and, arrayOverlaps, eq, gt, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { regions } from "../../../db/schema/regions";
import { notFound } from "../errors/domain-error";
import type { NeedCategory } from "../needs/need-category";
import { publicOfferColumns } from "../offers/public-offers.server";
import { offerCategoriesFor } from "./category-compatibility";

/** A need as the engine sees it: public fields, its county's path and its case's tier. */
export async function readNeedForMatching(db: Database, refOrKey: string) {
  const [need] = await db
    .select({
      id: needs.id,
      ref: needs.ref,
      importKey: needs.importKey,
      category: needs.category,
      title: needs.title,
      story: needs.story,
      skills: needs.skills,
      status: needs.status,
      publishedAt: needs.publishedAt,
      regionCode: needs.regionCode,
      regionPath: regions.path,
      urgency: cases.tier,
    })
    .from(needs)
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .innerJoin(regions, eq(regions.code, needs.regionCode))
    .where(or(eq(needs.ref, refOrKey), eq(needs.importKey, refOrKey)))
    .limit(1);
  if (!need) throw notFound("needNotFound", `No need has the reference or import key ${JSON.stringify(refOrKey)}.`);
  return need;
}
export type MatchingNeed = Awaited<ReturnType<typeof readNeedForMatching>>;

const offerMatchingColumns = {
  ...publicOfferColumns,
  id: offers.id,
  importKey: offers.importKey,
  offerType: offers.offerType,
  organisationStatus: organisations.status,
};

function offerRows(db: Database, where: SQL | undefined, limit: number) {
  return db.select(offerMatchingColumns).from(offers).innerJoin(organisations, eq(organisations.id, offers.organisationId)).where(where).limit(limit);
}
export type MatchingOfferRow = Awaited<ReturnType<typeof offerRows>>[number];

/** Offers by reference, whatever their state: the hard rules are checked on them afterwards. */
export async function offerRowsByRefs(db: Database, refs: string[]): Promise<MatchingOfferRow[]> {
  return refs.length ? offerRows(db, inArray(offers.ref, refs), refs.length) : [];
}

/** An offer by reference or import key, whatever its state. */
export async function readOfferForMatching(db: Database, refOrKey: string): Promise<MatchingOfferRow> {
  const [offer] = await offerRows(db, or(eq(offers.ref, refOrKey), eq(offers.importKey, refOrKey)), 1);
  if (!offer) throw notFound("offerNotFound", `No offer has the reference or import key ${JSON.stringify(refOrKey)}.`);
  return offer;
}

/** Without the engine: the offers the hard rules allow for a need, in SQL (the same rules as the filter). */
export async function allowedOfferRows(db: Database, need: { category: NeedCategory; regionPath: string[] }, today: string, limit: number): Promise<MatchingOfferRow[]> {
  return offerRows(
    db,
    and(
      eq(offers.status, "open"),
      gt(offers.remainingCapacity, 0),
      or(isNull(offers.validFrom), lte(offers.validFrom, today)),
      or(isNull(offers.validUntil), gte(offers.validUntil, today)),
      eq(organisations.status, "verified"),
      inArray(offers.category, [...offerCategoriesFor(need.category)]),
      // An offer for 53 covers 532923: its codes meet the county's path.
      arrayOverlaps(offers.regionCodes, need.regionPath),
    ),
    limit,
  );
}
