// Accepting a match takes one unit of its offer's capacity; a match that fails or is withdrawn
// after it was accepted gives it back (docs/matching.md, "Lifecycle"). Remaining capacity is part
// of the offer's public projection (and at 0 the offer is no longer listed), so each change moves
// the version and queues the offer's search-outbox row in the same transaction.
import { and, eq, gt, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { conflict } from "../errors/domain-error";

/**
 * One conditional UPDATE: of two transactions taking the last unit at once, the second waits for
 * the first's row lock, reads 0 and updates nothing — a 409 for it. Returns what remains.
 */
export async function takeOfferUnit(tx: Transaction, offerId: string): Promise<number> {
  const [row] = await tx
    .update(offers)
    .set({ remainingCapacity: sql`${offers.remainingCapacity} - 1`, version: sql`${offers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(offers.id, offerId), gt(offers.remainingCapacity, 0)))
    .returning({ ref: offers.ref, remaining: offers.remainingCapacity });
  if (!row) throw conflict("offerFull", "This offer has no places left.");
  await tx.insert(searchOutbox).values({ entity: "offer", ref: row.ref });
  return row.remaining;
}

/** Gives a unit back, never beyond the offer's capacity (its organisation may have lowered it meanwhile). */
export async function returnOfferUnit(tx: Transaction, offerId: string): Promise<number> {
  const [row] = await tx
    .update(offers)
    .set({ remainingCapacity: sql`least(${offers.remainingCapacity} + 1, ${offers.capacity})`, version: sql`${offers.version} + 1`, updatedAt: new Date() })
    .where(eq(offers.id, offerId))
    .returning({ ref: offers.ref, remaining: offers.remainingCapacity });
  if (!row) return 0;
  await tx.insert(searchOutbox).values({ entity: "offer", ref: row.ref });
  return row.remaining;
}
