// Pledges nobody paid: an open pledge past its expiry becomes `expired`. A pledge with money
// received (partly-received, received) is kept, as are cancelled ones. Safe to run from several
// instances at once: the update is one statement. The server runs it at start-up and hourly
// (server/pledge-expiry.server.ts).
import { and, eq, lte } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { pledges } from "../../../db/schema/ledger";

/** Marks open pledges past their expiry as expired; returns their references. */
export async function expirePledges(db: Database, now: Date = new Date()): Promise<string[]> {
  const expired = await db
    .update(pledges)
    .set({ status: "expired", updatedAt: now })
    .where(and(eq(pledges.status, "open"), lte(pledges.expiresAt, now)))
    .returning({ ref: pledges.ref });
  return expired.map((row) => row.ref);
}
