// Saying no, with a reason the other side reads: the provider declines a match the union proposed;
// union staff decline a provider's request. Each side declines only what waits on it.
import { canCurateMatches } from "../auth/permissions";
import { auditMatch } from "./match-audit.server";
import { lockProviderMatch, lockStaffMatch } from "./match-in-scope.server";
import { notifyMatchSide } from "./match-people.server";
import { matchText } from "./match-text";
import type { MatchVerbOptions } from "./match-verb.server";
import { afterMatchCommit } from "./match-verb.server";
import { MatchTransitionError, moveMatch } from "./move-match.server";

export async function declineMatch(options: MatchVerbOptions & { matchRef: string; reason: string }): Promise<{ ref: string }> {
  const { db, actor, ip } = options;
  const reason = matchText(options.reason, "reason", { required: true }) ?? "";
  const staff = canCurateMatches(actor);
  const done = await db.transaction(async (tx) => {
    const match = staff ? await lockStaffMatch(tx, actor, options.matchRef) : await lockProviderMatch(tx, actor, options.matchRef);
    // Staff decline a request (a proposal is theirs to withdraw); the provider declines a proposal.
    if (match.status !== (staff ? "requested" : "proposed")) throw new MatchTransitionError(match.ref, match.status, "declined");
    await moveMatch(tx, { match, to: "declined", actor, note: reason, set: { declineReason: reason, ...(staff ? { caseworkerId: actor.userId } : {}) } });
    await auditMatch(tx, { actor, action: "match.decline", match, ip, before: { status: match.status }, after: { status: "declined", by: staff ? "union" : "provider" } });
    const notices = await notifyMatchSide(tx, { match, side: staff ? "provider" : "staff", kind: "match-declined", actor });
    return { ref: match.ref, notices };
  });
  await afterMatchCommit(options, done.notices);
  return { ref: done.ref };
}
