// The bridge between an online application and the case registry: the registration form
// of a case prefills from an open application (a logged reveal, like any read of an identity), and
// the transaction that creates the case — or a merge into an existing one — closes the application.
import { and, eq } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { applications } from "../../../db/schema/case-records";
import { cases } from "../../../db/schema/cases";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { notFound } from "../errors/domain-error";
import { revealApplicationIdentity } from "../cases/reveal-identity.server";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { isUuid, lockApplicationForMove } from "./application-scope.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import { isApplicationOpen } from "./application-status";

export interface ApplicationPrefill {
  name: string;
  idNumber: string;
  phone: string;
  regionCode: string;
  whatHappened: string;
}

/**
 * What a new case takes over from an open (new or contacted) application of the actor's region,
 * read through the logged reveal ("arrange-help"); null when there is no such open application.
 */
export async function loadApplicationPrefill(options: { db: Database; cipher: IdentityCipher; actor: Actor; applicationId: string; ip: string | null }): Promise<ApplicationPrefill | null> {
  const scope = regionScope(options.actor, "write-cases");
  if (!isUuid(options.applicationId)) return null;
  const [row] = await options.db
    .select({ status: applications.status, regionCode: applications.regionCode, whatHappened: applications.whatHappened })
    .from(applications)
    .where(and(eq(applications.id, options.applicationId), inRegionScope(applications.regionCode, scope)));
  if (!row || !isApplicationOpen(row.status)) return null;
  const identity = await revealApplicationIdentity({ db: options.db, cipher: options.cipher, actor: options.actor, applicationId: options.applicationId, reason: "arrange-help", ip: options.ip });
  if (!identity) return null;
  return { ...identity, regionCode: row.regionCode, whatHappened: row.whatHappened };
}

/**
 * Closes an open application of the actor's region as accepted (a case was created from it) or
 * merged (into an existing case), in the caller's transaction: status, case, who handled it, audit.
 * Throws 404 when the application or the case is not in the actor's region, 409 when the
 * application was already decided.
 */
export async function completeApplication(
  tx: Transaction,
  options: { applicationId: string; caseId: string; actor: Actor; outcome: "accepted" | "merged"; ip?: string | null },
): Promise<void> {
  const scope = regionScope(options.actor, "write-cases");
  const application = await lockApplicationForMove(tx, { scope, applicationId: options.applicationId, to: options.outcome });
  const [found] = isUuid(options.caseId)
    ? await tx
        .select({ id: cases.id, organisationId: cases.organisationId })
        .from(cases)
        .where(and(eq(cases.id, options.caseId), inRegionScope(cases.regionCode, scope)))
    : [];
  if (!found) throw notFound("caseNotFound", "No such case in your region.");
  await tx
    .update(applications)
    .set({ status: options.outcome, caseId: found.id, handledBy: options.actor.userId, updatedAt: new Date() })
    .where(eq(applications.id, application.id));
  await recordAudit(tx, {
    actor: options.actor,
    action: options.outcome === "accepted" ? "application.accept" : "application.merge",
    entity: "application",
    entityId: application.id,
    organisationId: found.organisationId,
    regionCode: application.regionCode,
    ip: options.ip ?? null,
    before: { status: application.status },
    after: { status: options.outcome, caseId: found.id },
  });
}
