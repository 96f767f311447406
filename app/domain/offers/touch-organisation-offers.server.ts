// An offer's public projection shows its organisation's name and kind, and only a verified
// organisation's offers are listed. A write that changes any of these changes every offer of the
// organisation in public: the version moves and each gets a search-outbox row (listed ones are
// written, the rest deleted from the index), in the writer's transaction.
import { inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { searchOutbox } from "../../../db/schema/search-outbox";

const BATCH = 500;

/** Moves the version of every offer of these organisations and queues each; returns the refs. */
export async function touchOrganisationOffers(tx: Transaction, organisationIds: readonly string[]): Promise<string[]> {
  const queued: string[] = [];
  for (let i = 0; i < organisationIds.length; i += BATCH) {
    const rows = await tx
      .update(offers)
      .set({ version: sql`${offers.version} + 1`, updatedAt: new Date() })
      .where(inArray(offers.organisationId, organisationIds.slice(i, i + BATCH)))
      .returning({ ref: offers.ref });
    if (rows.length) await tx.insert(searchOutbox).values(rows.map((r) => ({ entity: "offer" as const, ref: r.ref })));
    queued.push(...rows.map((r) => r.ref));
  }
  return queued;
}
