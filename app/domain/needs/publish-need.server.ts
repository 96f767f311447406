// Publishing a need and taking it back (DESIGN §3): a need goes public only for a checked
// household with its recorded consent, and only once its text has passed the PII guard (or a
// caseworker overrode a finding with a reason). Every status move goes through moveNeeds — status,
// version and search-outbox row in one transaction; a withdrawal through endNeeds, which withdraws
// the need's open matches with it. The caller kicks the search worker after it.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import type { PiiSpan } from "../cases/pii-check";
import { notFound } from "../errors/domain-error";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { OpenMatchesWithdrawn } from "../matching/withdraw-match.server";
import { lockOpenMatches } from "../matching/withdraw-match.server";
import type { NotificationMail } from "../notifications/notify.server";
import { emailNotifications } from "../notifications/notify.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import { lockNeed, writeNeedContent } from "./edit-need.server";
import { guardNeedText } from "./guard-need-text.server";
import type { NeedStatus } from "./need-category";
import { getNeedForEditor, publishRefusal } from "./need-editor.server";
import type { NeedContent, NeedStatusIntent } from "./need-form";
import { NeedTransitionError, endNeeds, moveNeeds } from "./need-lifecycle.server";
import { PUBLISHABLE_NEED_STATUSES, RESTORABLE_NEED_STATUSES, UNPUBLISHABLE_NEED_STATUSES, WITHDRAWABLE_NEED_STATUSES, canMoveNeed, isEndingNeedStatus } from "./need-status";
import type { AuditAction } from "../audit/audit-actions";

export type PublishNeedOutcome =
  | { kind: "published"; ref: string }
  | { kind: "blocked"; spans: PiiSpan[] }
  | { kind: "refused"; reason: "no-consent" | "case-status" };

/** Statuses a need is published from: a draft, or an expired need put up again. */
const PUBLISHABLE: readonly NeedStatus[] = PUBLISHABLE_NEED_STATUSES;

const needNotFound = () => notFound("needNotFound", "No such need in your region.");

/**
 * Saves this content and publishes the need. Throws 404 outside the actor's region and
 * NeedTransitionError (409) when the need is not a draft or expired need.
 */
export async function publishNeed(options: { db: Database; cipher: IdentityCipher; actor: Actor; ref: string; content: NeedContent; overrideReason: string | null; ip: string | null }): Promise<PublishNeedOutcome> {
  const scope = regionScope(options.actor, "write-cases");
  const found = await getNeedForEditor({ db: options.db, actor: options.actor, ref: options.ref });
  if (!found) throw needNotFound();
  if (!PUBLISHABLE.includes(found.need.status)) throw new NeedTransitionError(found.need.ref, found.need.status, "published");
  const refusal = publishRefusal(found.case);
  if (refusal) return { kind: "refused", reason: refusal };
  const gate = await guardNeedText({ db: options.db, cipher: options.cipher, actor: options.actor, caseId: found.case.id, needRef: found.need.ref, content: options.content, overrideReason: options.overrideReason, ip: options.ip });
  if (gate.kind === "blocked") return gate;

  return options.db.transaction(async (tx): Promise<PublishNeedOutcome> => {
    const row = await lockNeed(tx, scope, options.ref);
    if (!row) throw needNotFound();
    if (!PUBLISHABLE.includes(row.status)) throw new NeedTransitionError(row.ref, row.status, "published");
    // Shared with a consent withdrawal's update of the case: that one waits for this publication
    // (and then withdraws it) or this one sees the consent gone.
    const [household] = await tx.select({ status: cases.status, consent: cases.consent }).from(cases).where(eq(cases.id, row.caseId)).for("share");
    const refusedNow = household ? publishRefusal(household) : "case-status";
    if (refusedNow) return { kind: "refused", reason: refusedNow };
    const changed = await writeNeedContent(tx, row, options.content);
    if (row.status === "expired") await moveNeeds(tx, { needIds: [row.id], to: "draft" });
    await moveNeeds(tx, { needIds: [row.id], to: "published" });
    const place = { actor: options.actor, entity: "need", entityId: row.ref, organisationId: found.case.organisationId, regionCode: row.regionCode, ip: options.ip };
    await recordAudit(tx, { ...place, action: "need.publish", before: { status: row.status }, after: { status: "published", fields: changed } });
    // The reason is kept (it passed the guard itself); what was found is named by kind only.
    if (gate.kind === "override") await recordAudit(tx, { ...place, action: "need.publish-override", after: { kinds: gate.kinds, fields: gate.fields }, note: gate.reason });
    return { kind: "published", ref: row.ref };
  });
}

