// What every write of an offer shares: finding the actor's own organisation and offer (another
// organisation's reference finds nothing, a 404), checking the covered regions against the region
// tree, and — for a change the public side sees — moving the version and queueing the
// search-outbox row in the writer's transaction.
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { searchOutbox } from "../../../db/schema/search-outbox";
import type { Actor } from "../auth/actor";
import { canManageOffers } from "../auth/permissions";
import { forbidden, invalid, notFound } from "../errors/domain-error";
import { moneyToString, parseMoney } from "../money/money";
import type { RegionDirectory } from "../regions/region-directory.server";
import type { OfferContent } from "./offer-form";

/** The organisation whose offers the actor writes; 403 for anyone who writes none. */
export function offerOrganisationOf(actor: Actor): string {
  if (!canManageOffers(actor) || !actor.membership) throw forbidden();
  return actor.membership.organisationId;
}

/** The organisation's row, locked: its verification decides whether an offer may go public. */
export async function lockOrganisation(tx: Transaction, organisationId: string) {
  const [row] = await tx
    .select({ id: organisations.id, status: organisations.status, regionCode: organisations.regionCode, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .for("update");
  if (!row) throw forbidden();
  return row;
}

/** Locks one offer of the organisation for a write; 404 for any other reference. */
export async function lockOwnOffer(tx: Transaction, organisationId: string, ref: string) {
  const [row] = await tx
    .select()
    .from(offers)
    .where(and(eq(offers.ref, ref), eq(offers.organisationId, organisationId)))
    .for("update");
  if (!row) throw notFound("offerNotFound", "No such offer of your organisation.");
  return row;
}

/** Moves an offer's version and queues its search update (upsert when listed, delete otherwise). */
export async function queueOffer(tx: Transaction, offerId: string): Promise<void> {
  const [row] = await tx.update(offers).set({ version: sql`${offers.version} + 1`, updatedAt: new Date() }).where(eq(offers.id, offerId)).returning({ ref: offers.ref });
  if (row) await tx.insert(searchOutbox).values({ entity: "offer", ref: row.ref });
}

/** The stored form of an amount: through the money module, never a JS number. */
export const storedAmount = (text: string | null) => (text === null ? null : moneyToString(parseMoney(text)));

/** Amounts in the details as canonical text ("3500.00"). */
export function storedDetails(details: OfferContent["details"]): OfferContent["details"] {
  const out = { ...details };
  for (const key of ["payMin", "payMax", "learnerCost"] as const) {
    const value = out[key];
    if (value !== undefined) out[key] = moneyToString(parseMoney(value));
  }
  return out;
}

/**
 * The covered regions as stored: known codes only, none below another chosen one (a province
 * covers all below it), in code order. Unknown codes are listed for the form to name.
 */
export function normaliseRegionCodes(directory: RegionDirectory, codes: readonly string[]): { codes: string[]; unknown: string[] } {
  const unknown = codes.filter((code) => !directory.get(code));
  const known = [...new Set(codes.filter((code) => directory.get(code)))];
  const kept = known.filter((code) => !known.some((other) => other !== code && code.startsWith(other)));
  return { codes: kept.sort(), unknown };
}

/** The content as stored, or a 400 naming what cannot be stored. */
export function checkedContent(directory: RegionDirectory, content: OfferContent): OfferContent {
  const regions = normaliseRegionCodes(directory, content.regionCodes);
  if (regions.unknown.length || !regions.codes.length) throw invalid(`regions: unknown or missing region codes (${regions.unknown.join(", ")})`);
  if (content.offerType === "grant" && content.amount === null) throw invalid("amount: a grant needs its amount per recipient");
  if (content.validFrom && content.validUntil && content.validFrom > content.validUntil) throw invalid("validUntil: must not be before validFrom");
  if (!Number.isInteger(content.capacity) || content.capacity < 1) throw invalid("capacity: must be a whole number of at least 1");
  return { ...content, regionCodes: regions.codes, amount: storedAmount(content.amount), details: storedDetails(content.details) };
}

/** The audit place of an offer: its organisation and that organisation's region. */
export function auditPlace(actor: Actor | null, organisation: { id: string; regionCode: string }, ref: string, ip: string | null) {
  return { actor, entity: "offer", entityId: ref, organisationId: organisation.id, regionCode: organisation.regionCode, ip };
}
