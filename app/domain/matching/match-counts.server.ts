// How many matches each offer has in each status, for the organisation's list of its offers.
import { count, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { matches } from "../../../db/schema/matches";
import type { MatchStatus } from "./match-status";

/** How many matches each offer has in each status (zero for none), by offer id. */
export async function matchCountsOfOffers(db: Database, offerIds: readonly string[]): Promise<Record<string, Record<MatchStatus, number>>> {
  const result: Record<string, Record<MatchStatus, number>> = {};
  for (const id of offerIds) result[id] = { requested: 0, proposed: 0, accepted: 0, declined: 0, withdrawn: 0, fulfilled: 0, failed: 0 };
  if (!offerIds.length) return result;
  const rows = await db
    .select({ offerId: matches.offerId, status: matches.status, n: count() })
    .from(matches)
    .where(inArray(matches.offerId, [...offerIds]))
    .groupBy(matches.offerId, matches.status);
  for (const row of rows) {
    const counts = result[row.offerId];
    if (counts) counts[row.status] = row.n;
  }
  return result;
}