const MOVES: Record<NeedStatusIntent, { to: NeedStatus; from: readonly NeedStatus[]; action: AuditAction }> = {
  // Back to the drafts: off the site and out of the index until published again.
  unpublish: { to: "draft", from: UNPUBLISHABLE_NEED_STATUSES, action: "need.unpublish" },
  withdraw: { to: "withdrawn", from: WITHDRAWABLE_NEED_STATUSES, action: "need.withdraw" },
  // A withdrawn or expired need becomes a draft again, to be checked and published anew.
  restore: { to: "draft", from: RESTORABLE_NEED_STATUSES, action: "need.restore" },
};

/**
 * Unpublishes, withdraws or restores a need of the actor's region; public at once. Withdrawing it
 * withdraws its open matches too (endNeeds: places given back, providers told, emailed after the
 * commit when given `mail`). Throws 404 outside the region and NeedTransitionError (409) for a move
 * its status does not allow.
 */
export async function moveNeedStatus(options: {
  db: Database;
  actor: Actor;
  ref: string;
  intent: NeedStatusIntent;
  ip: string | null;
  /** context.runtime: the providers' notifications are emailed after the commit. */
  mail?: NotificationMail;
}): Promise<{ ref: string; status: NeedStatus; withdrawnMatches: string[] }> {
  const scope = regionScope(options.actor, "write-cases");
  const move = MOVES[options.intent];
  const { to } = move;
  const done = await options.db.transaction(async (tx) => {
    // The need's open matches are locked before the need, the order of every match step.
    if (isEndingNeedStatus(to)) {
      const [found] = await tx.select({ id: needs.id }).from(needs).where(and(eq(needs.ref, options.ref), inRegionScope(needs.regionCode, scope)));
      if (found) await lockOpenMatches(tx, [found.id]);
    }
    const row = await lockNeed(tx, scope, options.ref);
    if (!row) throw needNotFound();
    if (!move.from.includes(row.status) || !canMoveNeed(row.status, move.to)) throw new NeedTransitionError(row.ref, row.status, move.to);
    let ended: OpenMatchesWithdrawn = { refs: [], notificationIds: [] };
    if (isEndingNeedStatus(to)) ended = (await endNeeds(tx, { needIds: [row.id], to, actor: options.actor, ip: options.ip })).matches;
    else await moveNeeds(tx, { needIds: [row.id], to });
    const [household] = await tx.select({ organisationId: cases.organisationId }).from(cases).where(eq(cases.id, row.caseId));
    await recordAudit(tx, {
      actor: options.actor,
      action: move.action,
      entity: "need",
      entityId: row.ref,
      organisationId: household?.organisationId ?? null,
      regionCode: row.regionCode,
      ip: options.ip,
      before: { status: row.status },
      after: { status: move.to, ...(ended.refs.length ? { matchesWithdrawn: ended.refs } : {}) },
    });
    return { ref: row.ref, status: move.to, withdrawnMatches: ended.refs, notificationIds: ended.notificationIds };
  });
  if (options.mail) await emailNotifications(options.db, options.mail, done.notificationIds);
  return { ref: done.ref, status: done.status, withdrawnMatches: done.withdrawnMatches };
}
