// What union staff do with an online application after reading it: note the call-back,
// decline it with a reason the applicant reads on the status page, or merge it into a case that
// already exists. Accepting it goes through the case registration form (completeApplication there).
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { applications } from "../../../db/schema/case-records";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { completeApplication } from "./application-prefill.server";
import { lockApplicationForMove } from "./application-scope.server";
import { regionScope } from "../regions/region-scope.server";
import { findCaseInScope } from "./staff-applications.server";

/** The call-back happened: new → contacted. */
export async function markApplicationContacted(options: { db: Database; actor: Actor; applicationId: string; ip: string | null }): Promise<void> {
  const scope = regionScope(options.actor, "write-cases");
  await options.db.transaction(async (tx) => {
    const row = await lockApplicationForMove(tx, { scope, applicationId: options.applicationId, to: "contacted" });
    await tx.update(applications).set({ status: "contacted", handledBy: options.actor.userId, updatedAt: new Date() }).where(eq(applications.id, row.id));
    await recordAudit(tx, {
      actor: options.actor,
      action: "application.contact",
      entity: "application",
      entityId: row.id,
      regionCode: row.regionCode,
      ip: options.ip,
      before: { status: row.status },
      after: { status: "contacted" },
    });
  });
}

/** Declines an open application; the applicant reads `reason` when they check the status. */
export async function declineApplication(options: { db: Database; actor: Actor; applicationId: string; reason: string; ip: string | null }): Promise<void> {
  const scope = regionScope(options.actor, "write-cases");
  await options.db.transaction(async (tx) => {
    const row = await lockApplicationForMove(tx, { scope, applicationId: options.applicationId, to: "declined" });
    await tx
      .update(applications)
      .set({ status: "declined", declineReason: options.reason, handledBy: options.actor.userId, updatedAt: new Date() })
      .where(eq(applications.id, row.id));
    await recordAudit(tx, {
      actor: options.actor,
      action: "application.decline",
      entity: "application",
      entityId: row.id,
      regionCode: row.regionCode,
      ip: options.ip,
      before: { status: row.status },
      // The reason is free text a person typed (it may name someone): not in the log.
      after: { status: "declined" },
    });
  });
}

/**
 * Merges an open application into a case of the actor's region, named by its full or short id;
 * `case-not-found` when no single case of the region matches.
 */
export async function mergeApplication(options: {
  db: Database;
  actor: Actor;
  applicationId: string;
  caseReference: string;
  ip: string | null;
}): Promise<{ kind: "merged"; caseId: string } | { kind: "case-not-found" }> {
  const caseId = await findCaseInScope({ db: options.db, actor: options.actor, caseReference: options.caseReference });
  if (!caseId) return { kind: "case-not-found" };
  await options.db.transaction((tx) => completeApplication(tx, { applicationId: options.applicationId, caseId, actor: options.actor, outcome: "merged", ip: options.ip }));
  return { kind: "merged", caseId };
}
