// Naming the union that holds a resident ID tells, across regions, whether someone is a registered
// hardship household. Wherever it is told — the registration form, a household sheet's preview or
// import — each answer is audited (`case.resident-id-check`: who asked, in which region of theirs,
// the outcome and the holding case's id, never the ID or its hash) and counted against the asker's
// hourly limit (`residentIdHolder`), one limit for every way of asking.
import type { Database, Transaction } from "../../../db/client.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import type { RateLimitCheck, RateLimiters } from "../auth/rate-limit.server";
import type { DomainError } from "../errors/domain-error";
import { isDomainError, rateLimited } from "../errors/domain-error";

/** The case holding a resident ID: named in the audit by its id, never by the ID. */
export interface HeldCase {
  caseId: string;
  organisationId: string;
}

export type HolderAnswer = { actor: Actor; regionCode: string; ip: string | null; holder: HeldCase | null; source?: "sheet" };

/** Audits one answer about who holds a resident ID, or (holder null) its refusal for the limit. */
export async function auditHolderAnswer(db: Database | Transaction, answer: HolderAnswer): Promise<void> {
  const { actor, holder } = answer;
  const outcome = !holder ? "rate-limited" : holder.organisationId === actor.membership?.organisationId ? "held-here" : "held-elsewhere";
  await recordAudit(db, {
    actor,
    action: "case.resident-id-check",
    entity: "case",
    entityId: holder?.caseId ?? null,
    organisationId: actor.membership?.organisationId ?? null,
    regionCode: answer.regionCode,
    ip: answer.ip,
    after: { outcome, ...(answer.source ? { source: answer.source } : {}) },
  });
}

/**
 * Counts and audits the answers of a sheet: one point and one audit row per row whose ID another
 * union holds; rows nobody holds and the union's own cases cost nothing. Refused (and the refusal
 * audited) when fewer points remain than the sheet would answer, or when none remain and the sheet
 * asks about any ID at all — while the limit is used up every sheet waits, as every registration
 * does, so a refusal does not tell whether an ID is held. A refusal uses up what was left: asking
 * again gains nothing until the window passes.
 */
export async function answerSheetHolders(
  db: Database | Transaction,
  options: { rateLimits: RateLimiters; actor: Actor; regionCode: string; ip: string | null; asked: number; heldElsewhere: readonly HeldCase[] },
): Promise<RateLimitCheck> {
  const { rateLimits, actor } = options;
  if (!options.asked) return { ok: true };
  const refuse = async (check: RateLimitCheck) => {
    if (!check.ok) await auditHolderAnswer(db, { actor, regionCode: options.regionCode, ip: options.ip, holder: null, source: "sheet" });
    return check;
  };
  if (!options.heldElsewhere.length) return refuse(await rateLimits.peek("residentIdHolder", actor.userId));
  for (let i = 0; i < options.heldElsewhere.length; i++) {
    const counted = await rateLimits.consume("residentIdHolder", actor.userId);
    if (!counted.ok) return refuse(counted);
  }
  for (const holder of options.heldElsewhere) await auditHolderAnswer(db, { actor, regionCode: options.regionCode, ip: options.ip, holder, source: "sheet" });
  return { ok: true };
}

/** The refusal of a sheet that would name more holders than the asker's limit has left: nothing is told or written. */
export function holderAnswersLimited(retryAfterSeconds: number): DomainError {
  return rateLimited("holderAnswersLimited", "Too many answers naming the union that holds a resident ID lately; try again later.", retryAfterSeconds);
}

/** Whether `error` is that refusal. */
export function isHolderAnswersLimited(error: unknown): error is DomainError {
  return isDomainError(error) && error.messageKey === "holderAnswersLimited";
}
