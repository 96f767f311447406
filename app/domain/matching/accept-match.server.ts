// The provider accepts a proposed match: one unit of the offer's capacity is taken (a conditional
// UPDATE, so the last place goes to exactly one of two accepting at once; the other gets a 409),
// a published need becomes matched, and the union's caseworker is told.
import type { MatchVerbOptions } from "./match-verb.server";
import { afterMatchCommit } from "./match-verb.server";
import { auditMatch } from "./match-audit.server";
import { lockProviderMatch } from "./match-in-scope.server";
import { needMatched } from "./match-need-status.server";
import { notifyMatchSide } from "./match-people.server";
import { assertMatchMove, moveMatch } from "./move-match.server";
import { takeOfferUnit } from "./offer-capacity.server";
import { assertPairAllowed } from "./pair-rules.server";

export async function acceptMatch(options: MatchVerbOptions & { matchRef: string }): Promise<{ ref: string }> {
  const { db, actor, ip } = options;
  const done = await db.transaction(async (tx) => {
    const match = await lockProviderMatch(tx, actor, options.matchRef);
    assertMatchMove(match.ref, match.status, "accepted");
    await assertPairAllowed(tx, match.needId, match.offerId);
    const remaining = await takeOfferUnit(tx, match.offerId);
    await moveMatch(tx, { match, to: "accepted", actor });
    const needs = await needMatched(tx, match.needId);
    await auditMatch(tx, { actor, action: "match.accept", match, ip, before: { status: match.status }, after: { status: "accepted", remainingCapacity: remaining, needMatched: needs.length > 0 } });
    const notices = await notifyMatchSide(tx, { match, side: "staff", kind: "match-accepted", actor });
    return { ref: match.ref, notices };
  });
  await afterMatchCommit(options, done.notices);
  return { ref: done.ref };
}
