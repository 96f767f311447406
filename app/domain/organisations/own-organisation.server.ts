// The organisation a member belongs to, as its own people see it at /organisation: its state, who
// reviews it while pending and, once rejected, the reason the union gave.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { memberships } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import type { ActorMembership } from "../auth/actor";
import { coversRegion } from "../regions/region-scope.server";

/** The member's organisation; `reviewingUnion` is the nearest union above a non-union organisation. */
export async function getOwnOrganisation(options: { db: Database; membership: ActorMembership }) {
  const { db } = options;
  const [organisation] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      status: organisations.status,
      regionCode: organisations.regionCode,
      description: organisations.description,
      rejectionReason: organisations.rejectionReason,
      createdAt: organisations.createdAt,
      reviewedAt: organisations.reviewedAt,
      reviewedBy: organisations.reviewedBy,
    })
    .from(organisations)
    .where(eq(organisations.id, options.membership.organisationId));
  // The membership was read with the session a moment ago; a row gone since is a bug, not a 404.
  if (!organisation) throw new Error("the member's organisation is missing");
  const { reviewedBy, ...rest } = organisation;
  return {
    ...rest,
    createdAt: rest.createdAt.toISOString(),
    reviewedAt: rest.reviewedAt?.toISOString() ?? null,
    reviewingUnion: organisation.kind === "union" ? null : await reviewingUnionName(db, organisation.regionCode, reviewedBy),
  };
}

/** The union that decided (the reviewer's), or while pending the nearest union whose region covers `regionCode`. */
async function reviewingUnionName(db: Database, regionCode: string, reviewedBy: string | null): Promise<string | null> {
  if (reviewedBy) {
    const [row] = await db
      .select({ name: organisations.name })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.userId, reviewedBy), eq(organisations.kind, "union")));
    if (row) return row.name;
  }
  const [nearest] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, "union"), eq(organisations.status, "verified"), coversRegion(organisations.regionCode, regionCode)))
    .orderBy(desc(sql`length(${organisations.regionCode})`), organisations.name)
    .limit(1);
  return nearest?.name ?? null;
}
