// The caseworker marks a need fulfilled from a match its provider reported fulfilled: the need goes
// matched → fulfilled (off the site), its other open matches are withdrawn (accepted ones give
// their place back) and the providers are told.
import { and, eq, inArray, ne } from "drizzle-orm";
import { cases } from "../../../db/schema/cases";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { NeedTransitionError, moveNeeds } from "../needs/need-lifecycle.server";
import { auditMatch } from "./match-audit.server";
import { lockedMatchColumns, lockStaffMatch } from "./match-in-scope.server";
import { notifyMatchSide } from "./match-people.server";
import { OPEN_MATCH_STATUSES } from "./match-status";
import type { MatchVerbOptions } from "./match-verb.server";
import { afterMatchCommit } from "./match-verb.server";
import { MatchTransitionError, assertMatchMove, moveMatch } from "./move-match.server";
import { returnOfferUnit } from "./offer-capacity.server";

export async function markNeedFulfilled(options: MatchVerbOptions & { matchRef: string }): Promise<{ ref: string; withdrawn: string[] }> {
  const { db, actor, ip } = options;
  const done = await db.transaction(async (tx) => {
    const match = await lockStaffMatch(tx, actor, options.matchRef);
    if (match.status !== "fulfilled") throw new MatchTransitionError(match.ref, match.status, "fulfilled");
    if (match.needStatus !== "matched") throw new NeedTransitionError(match.needRef, match.needStatus, "fulfilled");
    const others = await tx
      .select(lockedMatchColumns)
      .from(matches)
      .innerJoin(needs, eq(needs.id, matches.needId))
      .innerJoin(cases, eq(cases.id, needs.caseId))
      .innerJoin(offers, eq(offers.id, matches.offerId))
      .where(and(eq(matches.needId, match.needId), ne(matches.id, match.id), inArray(matches.status, [...OPEN_MATCH_STATUSES])))
      .orderBy(matches.id)
      .for("update", { of: matches });
    const notices: string[] = [];
    for (const other of others) {
      assertMatchMove(other.ref, other.status, "withdrawn");
      await moveMatch(tx, { match: other, to: "withdrawn", actor, note: null });
      const remaining = other.status === "accepted" ? await returnOfferUnit(tx, other.offerId) : null;
      await auditMatch(tx, { actor, action: "match.withdraw", match: other, ip, before: { status: other.status }, after: { status: "withdrawn", reason: "need-fulfilled", ...(remaining === null ? {} : { remainingCapacity: remaining }) } });
      notices.push(...(await notifyMatchSide(tx, { match: other, side: "provider", kind: "match-withdrawn", actor })));
    }
    await moveNeeds(tx, { needIds: [match.needId], to: "fulfilled" });
    await auditMatch(tx, { actor, action: "need.fulfil-from-match", match, ip, before: { needStatus: match.needStatus }, after: { needStatus: "fulfilled", withdrawn: others.map((o) => o.ref) } });
    notices.push(...(await notifyMatchSide(tx, { match, side: "provider", kind: "need-fulfilled", actor })));
    return { ref: match.ref, withdrawn: others.map((o) => o.ref), notices };
  });
  await afterMatchCommit(options, done.notices);
  return { ref: done.ref, withdrawn: done.withdrawn };
}
