// Cases and needs as union staff see them, always within the actor's region (DESIGN §1): the scope
// is part of every query, so an id from another county finds nothing — a 404, never the data.
// Identity columns are not selected here; revealing them is a logged action of its own.
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import { inRegionScope, regionScope } from "../regions/region-scope.server";

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cases of the actor's region, newest first, with how many needs each has. */
export async function listCasesInScope(options: { db: Database; actor: Actor; page: number }) {
  const scope = regionScope(options.actor, "read-cases");
  const where = inRegionScope(cases.regionCode, scope);
  const [rows, [total]] = await Promise.all([
    options.db
      .select({
        id: cases.id,
        caseNumber: cases.caseNumber,
        regionCode: cases.regionCode,
        status: cases.status,
        tier: cases.tier,
        householdSize: cases.householdSize,
        causes: cases.causes,
        createdAt: cases.createdAt,
        organisationName: organisations.name,
        needCount: sql<number>`(select count(*)::int from ${needs} where ${needs.caseId} = ${cases.id})`,
      })
      .from(cases)
      .innerJoin(organisations, eq(organisations.id, cases.organisationId))
      .where(where)
      .orderBy(desc(cases.createdAt), cases.id)
      .limit(PAGE_SIZE)
      .offset((options.page - 1) * PAGE_SIZE),
    options.db.select({ n: count() }).from(cases).where(where),
  ]);
  const totalCount = total?.n ?? 0;
  return { cases: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total: totalCount, pageCount: Math.max(1, Math.ceil(totalCount / PAGE_SIZE)) };
}

/** One case of the actor's region with its plan (needs), or null — also for a malformed id. */
export async function getCaseInScope(options: { db: Database; actor: Actor; caseId: string }) {
  const scope = regionScope(options.actor, "read-cases");
  if (!UUID.test(options.caseId)) return null;
  const [row] = await options.db
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      regionCode: cases.regionCode,
      status: cases.status,
      tier: cases.tier,
      householdSize: cases.householdSize,
      monthlyIncomePerHead: cases.monthlyIncomePerHead,
      causes: cases.causes,
      consent: cases.consent,
      birthYear: cases.birthYear,
      followUpOn: cases.followUpOn,
      createdAt: cases.createdAt,
      organisationName: organisations.name,
    })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(and(eq(cases.id, options.caseId), inRegionScope(cases.regionCode, scope)));
  if (!row) return null;
  const plan = await options.db
    .select({ ref: needs.ref, category: needs.category, title: needs.title, status: needs.status, targetAmount: needs.targetAmount })
    .from(needs)
    .where(eq(needs.caseId, row.id))
    .orderBy(needs.createdAt, needs.ref);
  return { ...row, createdAt: row.createdAt.toISOString(), needs: plan };
}

/** A need of the actor's region in any status (drafts included), or null. */
export async function getNeedInScope(options: { db: Database; actor: Actor; ref: string }) {
  const scope = regionScope(options.actor, "read-cases");
  const [row] = await options.db
    .select({
      id: needs.id,
      ref: needs.ref,
      caseId: needs.caseId,
      regionCode: needs.regionCode,
      category: needs.category,
      title: needs.title,
      story: needs.story,
      skills: needs.skills,
      targetAmount: needs.targetAmount,
      status: needs.status,
      publishedAt: needs.publishedAt,
      updatedAt: needs.updatedAt,
    })
    .from(needs)
    .where(and(eq(needs.ref, options.ref), inRegionScope(needs.regionCode, scope)));
  if (!row) return null;
  return { ...row, publishedAt: row.publishedAt?.toISOString() ?? null, updatedAt: row.updatedAt.toISOString() };
}
