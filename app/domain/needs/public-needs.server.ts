// Reads of public needs. Every query selects `publicNeedColumns` only — never a case identity
// column — and every row goes through toPublicNeed, the one projection (DESIGN §3).
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { regions } from "../../../db/schema/regions";
import { PUBLIC_NEED_STATUSES } from "./need-category";
import type { PublicNeed, PublicNeedSource } from "./public-need";
import { toPublicNeed } from "./public-need";

/** The allowlisted columns a public need is built from. */
export const publicNeedColumns = {
  ref: needs.ref,
  version: needs.version,
  category: needs.category,
  title: needs.title,
  story: needs.story,
  skills: needs.skills,
  status: needs.status,
  targetAmount: needs.targetAmount,
  publishedAt: needs.publishedAt,
  updatedAt: needs.updatedAt,
  caseBirthYear: cases.birthYear,
  caseTier: cases.tier,
  regionCode: regions.code,
  regionPath: regions.path,
  regionNameZh: regions.nameZh,
  regionNameEn: regions.nameEn,
};

export const isPublic = inArray(needs.status, [...PUBLIC_NEED_STATUSES]);

/** The base query of public needs: allowlisted columns joined to their case and county. */
export function publicNeedQuery(db: Database) {
  return db
    .select(publicNeedColumns)
    .from(needs)
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .innerJoin(regions, eq(regions.code, needs.regionCode));
}

type Row = Awaited<ReturnType<ReturnType<typeof publicNeedQuery>["execute"]>>[number];

/** A row of publicNeedQuery as its public projection (null if it is not public). */
export function fromRow(row: Row): PublicNeed | null {
  if ((row.status !== "published" && row.status !== "matched") || !row.publishedAt) return null;
  const source: PublicNeedSource = {
    ref: row.ref,
    version: row.version,
    category: row.category,
    title: row.title,
    story: row.story,
    skills: row.skills,
    status: row.status,
    targetAmount: row.targetAmount,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    caseBirthYear: row.caseBirthYear,
    caseTier: row.caseTier,
    region: { code: row.regionCode, path: row.regionPath, nameZh: row.regionNameZh, nameEn: row.regionNameEn },
  };
  return toPublicNeed(source);
}

export const present = (need: PublicNeed | null): need is PublicNeed => need !== null;

/**
 * A page of public needs, newest first, without counting them all; read in the order of
 * needs_public_newest_idx, so a page costs its own rows, not a sort of every public need.
 */
export async function newestPublicNeeds(db: Database, options: { page: number; pageSize: number }): Promise<PublicNeed[]> {
  const rows = await newestPublicNeedsQuery(db, options);
  return rows.map(fromRow).filter(present);
}

/** The statement of `newestPublicNeeds` (its plan is tested). */
export function newestPublicNeedsQuery(db: Database, options: { page: number; pageSize: number }) {
  return publicNeedQuery(db)
    .where(isPublic)
    .orderBy(desc(needs.publishedAt), desc(needs.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
}

/** One public need by reference, or null when there is none or it is not public. */
export async function getPublicNeed(db: Database, ref: string): Promise<PublicNeed | null> {
  const [row] = await publicNeedQuery(db).where(and(eq(needs.ref, ref), isPublic)).limit(1);
  return row ? fromRow(row) : null;
}

/** The current public projections of these references; absent ones are not public (any more). */
export async function getPublicNeedsByRefs(db: Database, refs: string[]): Promise<PublicNeed[]> {
  if (!refs.length) return [];
  return (await publicNeedQuery(db).where(and(inArray(needs.ref, refs), isPublic))).map(fromRow).filter(present);
}

/** Every public need, in batches, for a full index build. */
export async function* allPublicNeeds(db: Database, batchSize = 2000): AsyncGenerator<PublicNeed[]> {
  for (let offset = 0; ; offset += batchSize) {
    const rows = await publicNeedQuery(db).where(isPublic).orderBy(needs.id).limit(batchSize).offset(offset);
    if (rows.length) yield rows.map(fromRow).filter(present);
    if (rows.length < batchSize) return;
  }
}

export async function countPublicNeeds(db: Database): Promise<number> {
  const [row] = await db.select({ total: count() }).from(needs).where(isPublic);
  return row?.total ?? 0;
}
