// The start of every write to a case's records (consent, visits, status): the actor must be a
// caseworker or union admin, and the case is found only within their region — locked for the
// transaction, so two members of staff changing one case at once are served one after the other.
import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import type { Actor } from "../auth/actor";
import { notFound } from "../errors/domain-error";
import { inRegionScope, regionScope } from "../regions/region-scope.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Locks a case of the actor's region for a write; 404 when there is none (also for a malformed id). */
export async function lockCaseForWrite(tx: Transaction, actor: Actor, caseId: string) {
  // Forbidden for everyone who may not write cases (auditors read only).
  const scope = regionScope(actor, "write-cases");
  const [row] = UUID.test(caseId)
    ? await tx
        .select({ id: cases.id, organisationId: cases.organisationId, regionCode: cases.regionCode, status: cases.status, consent: cases.consent, followUpOn: cases.followUpOn })
        .from(cases)
        .where(and(eq(cases.id, caseId), inRegionScope(cases.regionCode, scope)))
        .for("update")
    : [];
  if (!row) throw notFound("caseNotFound", "No such household in your region.");
  return row;
}
