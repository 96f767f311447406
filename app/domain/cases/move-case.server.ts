// Moves a case through its lifecycle (DESIGN §2; rules in case-status.ts). The form says which
// status it was drawn for, so a stale form — someone moved the case meanwhile — is a 409 with the
// reason, never a silent no-op or a jump the caseworker did not see.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { conflict, invalid } from "../errors/domain-error";
import type { StatusForm } from "./case-record-forms";
import { lockCaseForWrite } from "./case-in-scope.server";
import { canMoveCase, needsFollowUpDate } from "./case-status";

/** Moves a case of the actor's region from `from` to `to`; 409 when that is not possible now. */
export async function moveCase(options: { db: Database; actor: Actor; caseId: string; move: Omit<StatusForm, "intent">; ip: string | null }): Promise<void> {
  const { actor, move } = options;
  await options.db.transaction(async (tx) => {
    const found = await lockCaseForWrite(tx, actor, options.caseId);
    if (found.status !== move.from) {
      throw conflict("caseChanged", `This household is now ${found.status}, not ${move.from}: reload the page to see what changed.`);
    }
    if (!canMoveCase(found.status, move.to)) {
      throw conflict("caseMoveRefused", `A household cannot move from ${found.status} to ${move.to}.`);
    }
    if (needsFollowUpDate(move.to) && !move.followUpOn) throw invalid("followUpOn: an exited household needs its next follow-up date.", "followUpRequired");
    const followUpOn = move.followUpOn ?? found.followUpOn;
    await tx.update(cases).set({ status: move.to, followUpOn, updatedAt: new Date() }).where(eq(cases.id, found.id));
    await recordAudit(tx, {
      actor,
      action: "case.status",
      entity: "case",
      entityId: found.id,
      organisationId: found.organisationId,
      regionCode: found.regionCode,
      ip: options.ip,
      before: { status: found.status, followUpOn: found.followUpOn },
      after: { status: move.to, followUpOn },
    });
  });
}
