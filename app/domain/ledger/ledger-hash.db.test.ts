// The hash TypeScript computes over a sealed transaction is the one the database sealed it with.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import { createTestDatabase } from "../../../tests/database";
import type { TestBooks } from "../../../tests/ledger-fixture";
import { openTestBooks, postRaw } from "../../../tests/ledger-fixture";
import type { SealedTransactionContent } from "./ledger-hash.server";
import { transactionHash } from "./ledger-hash.server";

let handle: DatabaseHandle;
let books: TestBooks;

beforeAll(async () => {
  handle = await createTestDatabase();
  books = await openTestBooks(handle.db);
});
afterAll(() => handle?.close());

async function sealedContent(id: string): Promise<{ content: SealedTransactionContent; hash: string }> {
  const [row] = await handle.db.select().from(ledgerTransactions).where(eq(ledgerTransactions.id, id));
  if (!row || row.sequence === null || row.previousHash === null || row.hash === null) throw new Error(`transaction ${id} is not sealed`);
  const postings = await handle.db
    .select({ accountId: ledgerPostings.accountId, amount: ledgerPostings.amount })
    .from(ledgerPostings)
    .where(eq(ledgerPostings.transactionId, id))
    .orderBy(asc(ledgerPostings.amount));
  const { hash, ...rest } = row;
  return { content: { ...rest, sequence: row.sequence, previousHash: row.previousHash, postings }, hash };
}

describe("a sealed transaction's hash", () => {
  it("is recomputed in TypeScript from the stored row, Chinese text and all", async () => {
    const id = await postRaw(
      handle.db,
      { organisationId: books.organisationId, kind: "receipt", key: "hash-1", source: "donations", method: "bank-transfer", memo: "张先生转账\n第二行 ¥" },
      [
        [books.bank, "1234.56"],
        [books.general.donations, "-1234.56"],
      ],
    );
    const { content, hash } = await sealedContent(id);
    expect(transactionHash(content)).toBe(hash);
  });

  it("changes when any covered value does", async () => {
    const id = await postRaw(handle.db, { organisationId: books.organisationId, kind: "receipt", key: "hash-2", source: "union", method: "cash" }, [
      [books.bank, "10.00"],
      [books.general.union, "-10.00"],
    ]);
    const { content, hash } = await sealedContent(id);
    expect(transactionHash({ ...content, memo: "" })).not.toBe(hash);
    expect(transactionHash({ ...content, postings: content.postings.map((p) => ({ ...p, amount: p.amount.replace("10.00", "11.00") })) })).not.toBe(hash);
    expect(transactionHash({ ...content, previousHash: "f".repeat(64) })).not.toBe(hash);
  });
});
