// The funding state of public needs, for their search documents: one query for the needs' ids and
// one for their funds' postings, per batch of documents.
import { inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { needs } from "../../../db/schema/needs";
import { moneyFromDb } from "../money/money";
import type { FundingState } from "./funding-state.server";
import { NO_FUNDING, fundingStateOf } from "./funding-state.server";
import { readNeedFunding } from "./read-need-funding.server";

/** The state of each need, by ref ("none" for a need without a fund). */
export async function readFundingStates(db: Database, needsByRef: readonly { ref: string; targetAmount: string | null }[]): Promise<Map<string, FundingState>> {
  const states = new Map<string, FundingState>();
  if (!needsByRef.length) return states;
  const ids = await db.select({ id: needs.id, ref: needs.ref }).from(needs).where(inArray(needs.ref, needsByRef.map((n) => n.ref)));
  const idOf = new Map(ids.map((row) => [row.ref, row.id]));
  const funding = await readNeedFunding(db, ids.map((row) => row.id));
  for (const need of needsByRef) {
    const id = idOf.get(need.ref);
    const target = need.targetAmount === null ? null : moneyFromDb(need.targetAmount);
    states.set(need.ref, fundingStateOf((id && funding.get(id)) || NO_FUNDING, target));
  }
  return states;
}
