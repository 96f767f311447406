// A need's search document must not move with every yuan: it is queued for the index only when the
// need's funding state (none / partly / fully funded) changes. Called inside the writing transaction
// after postings to a need's fund: "after" is the fund's balance rows, "before" the same without the
// writer's own postings. A need fund's increases all go to one row (ledger_increase_shard), locked
// by the writer (postTransaction), so writers on one fund see each other's commits.
import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { needs } from "../../../db/schema/needs";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { moneyFromDb } from "../money/money";
import { PUBLIC_NEED_STATUSES } from "../needs/need-category";
import type { FundingState } from "./funding-state.server";
import { fundingStateOf } from "./funding-state.server";
import { readNeedFundingChange } from "./read-need-funding.server";

/** Queues the need for the search index when its funding state changed in this transaction; answers the state. */
export async function onNeedFundBalanceChanged(tx: Transaction, needId: string, transactionId: string): Promise<{ state: FundingState; changed: boolean }> {
  const [need] = await tx
    .select({ ref: needs.ref, target: needs.targetAmount })
    .from(needs)
    .where(and(eq(needs.id, needId), inArray(needs.status, [...PUBLIC_NEED_STATUSES])));
  // Read inside the writer's balance lock.
  const { before, after } = await readNeedFundingChange(tx, needId, transactionId);
  const target = need?.target ? moneyFromDb(need.target) : null;
  const was = fundingStateOf(before, target);
  const state = fundingStateOf(after, target);
  const changed = was !== state;
  // A need that is not public has no document to touch.
  if (changed && need) await tx.insert(searchOutbox).values({ entity: "need", ref: need.ref });
  return { state, changed };
}
