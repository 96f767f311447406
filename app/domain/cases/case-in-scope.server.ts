// The start of every write to a case's records (consent, visits, status): the actor must be a
// caseworker or union admin, and the case is found only within their region — locked for the
// transaction, so two members of staff changing one case at once are served one after the other.
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import type { Actor } from "../auth/actor";
import { canWriteCases, staffRegion } from "../auth/permissions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The actor's region when they may write cases; 403 for everyone else (auditors read only). */
export function writableScope(actor: Actor): string {
  const region = staffRegion(actor);
  if (!region || !canWriteCases(actor)) throw new Response("Only caseworkers and union admins change a household's records.", { status: 403, statusText: "Forbidden" });
  return region;
}

/** Locks a case of the actor's region for a write; 404 when there is none (also for a malformed id). */
export async function lockCaseForWrite(tx: Transaction, actor: Actor, caseId: string) {
  const scope = writableScope(actor);
  const [row] = UUID.test(caseId)
    ? await tx
        .select({ id: cases.id, organisationId: cases.organisationId, regionCode: cases.regionCode, status: cases.status, consent: cases.consent, followUpOn: cases.followUpOn })
        .from(cases)
        .where(and(eq(cases.id, caseId), sql`starts_with(${cases.regionCode}, ${scope})`))
        .for("update")
    : [];
  if (!row) throw new Response("No such household in your region.", { status: 404, statusText: "Not Found" });
  return row;
}
