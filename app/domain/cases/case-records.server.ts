// A household's consents and visits as its case page shows them, within the actor's region. The
// case itself is read by staff-cases.server.ts; these are the records kept about it.
import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { caseConsents, caseVisits } from "../../../db/schema/case-records";
import { cases } from "../../../db/schema/cases";
import type { Actor } from "../auth/actor";
import { inRegionScope, regionScope } from "../regions/region-scope.server";

/** Consents (newest first) and visits (latest visit first) of a case in the actor's region. */
export async function listCaseRecords(options: { db: Database; actor: Actor; caseId: string }) {
  const scope = regionScope(options.actor, "read-cases");
  const inScope = and(eq(cases.id, options.caseId), inRegionScope(cases.regionCode, scope));
  const recorder = alias(users, "recorder");
  const withdrawer = alias(users, "withdrawer");
  const [consents, visits] = await Promise.all([
    options.db
      .select({
        id: caseConsents.id,
        givenOn: caseConsents.givenOn,
        covers: caseConsents.covers,
        witnessedBy: caseConsents.witnessedBy,
        recordedBy: recorder.displayName,
        createdAt: caseConsents.createdAt,
        withdrawnAt: caseConsents.withdrawnAt,
        withdrawnBy: withdrawer.displayName,
      })
      .from(caseConsents)
      .innerJoin(cases, eq(cases.id, caseConsents.caseId))
      .leftJoin(recorder, eq(recorder.id, caseConsents.recordedBy))
      .leftJoin(withdrawer, eq(withdrawer.id, caseConsents.withdrawnBy))
      .where(inScope)
      .orderBy(desc(caseConsents.createdAt), desc(caseConsents.id)),
    options.db
      .select({
        id: caseVisits.id,
        kind: caseVisits.kind,
        visitedOn: caseVisits.visitedOn,
        notes: caseVisits.notes,
        nextFollowUpOn: caseVisits.nextFollowUpOn,
        recordedBy: recorder.displayName,
        createdAt: caseVisits.createdAt,
      })
      .from(caseVisits)
      .innerJoin(cases, eq(cases.id, caseVisits.caseId))
      .leftJoin(recorder, eq(recorder.id, caseVisits.recordedBy))
      .where(inScope)
      .orderBy(desc(caseVisits.visitedOn), desc(caseVisits.createdAt))
      .limit(200),
  ]);
  return {
    consents: consents.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), withdrawnAt: c.withdrawnAt?.toISOString() ?? null })),
    visits: visits.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  };
}
