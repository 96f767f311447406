// An organisation opens (publishes), pauses, reopens or closes one of its offers (offer-status.ts).
// Opening needs a verified organisation and an end date not yet passed. Every move changes what
// the public sees: the version moves and the search-outbox row is queued in the same transaction.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { canPublishOffers } from "../auth/permissions";
import { DomainError, conflict } from "../errors/domain-error";
import { matchingToday } from "../matching/hard-rules";
import type { OfferMove } from "./offer-status";
import { OFFER_MOVE_AUDIT, canMoveOffer, isPastEnd } from "./offer-status";
import { auditPlace, lockOrganisation, lockOwnOffer, offerOrganisationOf, queueOffer } from "./offer-writes.server";

export async function changeOfferStatus(options: { db: Database; actor: Actor; ref: string; to: OfferMove; ip: string | null; today?: string }): Promise<{ ref: string; changed: boolean }> {
  const organisationId = offerOrganisationOf(options.actor);
  const today = options.today ?? matchingToday();
  return options.db.transaction(async (tx) => {
    const organisation = await lockOrganisation(tx, organisationId);
    const offer = await lockOwnOffer(tx, organisationId, options.ref);
    if (offer.status === options.to) return { ref: offer.ref, changed: false };
    if (!canMoveOffer(offer.status, options.to)) throw conflict("offerMoveRefused", `offer ${offer.ref} cannot go from ${offer.status} to ${options.to}`, { ref: offer.ref });
    if (options.to === "open") {
      if (!canPublishOffers(organisation)) throw new DomainError("forbidden", "offerPublishingNotVerified", "only a verified organisation publishes offers");
      if (isPastEnd(offer.validUntil, today)) throw conflict("offerPastEnd", `offer ${offer.ref} ended on ${offer.validUntil}`, { ref: offer.ref, date: offer.validUntil ?? "" });
    }
    await tx
      .update(offers)
      .set({ status: options.to, closedReason: options.to === "closed" ? "closed" : null })
      .where(eq(offers.id, offer.id));
    await queueOffer(tx, offer.id);
    await recordAudit(tx, {
      ...auditPlace(options.actor, organisation, offer.ref, options.ip),
      action: OFFER_MOVE_AUDIT[options.to],
      before: { status: offer.status, ...(offer.closedReason ? { closedReason: offer.closedReason } : {}) },
      after: { status: options.to },
    });
    return { ref: offer.ref, changed: true };
  });
}
