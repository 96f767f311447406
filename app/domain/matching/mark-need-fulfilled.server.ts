// The caseworker marks a need fulfilled from a match its provider reported fulfilled: the need goes
// matched → fulfilled (off the site), its other open matches are withdrawn (accepted ones give
// their place back) and the providers are told.
import { NeedTransitionError, endNeeds } from "../needs/need-lifecycle.server";
import { auditMatch } from "./match-audit.server";
import { lockStaffMatch } from "./match-in-scope.server";
import { notifyMatchSide } from "./match-people.server";
import type { MatchVerbOptions } from "./match-verb.server";
import { afterMatchCommit } from "./match-verb.server";
import { MatchTransitionError } from "./move-match.server";

export async function markNeedFulfilled(options: MatchVerbOptions & { matchRef: string }): Promise<{ ref: string; withdrawn: string[] }> {
  const { db, actor, ip } = options;
  const done = await db.transaction(async (tx) => {
    const match = await lockStaffMatch(tx, actor, options.matchRef);
    if (match.status !== "fulfilled") throw new MatchTransitionError(match.ref, match.status, "fulfilled");
    if (match.needStatus !== "matched") throw new NeedTransitionError(match.needRef, match.needStatus, "fulfilled");
    // The other open matches are withdrawn with the need (endNeeds), their providers told.
    const { matches: others } = await endNeeds(tx, { needIds: [match.needId], to: "fulfilled", actor, ip: ip ?? null });
    const notices = [...others.notificationIds];
    await auditMatch(tx, { actor, action: "need.fulfil-from-match", match, ip, before: { needStatus: match.needStatus }, after: { needStatus: "fulfilled", withdrawn: others.refs } });
    notices.push(...(await notifyMatchSide(tx, { match, side: "provider", kind: "need-fulfilled", actor })));
    return { ref: match.ref, withdrawn: others.refs, notices };
  });
  await afterMatchCommit(options, done.notices);
  return { ref: done.ref, withdrawn: done.withdrawn };
}
