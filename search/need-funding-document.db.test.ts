// A need's search document carries its funding state from the ledger, and is rewritten when a
// posting changes that state (the writer queues it), not with every yuan: checked against the real
// engine, with the drift check agreeing afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postTransaction } from "../app/domain/ledger/post-transaction.server";
import { money } from "../app/domain/money/money";
import type { DatabaseHandle } from "../db/client.server";
import { createTestDatabase } from "../tests/database";
import type { TestSearch } from "../tests/search-fixture";
import { startTestSearch } from "../tests/search-fixture";
import type { TransparencyLedger } from "../tests/transparency-fixture";
import { seedTransparencyLedger } from "../tests/transparency-fixture";
import type { NeedDocument } from "./index-documents";
import { NEEDS_INDEX, indexName } from "./index-settings";
import { checkSearchDrift } from "./search-drift.server";
import { drainOutbox } from "./search-sync.server";

let handle: DatabaseHandle;
let search: TestSearch;
let ledger: TransparencyLedger;

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
  ledger = await seedTransparencyLedger(handle.db);
  await sync();
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

async function sync() {
  const { failed } = await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix });
  expect(failed).toBe(0);
}

const documentOf = (ref: string) => search.client.index(indexName(NEEDS_INDEX, search.indexPrefix)).getDocument<NeedDocument>(ref);

const receipt = (key: string, amount: string) =>
  postTransaction({
    db: handle.db,
    actorUserId: ledger.actor,
    transaction: {
      organisationId: ledger.books.organisationId,
      kind: "receipt",
      idempotencyKey: key,
      source: "donations",
      method: "cash",
      postings: [
        { accountId: ledger.books.bank, amount: money(amount) },
        { accountId: ledger.fundOf.partly, amount: money(`-${amount}`) },
      ],
    },
  });

describe("a need's search document", () => {
  it("carries the need's funding state; a fully funded need sorts after those still raising money", async () => {
    const funded = await documentOf(ledger.refs.funded);
    expect(funded.fundingState).toBe("fully");
    expect(funded.goalSortKey).toBeNull();
    const partly = await documentOf(ledger.refs.partly);
    expect(partly.fundingState).toBe("partly");
    expect(partly.goalSortKey).toBe("0000000000005000.00");
  });

  it("is rewritten when a receipt reaches the target, and left alone by one that does not", async () => {
    const before = await documentOf(ledger.refs.partly);
    await receipt("doc-small", "1.00");
    // Nothing queued: the document is not touched by money that leaves the state as it was.
    const { processed } = await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix });
    expect(processed).toBe(0);
    expect(await documentOf(ledger.refs.partly)).toEqual(before);

    await receipt("doc-reach", "4699.00");
    await sync();
    const after = await documentOf(ledger.refs.partly);
    expect(after.fundingState).toBe("fully");
    expect(after.goalSortKey).toBeNull();
    expect((await checkSearchDrift({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).total).toBe(0);
  });
});
