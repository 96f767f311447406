// Public needs as index documents: the projection plus the funding state the ledger gives them.
import type { Database } from "../db/client.server";
import type { PublicNeed } from "../app/domain/needs/public-need";
import { readFundingStates } from "../app/domain/transparency/read-funding-states.server";
import type { NeedDocument } from "./index-documents";
import { toNeedDocument } from "./index-documents";

/** The index documents of a batch of public needs, in the batch's order. */
export async function needDocumentsOf(db: Database, batch: readonly PublicNeed[]): Promise<NeedDocument[]> {
  const states = await readFundingStates(db, batch);
  return batch.map((need) => toNeedDocument(need, states.get(need.ref) ?? "none"));
}
