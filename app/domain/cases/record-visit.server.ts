// 走访 / 回访: a visit to the household with its notes, and the next follow-up date, which
// becomes the case's follow-up date (the dashboard's "follow-ups due" reads it).
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { caseVisits } from "../../../db/schema/case-records";
import { cases } from "../../../db/schema/cases";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import type { VisitForm } from "./case-record-forms";
import { lockCaseForWrite } from "./case-in-scope.server";

/** Logs a visit to a household of the actor's region. */
export async function recordVisit(options: { db: Database; actor: Actor; caseId: string; visit: Omit<VisitForm, "intent">; ip: string | null }): Promise<{ visitId: string }> {
  const { actor, visit } = options;
  return options.db.transaction(async (tx) => {
    const found = await lockCaseForWrite(tx, actor, options.caseId);
    const [row] = await tx
      .insert(caseVisits)
      .values({ caseId: found.id, kind: visit.kind, visitedOn: visit.visitedOn, notes: visit.notes, nextFollowUpOn: visit.nextFollowUpOn ?? null, recordedBy: actor.userId })
      .returning({ id: caseVisits.id });
    if (!row) throw new Error("visit insert returned no row");
    if (visit.nextFollowUpOn) await tx.update(cases).set({ followUpOn: visit.nextFollowUpOn, updatedAt: new Date() }).where(eq(cases.id, found.id));
    await recordAudit(tx, {
      actor,
      action: "case.visit",
      entity: "case",
      entityId: found.id,
      organisationId: found.organisationId,
      regionCode: found.regionCode,
      ip: options.ip,
      // Notes are free text about a family: they stay on the record, never in the log.
      after: { visitId: row.id, kind: visit.kind, visitedOn: visit.visitedOn, nextFollowUpOn: visit.nextFollowUpOn ?? null },
    });
    return { visitId: row.id };
  });
}
