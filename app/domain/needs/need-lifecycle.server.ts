// Moving needs between statuses (DESIGN §2) with what every such change owes the public side: the
// version moves (so the index can be compared with the database), published_at is set on first
// publication, and a search-outbox row is queued in the same transaction. The caller audits and,
// after its commit, kicks the search worker (runtime.kickSearch()).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { needs } from "../../../db/schema/needs";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { DomainError } from "../errors/domain-error";
import type { NeedStatus } from "./need-category";
import { canMoveNeed } from "./need-status";

/** A conflict that names the need's status, so the editor can say what it is now. */
export class NeedTransitionError extends DomainError {
  constructor(
    readonly ref: string,
    readonly from: NeedStatus,
    readonly to: NeedStatus,
  ) {
    super("conflict", "needMoveRefused", `need ${ref} cannot go from ${from} to ${to}`, { values: { ref } });
  }
}

/**
 * Sets the status of the given needs (ids) and queues their search updates. Needs already in `to`
 * are left alone; any other impossible move throws NeedTransitionError (a 409 for the caller).
 * Returns the refs that changed.
 */
export async function moveNeeds(tx: Transaction, options: { needIds: readonly string[]; to: NeedStatus }): Promise<string[]> {
  if (!options.needIds.length) return [];
  const rows = await tx.select({ id: needs.id, ref: needs.ref, status: needs.status }).from(needs).where(inArray(needs.id, [...options.needIds])).for("update");
  const moving = rows.filter((r) => r.status !== options.to);
  for (const row of moving) if (!canMoveNeed(row.status, options.to)) throw new NeedTransitionError(row.ref, row.status, options.to);
  if (!moving.length) return [];
  await tx
    .update(needs)
    .set({
      status: options.to,
      version: sql`${needs.version} + 1`,
      publishedAt: options.to === "published" ? sql`coalesce(${needs.publishedAt}, now())` : needs.publishedAt,
      updatedAt: new Date(),
    })
    .where(and(inArray(needs.id, moving.map((r) => r.id))));
  await tx.insert(searchOutbox).values(moving.map((r) => ({ entity: "need" as const, ref: r.ref })));
  return moving.map((r) => r.ref);
}

/** Queues a search update for a need whose public content changed (an edit); bumps its version. */
export async function touchNeed(tx: Transaction, needId: string): Promise<void> {
  const [row] = await tx.update(needs).set({ version: sql`${needs.version} + 1`, updatedAt: new Date() }).where(eq(needs.id, needId)).returning({ ref: needs.ref });
  if (row) await tx.insert(searchOutbox).values({ entity: "need", ref: row.ref });
}
