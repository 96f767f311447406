// Offers past their end date stop listing by themselves: open and paused offers whose validUntil
// is before today (Asia/Shanghai) are closed with the reason "expired", their versions moved and
// queued for the index in the same transaction, each with an audit row naming no actor (the
// system). The server runs this at start-up and on a schedule (server/offer-expiry.server.ts).
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { recordAudit } from "../audit/record-audit.server";

const BATCH = 500;

/** Closes every open or paused offer that ended before `today` (YYYY-MM-DD); returns their refs. */
export async function expireOffers(db: Database, today: string): Promise<string[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`not a date: ${JSON.stringify(today)}`);
  const expired: string[] = [];
  for (;;) {
    const refs = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: offers.id, ref: offers.ref, status: offers.status, validUntil: offers.validUntil, organisationId: offers.organisationId, regionCode: organisations.regionCode })
        .from(offers)
        .innerJoin(organisations, eq(organisations.id, offers.organisationId))
        .where(and(inArray(offers.status, ["open", "paused"]), isNotNull(offers.validUntil), lt(offers.validUntil, today)))
        .orderBy(offers.id)
        .limit(BATCH)
        .for("update", { of: offers, skipLocked: true });
      if (!rows.length) return [];
      await tx
        .update(offers)
        .set({ status: "closed", closedReason: "expired", version: sql`${offers.version} + 1`, updatedAt: new Date() })
        .where(inArray(offers.id, rows.map((r) => r.id)));
      await tx.insert(searchOutbox).values(rows.map((r) => ({ entity: "offer" as const, ref: r.ref })));
      for (const row of rows) {
        await recordAudit(tx, {
          actor: null,
          action: "offer.expire",
          entity: "offer",
          entityId: row.ref,
          organisationId: row.organisationId,
          regionCode: row.regionCode,
          before: { status: row.status, validUntil: row.validUntil },
          after: { status: "closed", closedReason: "expired" },
        });
      }
      return rows.map((r) => r.ref);
    });
    expired.push(...refs);
    if (refs.length < BATCH) return expired;
  }
}
