// An organisation's member writes a new offer: kept as a draft, or published at once when the
// organisation is verified (canPublishOffers). A published offer is queued for the index in the
// same transaction; the caller kicks the search worker after the commit.
import type { Database } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { canPublishOffers } from "../auth/permissions";
import { DomainError, invalid } from "../errors/domain-error";
import { matchingToday } from "../matching/hard-rules";
import { newPublicReference } from "../needs/public-reference.server";
import { getRegionDirectory } from "../regions/region-directory.server";
import type { OfferContent } from "./offer-form";
import { isPastEnd } from "./offer-status";
import { auditPlace, checkedContent, lockOrganisation, offerOrganisationOf } from "./offer-writes.server";

export async function createOffer(options: { db: Database; actor: Actor; content: OfferContent; publish: boolean; ip: string | null; today?: string }): Promise<{ ref: string }> {
  const organisationId = offerOrganisationOf(options.actor);
  const content = checkedContent(await getRegionDirectory(options.db), options.content);
  const today = options.today ?? matchingToday();
  if (isPastEnd(content.validUntil, today)) throw invalid("validUntil: the end date has passed");
  return options.db.transaction(async (tx) => {
    const organisation = await lockOrganisation(tx, organisationId);
    if (options.publish && !canPublishOffers(organisation)) throw new DomainError("forbidden", "offerPublishingNotVerified", "only a verified organisation publishes offers");
    const status = options.publish ? "open" : "draft";
    // A random reference can collide with one in use (about 1 in 10^10 per offer): draw again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [row] = await tx
        .insert(offers)
        .values({ ref: newPublicReference("O"), organisationId, ...content, remainingCapacity: content.capacity, status, createdBy: options.actor.userId })
        .onConflictDoNothing({ target: offers.ref })
        .returning({ ref: offers.ref });
      if (!row) continue;
      if (status === "open") await tx.insert(searchOutbox).values({ entity: "offer", ref: row.ref });
      await recordAudit(tx, {
        ...auditPlace(options.actor, organisation, row.ref, options.ip),
        action: "offer.create",
        after: { status, offerType: content.offerType, category: content.category, capacity: content.capacity, regions: content.regionCodes },
      });
      return row;
    }
    throw new Error("could not draw a free offer reference");
  });
}
