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

export async function pairRuleFailures(tx: Transaction, needId: string, offerId: string, options: { ignore?: readonly HardRule[] } = {}): Promise<HardRule[]> {
  const [need] = await tx.select({ category: needs.category, regionCode: needs.regionCode, status: needs.status }).from(needs).where(eq(needs.id, needId));
  const [offer] = await tx
    .select({
      category: offers.category,
      status: offers.status,
      remainingCapacity: offers.remainingCapacity,
      validFrom: offers.validFrom,
      validUntil: offers.validUntil,
      regionCodes: offers.regionCodes,
      organisationStatus: organisations.status,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(eq(offers.id, offerId));
  if (!need || !offer) return ["need-not-public"];
  const failures = hardRuleFailures(need, { ...offer, organisationVerified: offer.organisationStatus === "verified" }, matchingToday());
  return failures.filter((rule) => !options.ignore?.includes(rule));
}

/** 409 naming the rules when the pair may not be matched now. */
export async function assertPairAllowed(tx: Transaction, needId: string, offerId: string, options: { ignore?: readonly HardRule[] } = {}): Promise<void> {
  const failures = await pairRuleFailures(tx, needId, offerId, options);
  if (failures.includes("offer-full")) throw conflict("offerFull", "This offer has no places left.");
  if (failures.length) throw conflict("matchPairRefused", `this need and offer cannot be matched: ${failures.join(", ")}`, { rules: failures.join(", ") });
}
