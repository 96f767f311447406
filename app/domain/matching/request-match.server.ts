// "We can help": a member of a verified provider organisation offers one of its own listed offers
// for a public need, with a message. The match waits as `requested` for the union to review; the
// union that holds the household is told. The provider never learns who the worker is.
import { eq } from "drizzle-orm";
import { matchEvents, matches } from "../../../db/schema/matches";
import { offers } from "../../../db/schema/offers";
import { canRequestMatch } from "../auth/permissions";
import { forbidden } from "../errors/domain-error";
import { isPublic } from "../needs/public-needs.server";
import { newPublicReference } from "../needs/public-reference.server";
import { auditMatch } from "./match-audit.server";
import { findPairNeed, findPairOffer, isOpenPairViolation, lockOpenMatchOfPair, openAlready } from "./match-pair.server";
import { notifyMatchSide } from "./match-people.server";
import { matchText } from "./match-text";
import type { MatchVerbOptions } from "./match-verb.server";
import { afterMatchCommit } from "./match-verb.server";
import { assertPairAllowed } from "./pair-rules.server";

export async function requestMatch(options: MatchVerbOptions & { needRef: string; offerRef: string; message: string }): Promise<{ ref: string }> {
  const { db, actor, ip } = options;
  const organisationId = actor.membership?.organisationId;
  if (!canRequestMatch(actor) || !organisationId) throw forbidden("Only members of a verified provider organisation offer help.");
  const message = matchText(options.message, "message", { required: true });
  const done = await db
    .transaction(async (tx) => {
      const need = await findPairNeed(tx, options.needRef, isPublic);
      const offer = await findPairOffer(tx, options.offerRef, eq(offers.organisationId, organisationId));
      if (await lockOpenMatchOfPair(tx, need.id, offer.id)) throw openAlready();
      await assertPairAllowed(tx, need.id, offer.id);
      const now = new Date();
      const [row] = await tx
        .insert(matches)
        .values({ ref: newPublicReference("M"), needId: need.id, offerId: offer.id, origin: "requested", status: "requested", message, createdBy: actor.userId, statusChangedAt: now })
        .returning({ id: matches.id, ref: matches.ref });
      if (!row) throw new Error("match not inserted");
      await tx.insert(matchEvents).values({ matchId: row.id, fromStatus: null, toStatus: "requested", actorUserId: actor.userId, note: message, occurredAt: now });
      const match = {
        ...row,
        needRef: need.ref,
        offerRef: offer.ref,
        offerTitle: offer.title,
        caseworkerId: null,
        caseOrganisationId: need.caseOrganisationId,
        offerOrganisationId: offer.organisationId,
        needRegionCode: need.regionCode,
      };
      await auditMatch(tx, { actor, action: "match.request", match, ip, after: { status: "requested" } });
      const notices = await notifyMatchSide(tx, { match, side: "staff", kind: "match-requested", actor });
      return { ref: row.ref, notices };
    })
    .catch((error: unknown) => {
      throw isOpenPairViolation(error) ? openAlready() : error;
    });
  await afterMatchCommit(options, done.notices);
  return { ref: done.ref };
}
