// A need's public projection shows facts of its case: the urgency (tier), the age band (birth
// year) and the county. A write that changes one of them changes every need of the case in public,
// so it owes those needs what an edit of the need owes: the version moves and public ones get a
// search-outbox row, in the writer's transaction (the caller kicks the search worker after commit).
import { eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { PUBLIC_NEED_STATUSES } from "./need-category";

/** The case columns a public need is built from; a change to any of them calls touchCaseNeeds. */
export const CASE_FACTS_IN_PUBLIC = ["tier", "birthYear", "regionCode"] as const;

const BATCH = 500;

/**
 * Moves the version of every need of these cases, brings their county copy in line with the
 * case's, and queues the public ones for the index. Returns the refs queued.
 */
export async function touchCaseNeeds(tx: Transaction, caseIds: readonly string[]): Promise<string[]> {
  const queued: string[] = [];
  for (let i = 0; i < caseIds.length; i += BATCH) {
    const rows = await tx
      .update(needs)
      .set({
        version: sql`${needs.version} + 1`,
        regionCode: sql`(select ${cases.regionCode} from ${cases} where ${eq(cases.id, needs.caseId)})`,
        updatedAt: new Date(),
      })
      .where(inArray(needs.caseId, caseIds.slice(i, i + BATCH)))
      .returning({ ref: needs.ref, status: needs.status });
    const isPublic = (status: string) => (PUBLIC_NEED_STATUSES as readonly string[]).includes(status);
    const refs = rows.filter((r) => isPublic(r.status)).map((r) => r.ref);
    if (refs.length) await tx.insert(searchOutbox).values(refs.map((ref) => ({ entity: "need" as const, ref })));
    queued.push(...refs);
  }
  return queued;
}
