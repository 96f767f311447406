// The offers of the actor's own organisation, as its members manage them at /organisation/offers:
// every status (drafts too), with the places left and how many matches each has.
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import type { Actor } from "../auth/actor";
import { notFound } from "../errors/domain-error";
import { matchCountsOfOffers } from "../matching/match-counts.server";
import type { OfferContent } from "./offer-form";
import type { OfferStatus } from "./offer-vocabulary";
import { offerOrganisationOf } from "./offer-writes.server";

/** Matches per offer id: all of them, and the proposals waiting for the organisation's answer. */
async function matchCounts(db: Database, offerIds: readonly string[]): Promise<Map<string, { total: number; waiting: number }>> {
  const byOffer = await matchCountsOfOffers(db, offerIds);
  return new Map(Object.entries(byOffer).map(([id, counts]) => [id, { total: Object.values(counts).reduce((a, b) => a + b, 0), waiting: counts.proposed }]));
}

export async function listOrganisationOffers(options: { db: Database; actor: Actor; status?: OfferStatus }) {
  const organisationId = offerOrganisationOf(options.actor);
  const rows = await options.db
    .select({
      id: offers.id,
      ref: offers.ref,
      title: offers.title,
      offerType: offers.offerType,
      category: offers.category,
      status: offers.status,
      closedReason: offers.closedReason,
      capacity: offers.capacity,
      remainingCapacity: offers.remainingCapacity,
      validFrom: offers.validFrom,
      validUntil: offers.validUntil,
      updatedAt: offers.updatedAt,
    })
    .from(offers)
    .where(and(eq(offers.organisationId, organisationId), options.status ? eq(offers.status, options.status) : undefined))
    .orderBy(desc(offers.updatedAt), desc(offers.id));
  const counts = await matchCounts(options.db, rows.map((r) => r.id));
  return rows.map(({ id, ...row }) => ({ ...row, matchCount: counts.get(id)?.total ?? 0, matchesWaiting: counts.get(id)?.waiting ?? 0 }));
}

/** One offer of the actor's organisation for its edit page; 404 for any other reference. */
export async function getOrganisationOffer(options: { db: Database; actor: Actor; ref: string }) {
  const organisationId = offerOrganisationOf(options.actor);
  const [row] = await options.db
    .select()
    .from(offers)
    .where(and(eq(offers.ref, options.ref), eq(offers.organisationId, organisationId)));
  if (!row) throw notFound("offerNotFound", "No such offer of your organisation.");
  const content: OfferContent = {
    offerType: row.offerType,
    category: row.category,
    title: row.title,
    description: row.description,
    skills: row.skills,
    regionCodes: row.regionCodes,
    capacity: row.capacity,
    amount: row.amount,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    details: row.details,
  };
  const counts = await matchCounts(options.db, [row.id]);
  return {
    ref: row.ref,
    status: row.status,
    closedReason: row.closedReason,
    remainingCapacity: row.remainingCapacity,
    version: row.version,
    updatedAt: row.updatedAt,
    matchCount: counts.get(row.id)?.total ?? 0,
    matchesWaiting: counts.get(row.id)?.waiting ?? 0,
    content,
  };
}
