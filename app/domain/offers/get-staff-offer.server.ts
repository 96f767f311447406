// An offer as union staff open it to match it with their needs: any offer of a verified
// organisation (open, paused or closed — a match may point at it) whose coverage overlaps the
// staff member's region: it covers the region or a place in it (an offer for 532923 under a Dali
// union), or a region around it (an offer for 53 under the Xiangyun union). Anything else is not
// found. Public fields only: offers hold no personal data, and staff see what providers wrote.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import type { RegionScope } from "../regions/region-scope.server";
import { coversRegion, inRegionScope, regionScope } from "../regions/region-scope.server";
import type { PublicOffer } from "./public-offer";
import { publicOfferQuery, toPublicOffers } from "./public-offers.server";

/** SQL: one of the offer's covered regions lies in the scope or contains it. */
export function offerOverlapsScope(scope: RegionScope): SQL {
  const code = sql`covered.code`;
  return sql`exists (select 1 from unnest(${offers.regionCodes}) as covered(code) where ${inRegionScope(code, scope)} or ${coversRegion(code, scope)})`;
}

/** The offer and whether it is listed (open, with places left) — only a listed offer gets suggestions. */
export async function getOfferInStaffScope(options: { db: Database; actor: Actor; ref: string }): Promise<{ offer: PublicOffer; listed: boolean } | null> {
  const scope = regionScope(options.actor, "read-cases");
  const rows = await publicOfferQuery(options.db)
    .where(and(eq(offers.ref, options.ref), inArray(offers.status, ["open", "paused", "closed"]), eq(organisations.status, "verified"), offerOverlapsScope(scope)))
    .limit(1);
  const [offer] = await toPublicOffers(options.db, rows);
  if (!offer) return null;
  return { offer, listed: offer.status === "open" && offer.remainingCapacity > 0 };
}
