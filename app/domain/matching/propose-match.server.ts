// A caseworker proposes an offer for a need of their region (from a suggestion, with its score and
// reasons, or by hand): the match waits as `proposed` for the provider, who is told. A provider's
// request of the same pair is approved the same way — it becomes the proposal.
import { matchEvents, matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { newPublicReference } from "../needs/public-reference.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import { auditMatch } from "./match-audit.server";
import { findPairNeed, findPairOffer, isOpenPairViolation, lockOpenMatchOfPair, openAlready } from "./match-pair.server";
import { notifyMatchSide } from "./match-people.server";
import { matchText } from "./match-text";
import type { MatchVerbOptions } from "./match-verb.server";
import { afterMatchCommit } from "./match-verb.server";
import { moveMatch } from "./move-match.server";
import { assertPairAllowed } from "./pair-rules.server";

export async function proposeMatch(
  options: MatchVerbOptions & { needRef: string; offerRef: string; message?: string | null; score?: number | null; reasons?: readonly string[] },
): Promise<{ ref: string }> {
  const { db, actor, ip } = options;
  const scope = regionScope(actor, "curate-matches");
  const message = matchText(options.message, "message", { required: false });
  const score = typeof options.score === "number" && Number.isFinite(options.score) ? options.score.toFixed(4) : null;
  const done = await db
    .transaction(async (tx) => {
      const need = await findPairNeed(tx, options.needRef, inRegionScope(needs.regionCode, scope));
      const offer = await findPairOffer(tx, options.offerRef);
      const open = await lockOpenMatchOfPair(tx, need.id, offer.id);
      if (open && open.status !== "requested") throw openAlready();
      await assertPairAllowed(tx, need.id, offer.id);
      let row: { id: string; ref: string };
      if (open) {
        // Approving a provider's request: its message stays; the caseworker's goes with the event.
        await moveMatch(tx, { match: open, to: "proposed", actor, note: message, set: { caseworkerId: actor.userId } });
        row = open;
      } else {
        const now = new Date();
        const [inserted] = await tx
          .insert(matches)
          .values({
            ref: newPublicReference("M"),
            needId: need.id,
            offerId: offer.id,
            origin: "proposed",
            status: "proposed",
            message,
            score,
            reasons: [...(options.reasons ?? [])],
            createdBy: actor.userId,
            caseworkerId: actor.userId,
            statusChangedAt: now,
          })
          .returning({ id: matches.id, ref: matches.ref });
        if (!inserted) throw new Error("match not inserted");
        await tx.insert(matchEvents).values({ matchId: inserted.id, fromStatus: null, toStatus: "proposed", actorUserId: actor.userId, note: message, occurredAt: now });
        row = inserted;
      }
      const match = {
        id: row.id,
        ref: row.ref,
        needRef: need.ref,
        offerRef: offer.ref,
        offerTitle: offer.title,
        caseworkerId: actor.userId,
        caseOrganisationId: need.caseOrganisationId,
        offerOrganisationId: offer.organisationId,
        needRegionCode: need.regionCode,
      };
      await auditMatch(tx, { actor, action: "match.propose", match, ip, before: open ? { status: open.status } : undefined, after: { status: "proposed", score } });
      const notices = await notifyMatchSide(tx, { match, side: "provider", kind: "match-proposed", actor });
      return { ref: row.ref, notices };
    })
    .catch((error: unknown) => {
      throw isOpenPairViolation(error) ? openAlready() : error;
    });
  await afterMatchCommit(options, done.notices);
  return { ref: done.ref };
}
