// An organisation's member edits one of its offers. The places already taken stay taken: a new
// capacity below them is refused, and the remaining places move with the capacity. An edit of an
// offer the public can see moves its version and queues it for the index in the same transaction.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { invalid } from "../errors/domain-error";
import { matchingToday } from "../matching/hard-rules";
import { getRegionDirectory } from "../regions/region-directory.server";
import type { OfferContent } from "./offer-form";
import { isPastEnd } from "./offer-status";
import { auditPlace, checkedContent, lockOrganisation, lockOwnOffer, offerOrganisationOf, queueOffer } from "./offer-writes.server";

const FIELDS = ["offerType", "category", "title", "description", "skills", "regionCodes", "capacity", "amount", "validFrom", "validUntil", "details"] as const;

// jsonb keeps its keys in its own order: details are compared with their keys sorted.
const canonical = (value: unknown): string =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
    : JSON.stringify(value);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Saves an offer's content; returns the names of the fields that changed. */
export async function updateOffer(options: { db: Database; actor: Actor; ref: string; content: OfferContent; ip: string | null; today?: string }): Promise<{ ref: string; changed: string[] }> {
  const organisationId = offerOrganisationOf(options.actor);
  const content = checkedContent(await getRegionDirectory(options.db), options.content);
  const today = options.today ?? matchingToday();
  return options.db.transaction(async (tx) => {
    const organisation = await lockOrganisation(tx, organisationId);
    const current = await lockOwnOffer(tx, organisationId, options.ref);
    const changed = FIELDS.filter((field) => !same(current[field], content[field]));
    if (!changed.length) return { ref: current.ref, changed: [] };
    // Open or paused offers must not be given an end date already gone: the expiry job would close them at once.
    if ((current.status === "open" || current.status === "paused") && isPastEnd(content.validUntil, today)) throw invalid("validUntil: the end date has passed");
    const taken = current.capacity - current.remainingCapacity;
    if (content.capacity < taken) throw invalid(`capacity: ${taken} places are already taken`, "invalidInput", { taken });
    await tx
      .update(offers)
      .set({ ...content, remainingCapacity: content.capacity - taken, updatedAt: new Date() })
      .where(eq(offers.id, current.id));
    if (current.status !== "draft") await queueOffer(tx, current.id);
    await recordAudit(tx, { ...auditPlace(options.actor, organisation, current.ref, options.ip), action: "offer.update", after: { status: current.status, fields: changed } });
    return { ref: current.ref, changed };
  });
}
