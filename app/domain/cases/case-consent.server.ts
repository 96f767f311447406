// A household's consent (DESIGN §3.4): recorded with when, what it covers and who witnessed it;
// `cases.consent` mirrors whether a live consent covers publishing. Withdrawing it takes every need
// of the case off the site and out of the search index in the same transaction — the outbox rows
// commit with the withdrawal, so the index cannot keep a need the household no longer agrees to.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { caseConsents } from "../../../db/schema/case-records";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { conflict } from "../errors/domain-error";
import { endNeeds } from "../needs/need-lifecycle.server";
import { WITHDRAWABLE_NEED_STATUSES } from "../needs/need-status";
import type { NotificationMail } from "../notifications/notify.server";
import { emailNotifications } from "../notifications/notify.server";
import type { ConsentForm } from "./case-record-forms";
import { lockCaseForWrite } from "./case-in-scope.server";

/** True when a consent of the case that was not withdrawn covers publishing. */
async function hasLivePublishConsent(tx: Transaction, caseId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: caseConsents.id })
    .from(caseConsents)
    .where(and(eq(caseConsents.caseId, caseId), isNull(caseConsents.withdrawnAt), sql`'publish' = any(${caseConsents.covers})`))
    .limit(1);
  return row !== undefined;
}

/** Records a consent the household gave; returns whether the case may now be published. */
export async function recordConsent(options: { db: Database; actor: Actor; caseId: string; consent: Omit<ConsentForm, "intent">; ip: string | null }): Promise<{ consent: boolean }> {
  const { actor, consent } = options;
  return options.db.transaction(async (tx) => {
    const found = await lockCaseForWrite(tx, actor, options.caseId);
    await tx.insert(caseConsents).values({ caseId: found.id, givenOn: consent.givenOn, covers: [...new Set(consent.covers)], witnessedBy: consent.witnessedBy, recordedBy: actor.userId });
    const live = await hasLivePublishConsent(tx, found.id);
    if (live !== found.consent) await tx.update(cases).set({ consent: live, updatedAt: new Date() }).where(eq(cases.id, found.id));
    await recordAudit(tx, {
      actor,
      action: "case.consent-record",
      entity: "case",
      entityId: found.id,
      organisationId: found.organisationId,
      regionCode: found.regionCode,
      ip: options.ip,
      // The witness is a person's name written freely: it stays on the record, out of the log.
      before: { consent: found.consent },
      after: { consent: live, givenOn: consent.givenOn, covers: [...new Set(consent.covers)] },
    });
    return { consent: live };
  });
}

/**
 * The household withdraws its consent: every live consent is marked withdrawn, the case is no
 * longer publishable, every open match of its needs is withdrawn (each provider told, without a word
 * about who the household is) and all its needs are withdrawn (queued for the index). 409 when
 * there is no consent to withdraw. The caller kicks the search worker after this returns.
 */
export async function withdrawConsent(options: {
  db: Database;
  actor: Actor;
  caseId: string;
  ip: string | null;
  /** context.runtime: the providers' notifications are emailed after the commit. */
  mail?: NotificationMail;
}): Promise<{ withdrawnNeeds: string[]; withdrawnMatches: string[] }> {
  const { actor } = options;
  const done = await options.db.transaction(async (tx) => {
    const found = await lockCaseForWrite(tx, actor, options.caseId);
    const withdrawn = await tx
      .update(caseConsents)
      .set({ withdrawnAt: new Date(), withdrawnBy: actor.userId })
      .where(and(eq(caseConsents.caseId, found.id), isNull(caseConsents.withdrawnAt)))
      .returning({ id: caseConsents.id });
    // Imported households carry consent without a consent record; theirs can be withdrawn too.
    if (!withdrawn.length && !found.consent) throw conflict("noConsentToWithdraw", "This household has no consent on record to withdraw.");
    if (found.consent) await tx.update(cases).set({ consent: false, updatedAt: new Date() }).where(eq(cases.id, found.id));
    // Withdrawn needs too: they stay withdrawn, and a match left open on one is withdrawn with the rest.
    const open = await tx
      .select({ id: needs.id })
      .from(needs)
      .where(and(eq(needs.caseId, found.id), inArray(needs.status, [...WITHDRAWABLE_NEED_STATUSES, "withdrawn"])));
    const { refs, matches } = await endNeeds(tx, { needIds: open.map((n) => n.id), to: "withdrawn", actor, ip: options.ip, consentWithdrawn: true });
    await recordAudit(tx, {
      actor,
      action: "case.consent-withdraw",
      entity: "case",
      entityId: found.id,
      organisationId: found.organisationId,
      regionCode: found.regionCode,
      ip: options.ip,
      before: { consent: found.consent },
      after: { consent: false, consentsWithdrawn: withdrawn.length, needsWithdrawn: refs, matchesWithdrawn: matches.refs },
    });
    return { withdrawnNeeds: refs, withdrawnMatches: matches.refs, notificationIds: matches.notificationIds };
  });
  if (options.mail) await emailNotifications(options.db, options.mail, done.notificationIds);
  return { withdrawnNeeds: done.withdrawnNeeds, withdrawnMatches: done.withdrawnMatches };
}
