// "We can help" on a need's public page: what the signed-in person's organisation may offer for
// this need. Only its offers that pass every hard rule for the need are listed (open, valid today,
// with places left, covering the need's county, of a category that serves it), so the form offers
// nothing that requestMatch would refuse; offers already in play with this need are shown apart.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import { canRequestMatch } from "../auth/permissions";
import type { NeedCategory, NeedStatus } from "../needs/need-category";
import { offerRuleColumns, ruleOffer } from "./pair-rules.server";
import { hardRuleFailures, matchingToday } from "./hard-rules";
import type { MatchStatus } from "./match-status";
import { OPEN_MATCH_STATUSES } from "./match-status";

export interface OfferToHelpWith {
  ref: string;
  title: string;
  category: NeedCategory;
  remainingCapacity: number;
}

export interface MatchInPlay {
  matchRef: string;
  offerRef: string;
  offerTitle: string;
  status: MatchStatus;
}

/**
 * - `not-provider`: the actor is no member of a provider organisation (a donor, union staff);
 * - `unverified`: their organisation waits for (or was refused) the union's verification;
 * - `offers`: the offers they may send for this need, and their matches with it still in play.
 */
export type HelpChoice = { kind: "not-provider" } | { kind: "unverified" } | { kind: "offers"; offers: OfferToHelpWith[]; inPlay: MatchInPlay[] };

/** What the actor's organisation can offer for the need `needRef` (a public need: county, category, status). */
export async function listOffersToHelpWith(options: {
  db: Database;
  actor: Actor;
  need: { ref: string; category: NeedCategory; regionCode: string; status: NeedStatus };
  today?: string;
}): Promise<HelpChoice> {
  const { db, actor, need } = options;
  const membership = actor.membership;
  if (!membership || membership.kind === "union") return { kind: "not-provider" };
  if (!canRequestMatch(actor)) return { kind: "unverified" };
  const today = options.today ?? matchingToday();
  const [rows, inPlay] = await Promise.all([
    db
      .select({ ref: offers.ref, title: offers.title, ...offerRuleColumns })
      .from(offers)
      .innerJoin(organisations, eq(organisations.id, offers.organisationId))
      .where(and(eq(offers.organisationId, membership.organisationId), eq(offers.status, "open")))
      .orderBy(offers.title),
    db
      .select({ matchRef: matches.ref, offerRef: offers.ref, offerTitle: offers.title, status: matches.status })
      .from(matches)
      .innerJoin(offers, eq(offers.id, matches.offerId))
      .innerJoin(needs, eq(needs.id, matches.needId))
      .where(and(eq(needs.ref, need.ref), eq(offers.organisationId, membership.organisationId), inArray(matches.status, OPEN_MATCH_STATUSES)))
      .orderBy(offers.title),
  ]);
  const busy = new Set(inPlay.map((m) => m.offerRef));
  const available = rows.filter(
    (offer) => !busy.has(offer.ref) && hardRuleFailures(need, ruleOffer(offer), today).length === 0,
  );
  return {
    kind: "offers",
    offers: available.map(({ ref, title, category, remainingCapacity }) => ({ ref, title, category, remainingCapacity })),
    inPlay,
  };
}
