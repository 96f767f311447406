// Reads of public offers: open offers of verified organisations, through toPublicOffer.
import { and, count, desc, eq, gt, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { regions } from "../../../db/schema/regions";
import type { PublicOffer } from "./public-offer";
import { toPublicOffer } from "./public-offer";

export const publicOfferColumns = {
  ref: offers.ref,
  version: offers.version,
  category: offers.category,
  offerType: offers.offerType,
  details: offers.details,
  title: offers.title,
  description: offers.description,
  skills: offers.skills,
  status: offers.status,
  capacity: offers.capacity,
  remainingCapacity: offers.remainingCapacity,
  amount: offers.amount,
  validFrom: offers.validFrom,
  validUntil: offers.validUntil,
  updatedAt: offers.updatedAt,
  regionCodes: offers.regionCodes,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
};

/**
 * Listed and indexed: open, with capacity left, from a verified organisation. Past its end date an
 * offer is closed by the expiry job, so the index never has to follow the calendar itself.
 */
export const isListed = and(eq(offers.status, "open"), gt(offers.remainingCapacity, 0), eq(organisations.status, "verified"));
/** Viewable on its own page: anything but a draft, from a verified organisation. */
const isViewable = and(inArray(offers.status, ["open", "paused", "closed"]), eq(organisations.status, "verified"));

/** The base query of public offers: allowlisted columns joined to their organisation. */
export function publicOfferQuery(db: Database) {
  return db.select(publicOfferColumns).from(offers).innerJoin(organisations, eq(organisations.id, offers.organisationId));
}

type Row = Awaited<ReturnType<ReturnType<typeof publicOfferQuery>["execute"]>>[number];

/** Rows of publicOfferQuery as public projections, with their covered regions read in one query. */
export async function toPublicOffers(db: Database, rows: Row[]): Promise<PublicOffer[]> {
  const codes = [...new Set(rows.flatMap((r) => r.regionCodes))];
  const found = codes.length
    ? await db.select({ code: regions.code, path: regions.path, nameZh: regions.nameZh, nameEn: regions.nameEn }).from(regions).where(inArray(regions.code, codes))
    : [];
  const byCode = new Map(found.map((r) => [r.code, r]));
  return rows.flatMap((row) => {
    if (row.status === "draft") return [];
    return [
      toPublicOffer({
        ...row,
        status: row.status,
        organisation: { name: row.organisationName, kind: row.organisationKind },
        regions: row.regionCodes.flatMap((code) => byCode.get(code) ?? []),
      }),
    ];
  });
}

/** Open offers, most recently updated first. */
export async function listPublicOffers(db: Database, options: { page: number; pageSize: number }): Promise<{ items: PublicOffer[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    publicOfferQuery(db)
      .where(isListed)
      .orderBy(desc(offers.updatedAt), desc(offers.id))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ total: count() }).from(offers).innerJoin(organisations, eq(organisations.id, offers.organisationId)).where(isListed),
  ]);
  return { items: await toPublicOffers(db, rows), total: totals?.total ?? 0 };
}

/** One offer for its public page (open, paused or closed), or null. */
export async function getPublicOffer(db: Database, ref: string): Promise<PublicOffer | null> {
  const rows = await publicOfferQuery(db).where(and(eq(offers.ref, ref), isViewable)).limit(1);
  return (await toPublicOffers(db, rows))[0] ?? null;
}

/** The current index documents of these references; absent ones must leave the index. */
export async function getListedOffersByRefs(db: Database, refs: string[]): Promise<PublicOffer[]> {
  if (!refs.length) return [];
  return toPublicOffers(db, await publicOfferQuery(db).where(and(inArray(offers.ref, refs), isListed)));
}

/** Every listed offer, in batches, for a full index build. */
export async function* allListedOffers(db: Database, batchSize = 2000): AsyncGenerator<PublicOffer[]> {
  for (let offset = 0; ; offset += batchSize) {
    const rows = await publicOfferQuery(db).where(isListed).orderBy(offers.id).limit(batchSize).offset(offset);
    if (rows.length) yield toPublicOffers(db, rows);
    if (rows.length < batchSize) return;
  }
}

/** How many offers the offers index should hold. */
export async function countListedOffers(db: Database): Promise<number> {
  const [row] = await db.select({ total: count() }).from(offers).innerJoin(organisations, eq(organisations.id, offers.organisationId)).where(isListed);
  return row?.total ?? 0;
}
