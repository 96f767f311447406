// What a match does to its need's status (need-status.ts, through moveNeeds): accepting moves a
// published need to matched; when neither an accepted nor a fulfilled match of it remains, a matched
// need is published again; the caseworker marks it fulfilled from a fulfilled match.
import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { moveNeeds } from "../needs/need-lifecycle.server";

/** The need of a newly accepted match: published → matched (already matched stays). */
export async function needMatched(tx: Transaction, needId: string): Promise<string[]> {
  const [need] = await tx.select({ status: needs.status }).from(needs).where(eq(needs.id, needId));
  return need?.status === "published" ? moveNeeds(tx, { needIds: [needId], to: "matched" }) : [];
}

/** After a match left `accepted`: a matched need with no accepted or fulfilled match left is published again. */
export async function needUnmatchedIfLast(tx: Transaction, needId: string): Promise<string[]> {
  const [need] = await tx.select({ status: needs.status }).from(needs).where(eq(needs.id, needId));
  if (need?.status !== "matched") return [];
  const [holding] = await tx
    .select({ id: matches.id })
    .from(matches)
    .where(and(eq(matches.needId, needId), inArray(matches.status, ["accepted", "fulfilled"])))
    .limit(1);
  return holding ? [] : moveNeeds(tx, { needIds: [needId], to: "published" });
}
