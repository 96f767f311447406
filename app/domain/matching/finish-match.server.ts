// The provider closes the loop on an accepted match with an outcome note: fulfilled (the place
// stays taken; the caseworker may then mark the need fulfilled) or failed (the place is given back,
// and a matched need with nothing else accepted is published again).
import { auditMatch } from "./match-audit.server";
import { lockProviderMatch } from "./match-in-scope.server";
import { needUnmatchedIfLast } from "./match-need-status.server";
import { notifyMatchSide } from "./match-people.server";
import { matchText } from "./match-text";
import type { MatchVerbOptions } from "./match-verb.server";
import { afterMatchCommit } from "./match-verb.server";
import { assertMatchMove, moveMatch } from "./move-match.server";
import { returnOfferUnit } from "./offer-capacity.server";

async function finishMatch(options: MatchVerbOptions & { matchRef: string; note: string }, to: "fulfilled" | "failed"): Promise<{ ref: string }> {
  const { db, actor, ip } = options;
  const note = matchText(options.note, "note", { required: true }) ?? "";
  const done = await db.transaction(async (tx) => {
    const match = await lockProviderMatch(tx, actor, options.matchRef);
    assertMatchMove(match.ref, match.status, to);
    await moveMatch(tx, { match, to, actor, note, set: { outcomeNote: note } });
    const remaining = to === "failed" ? await returnOfferUnit(tx, match.offerId) : null;
    const republished = to === "failed" ? await needUnmatchedIfLast(tx, match.needId) : [];
    await auditMatch(tx, {
      actor,
      action: to === "fulfilled" ? "match.fulfil" : "match.fail",
      match,
      ip,
      before: { status: match.status },
      after: { status: to, ...(remaining === null ? {} : { remainingCapacity: remaining, needPublishedAgain: republished.length > 0 }) },
    });
    const notices = await notifyMatchSide(tx, { match, side: "staff", kind: to === "fulfilled" ? "match-fulfilled" : "match-failed", actor });
    return { ref: match.ref, notices };
  });
  await afterMatchCommit(options, done.notices);
  return { ref: done.ref };
}

export function fulfilMatch(options: MatchVerbOptions & { matchRef: string; note: string }): Promise<{ ref: string }> {
  return finishMatch(options, "fulfilled");
}

export function failMatch(options: MatchVerbOptions & { matchRef: string; note: string }): Promise<{ ref: string }> {
  return finishMatch(options, "failed");
}
