// One step of a match's lifecycle (match-status.ts): the status, when it changed, what the step
// records (a reason, an outcome, who the union's contact is) and its event row, in the caller's
// transaction on a match it has locked. A step the state machine does not allow is a 409 naming
// the match's status now.
import { eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { matchEvents, matches } from "../../../db/schema/matches";
import type { Actor } from "../auth/actor";
import { DomainError } from "../errors/domain-error";
import type { MatchStatus } from "./match-status";
import { canMoveMatch } from "./match-status";

export class MatchTransitionError extends DomainError {
  constructor(
    readonly ref: string,
    readonly from: MatchStatus,
    readonly to: MatchStatus,
  ) {
    super("conflict", "matchMoveRefused", `match ${ref} is ${from}: it cannot become ${to}`, { values: { ref, status: from } });
  }
}

/** Throws MatchTransitionError unless a match in `from` may become `to`. */
export function assertMatchMove(ref: string, from: MatchStatus, to: MatchStatus): void {
  if (!canMoveMatch(from, to)) throw new MatchTransitionError(ref, from, to);
}

export async function moveMatch(
  tx: Transaction,
  options: {
    match: { id: string; ref: string; status: MatchStatus };
    to: MatchStatus;
    /** Null for the system. */
    actor: Pick<Actor, "userId"> | null;
    note?: string | null;
    set?: { declineReason?: string; outcomeNote?: string; caseworkerId?: string };
  },
): Promise<void> {
  const { match, to } = options;
  assertMatchMove(match.ref, match.status, to);
  const now = new Date();
  await tx
    .update(matches)
    .set({ status: to, statusChangedAt: now, updatedAt: now, ...options.set })
    .where(eq(matches.id, match.id));
  await tx.insert(matchEvents).values({ matchId: match.id, fromStatus: match.status, toStatus: to, actorUserId: options.actor?.userId ?? null, note: options.note ?? null, occurredAt: now });
}
