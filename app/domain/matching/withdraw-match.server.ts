// Union staff withdraw an open match with a note the provider reads. An accepted match gives its
// place back, and a matched need with nothing else accepted is published again. Also the step for
// every open match of a need that ends — withdrawn by the caseworker or with the household's
// consent, expired, or fulfilled through another match (withdrawOpenMatches, called by endNeeds).
import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import type { Actor } from "../auth/actor";
import { auditMatch } from "./match-audit.server";
import type { LockedMatch } from "./match-in-scope.server";
import { lockedMatchColumns, lockStaffMatch } from "./match-in-scope.server";
import { needUnmatchedIfLast } from "./match-need-status.server";
import { notifyMatchSide } from "./match-people.server";
import { OPEN_MATCH_STATUSES } from "./match-status";
import { matchText } from "./match-text";
import type { MatchVerbOptions } from "./match-verb.server";
import { afterMatchCommit } from "./match-verb.server";
import { assertMatchMove, moveMatch } from "./move-match.server";
import { returnOfferUnit } from "./offer-capacity.server";

/** Withdraws one locked match; gives its place back if it was accepted. Returns the remaining capacity then, or null. */
async function withdrawLocked(tx: Transaction, match: LockedMatch, actor: Pick<Actor, "userId">, note: string | null): Promise<number | null> {
  assertMatchMove(match.ref, match.status, "withdrawn");
  await moveMatch(tx, { match, to: "withdrawn", actor, note });
  return match.status === "accepted" ? returnOfferUnit(tx, match.offerId) : null;
}

export async function withdrawMatch(options: MatchVerbOptions & { matchRef: string; note: string }): Promise<{ ref: string }> {
  const { db, actor, ip } = options;
  const note = matchText(options.note, "note", { required: true });
  const done = await db.transaction(async (tx) => {
    const match = await lockStaffMatch(tx, actor, options.matchRef);
    const remaining = await withdrawLocked(tx, match, actor, note);
    const republished = match.status === "accepted" ? await needUnmatchedIfLast(tx, match.needId) : [];
    await auditMatch(tx, {
      actor,
      action: "match.withdraw",
      match,
      ip,
      before: { status: match.status },
      after: { status: "withdrawn", ...(remaining === null ? {} : { remainingCapacity: remaining, needPublishedAgain: republished.length > 0 }) },
    });
    const notices = await notifyMatchSide(tx, { match, side: "provider", kind: "match-withdrawn", actor });
    return { ref: match.ref, notices };
  });
  await afterMatchCommit(options, done.notices);
  return { ref: done.ref };
}

/** Why open matches are withdrawn with their need (the audit row's `reason`). */
export type MatchWithdrawalReason = "need-withdrawn" | "need-expired" | "need-fulfilled" | "consent-withdrawn";

/** What withdrawOpenMatches did: the match refs, and the notification ids to email after the commit. */
export interface OpenMatchesWithdrawn {
  refs: string[];
  notificationIds: string[];
}

/** Locks the open matches of these needs (before the needs: the lock order of every match step). */
export async function lockOpenMatches(tx: Transaction, needIds: readonly string[]): Promise<LockedMatch[]> {
  if (!needIds.length) return [];
  return tx
    .select(lockedMatchColumns)
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .where(and(inArray(matches.needId, [...needIds]), inArray(matches.status, [...OPEN_MATCH_STATUSES])))
    .orderBy(matches.id)
    .for("update", { of: matches });
}

/**
 * Withdraws every open match of these needs, in the caller's transaction (endNeeds, which ends the
 * needs right after): each gets its event and audit row, an accepted one gives its place back, and
 * each provider is told — without a word about who the household is.
 */
export async function withdrawOpenMatches(
  tx: Transaction,
  options: { needIds: readonly string[]; actor: Pick<Actor, "userId" | "email">; ip: string | null; reason: MatchWithdrawalReason },
): Promise<OpenMatchesWithdrawn> {
  const { actor, reason } = options;
  const open = await lockOpenMatches(tx, options.needIds);
  const notificationIds: string[] = [];
  for (const match of open) {
    const remaining = await withdrawLocked(tx, match, actor, null);
    await auditMatch(tx, {
      actor,
      action: "match.withdraw",
      match,
      ip: options.ip,
      before: { status: match.status },
      after: { status: "withdrawn", reason, ...(remaining === null ? {} : { remainingCapacity: remaining }) },
    });
    const kind = reason === "consent-withdrawn" ? "match-withdrawn-consent" : "match-withdrawn";
    notificationIds.push(...(await notifyMatchSide(tx, { match, side: "provider", kind, actor })));
  }
  return { refs: open.map((m) => m.ref), notificationIds };
}
