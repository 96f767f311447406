// The hard rules for one need and one offer as they are in the database now (hard-rules.ts): a
// pair that breaks one is never requested, proposed or accepted.
import { eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { conflict } from "../errors/domain-error";
import type { HardRule } from "./hard-rules";
import { hardRuleFailures, matchingToday } from "./hard-rules";

/** The columns of an offer (joined to its organisation) that the hard rules read. */
export const offerRuleColumns = {
  category: offers.category,
  status: offers.status,
  remainingCapacity: offers.remainingCapacity,
  validFrom: offers.validFrom,
  validUntil: offers.validUntil,
  regionCodes: offers.regionCodes,
  organisationStatus: organisations.status,
};

/** An offer row as the hard rules take it. */
export function ruleOffer<T extends { organisationStatus: string }>(row: T): T & { organisationVerified: boolean } {
  return { ...row, organisationVerified: row.organisationStatus === "verified" };
}

export async function pairRuleFailures(tx: Transaction, needId: string, offerId: string, options: { ignore?: readonly HardRule[] } = {}): Promise<HardRule[]> {
  const [need] = await tx.select({ category: needs.category, regionCode: needs.regionCode, status: needs.status }).from(needs).where(eq(needs.id, needId));
  const [offer] = await tx
    .select(offerRuleColumns)
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(eq(offers.id, offerId));
  if (!need || !offer) return ["need-not-public"];
  const failures = hardRuleFailures(need, ruleOffer(offer), matchingToday());
  return failures.filter((rule) => !options.ignore?.includes(rule));
}

/** 409 naming the rules when the pair may not be matched now. */
export async function assertPairAllowed(tx: Transaction, needId: string, offerId: string, options: { ignore?: readonly HardRule[] } = {}): Promise<void> {
  const failures = await pairRuleFailures(tx, needId, offerId, options);
  if (failures.includes("offer-full")) throw conflict("offerFull", "This offer has no places left.");
  if (failures.length) throw conflict("matchPairRefused", `this need and offer cannot be matched: ${failures.join(", ")}`, { rules: failures.join(", ") });
}
