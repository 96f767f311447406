// Moving needs between statuses (DESIGN §2) with what every such change owes the public side: the
// version moves (so the index can be compared with the database), published_at is set on first
// publication, and a search-outbox row is queued in the same transaction. A move that ends a need
// (withdrawn, expired, fulfilled: endNeeds) first withdraws its open matches, so no provider keeps
// a match, or a place held, for a need that is gone. The caller audits, emails the notifications
// after its commit and kicks the search worker (runtime.kickSearch()).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { needs } from "../../../db/schema/needs";
import { searchOutbox } from "../../../db/schema/search-outbox";
import type { Actor } from "../auth/actor";
import { DomainError } from "../errors/domain-error";
import type { MatchWithdrawalReason, OpenMatchesWithdrawn } from "../matching/withdraw-match.server";
import { withdrawOpenMatches } from "../matching/withdraw-match.server";
import type { NeedStatus } from "./need-category";
import type { EndingNeedStatus, OngoingNeedStatus } from "./need-status";
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
 * Returns the refs that changed. A move that ends a need goes through endNeeds instead.
 */
export async function moveNeeds(tx: Transaction, options: { needIds: readonly string[]; to: OngoingNeedStatus }): Promise<string[]> {
  return setNeedStatus(tx, options.needIds, options.to);
}

/**
 * Ends the given needs (withdrawn, expired or fulfilled) as moveNeeds moves them, after withdrawing
 * every open match of them — in the caller's transaction, each with its event and audit row (the
 * reason: `need-<status>`, or the household's consent withdrawn), an accepted one giving its place
 * back, and each provider told without a word about who the household is. Matches are locked
 * before the needs, the order of every match step (match, offer, need): a caller that locks a need
 * first locks its open matches before it (lockOpenMatches). Returns the needs' refs that changed,
 * the matches withdrawn and the notification ids to email after the commit.
 */
export async function endNeeds(
  tx: Transaction,
  options: { needIds: readonly string[]; to: EndingNeedStatus; actor: Pick<Actor, "userId" | "email">; ip: string | null; consentWithdrawn?: boolean },
): Promise<{ refs: string[]; matches: OpenMatchesWithdrawn }> {
  const reason: MatchWithdrawalReason = options.consentWithdrawn ? "consent-withdrawn" : `need-${options.to}`;
  const matches = await withdrawOpenMatches(tx, { needIds: options.needIds, actor: options.actor, ip: options.ip, reason });
  return { refs: await setNeedStatus(tx, options.needIds, options.to), matches };
}

async function setNeedStatus(tx: Transaction, needIds: readonly string[], to: NeedStatus): Promise<string[]> {
  if (!needIds.length) return [];
  const rows = await tx.select({ id: needs.id, ref: needs.ref, status: needs.status }).from(needs).where(inArray(needs.id, [...needIds])).for("update");
  const moving = rows.filter((r) => r.status !== to);
  for (const row of moving) if (!canMoveNeed(row.status, to)) throw new NeedTransitionError(row.ref, row.status, to);
  if (!moving.length) return [];
  await tx
    .update(needs)
    .set({
      status: to,
      version: sql`${needs.version} + 1`,
      publishedAt: to === "published" ? sql`coalesce(${needs.publishedAt}, now())` : needs.publishedAt,
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
