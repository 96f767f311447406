// Registered organisations as the union admin who reviews them sees them (DESIGN §1): the
// non-union organisations of the admin's region and below. The scope is part of every query, so
// the id of another region's organisation finds nothing — a 404, never the data.
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { memberships, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import type { OrganisationStatus } from "./organisation-vocabulary";

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Non-union organisations of `scope` and below. */
export function inReviewScope(scope: string): SQL | undefined {
  return and(ne(organisations.kind, "union"), inRegionScope(organisations.regionCode, scope));
}

/** One page of the organisations in one state, the longest waiting first among the pending. */
export async function listOrganisationsForReview(options: { db: Database; actor: Actor; status: OrganisationStatus; page: number }) {
  const scope = regionScope(options.actor, "review-organisations");
  const where = and(inReviewScope(scope), eq(organisations.status, options.status));
  const order = options.status === "pending" ? [asc(organisations.createdAt), asc(organisations.id)] : [sql`${organisations.reviewedAt} desc nulls last`, asc(organisations.name)];
  const [rows, byStatus] = await Promise.all([
    options.db
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        regionCode: organisations.regionCode,
        createdAt: organisations.createdAt,
        reviewedAt: organisations.reviewedAt,
      })
      .from(organisations)
      .where(where)
      .orderBy(...order)
      .limit(PAGE_SIZE)
      .offset((options.page - 1) * PAGE_SIZE),
    options.db.select({ status: organisations.status, n: count() }).from(organisations).where(inReviewScope(scope)).groupBy(organisations.status),
  ]);
  const countOf = (status: OrganisationStatus) => byStatus.find((r) => r.status === status)?.n ?? 0;
  const counts = { pending: countOf("pending"), verified: countOf("verified"), rejected: countOf("rejected") } satisfies Record<OrganisationStatus, number>;
  return {
    organisations: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), reviewedAt: r.reviewedAt?.toISOString() ?? null })),
    counts,
    pageCount: Math.max(1, Math.ceil(counts[options.status] / PAGE_SIZE)),
  };
}

const reviewer = alias(users, "reviewer");

/** One organisation of the reviewer's region with its contact and first member, or null (also for a malformed id). */
export async function getOrganisationForReview(options: { db: Database; actor: Actor; organisationId: string }) {
  const scope = regionScope(options.actor, "review-organisations");
  if (!UUID.test(options.organisationId)) return null;
  const [row] = await options.db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      status: organisations.status,
      regionCode: organisations.regionCode,
      description: organisations.description,
      contactName: organisations.contactName,
      contactEmail: organisations.contactEmail,
      contactPhone: organisations.contactPhone,
      website: organisations.website,
      rejectionReason: organisations.rejectionReason,
      createdAt: organisations.createdAt,
      reviewedAt: organisations.reviewedAt,
      reviewerName: reviewer.displayName,
    })
    .from(organisations)
    .leftJoin(reviewer, eq(reviewer.id, organisations.reviewedBy))
    .where(and(eq(organisations.id, options.organisationId), inReviewScope(scope)));
  if (!row) return null;
  // The first member is who registered the organisation (its first admin).
  const [first] = await options.db
    .select({ email: users.email, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, row.id))
    .orderBy(asc(memberships.createdAt), asc(memberships.id))
    .limit(1);
  return { ...row, createdAt: row.createdAt.toISOString(), reviewedAt: row.reviewedAt?.toISOString() ?? null, firstMember: first ?? null };
}
