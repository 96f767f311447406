// Finding the need and the offer a new match pairs, and the match of that pair still in play.
import { and, eq, inArray } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { conflict, notFound } from "../errors/domain-error";
import { OPEN_MATCH_STATUSES } from "./match-status";

/** A need by reference under an extra condition (public, or in the staff member's scope); 404 otherwise. */
export async function findPairNeed(tx: Transaction, ref: string, where: SQL) {
  const [need] = await tx
    .select({ id: needs.id, ref: needs.ref, status: needs.status, regionCode: needs.regionCode, caseOrganisationId: cases.organisationId })
    .from(needs)
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .where(and(eq(needs.ref, ref), where));
  if (!need) throw notFound("needNotFound", "No such need.");
  return need;
}

/** An offer by reference under an extra condition (the provider's own); 404 otherwise. */
export async function findPairOffer(tx: Transaction, ref: string, where?: SQL) {
  const [offer] = await tx
    .select({ id: offers.id, ref: offers.ref, title: offers.title, organisationId: offers.organisationId })
    .from(offers)
    .where(and(eq(offers.ref, ref), where));
  if (!offer) throw notFound("offerNotFound", "No such offer.");
  return offer;
}

/** The pair's match in play (requested, proposed or accepted), locked, or null. */
export async function lockOpenMatchOfPair(tx: Transaction, needId: string, offerId: string) {
  const [row] = await tx
    .select({ id: matches.id, ref: matches.ref, status: matches.status, caseworkerId: matches.caseworkerId })
    .from(matches)
    .where(and(eq(matches.needId, needId), eq(matches.offerId, offerId), inArray(matches.status, [...OPEN_MATCH_STATUSES])))
    .for("update");
  return row ?? null;
}

export const openAlready = () => conflict("matchOpenAlready", "This need and this offer already have a match in progress.");

/** True when a new match ran into another transaction's match of the same pair (the partial unique index). */
export function isOpenPairViolation(error: unknown): boolean {
  let e: unknown = error;
  while (typeof e === "object" && e !== null) {
    if ("code" in e && e.code === "23505") return !("constraint" in e) || e.constraint === undefined || e.constraint === "matches_open_pair_idx";
    e = "cause" in e ? e.cause : undefined;
  }
  return false;
}
