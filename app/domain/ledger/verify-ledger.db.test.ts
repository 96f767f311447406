// verifyLedger finds what a superuser changed behind the triggers' back. Each tampering happens in a
// transaction that is rolled back after the check, so the tests do not see each other's damage.
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Transaction } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import type { TestBooks } from "../../../tests/ledger-fixture";
import { openTestBooks, postRaw } from "../../../tests/ledger-fixture";
import type { LedgerVerification } from "./verify-ledger.server";
import { verifyLedger } from "./verify-ledger.server";

let handle: DatabaseHandle;
let books: TestBooks;
const posted: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  books = await openTestBooks(handle.db);
  for (const [i, amount] of ["100.00", "250.50", "3.00"].entries()) {
    posted.push(
      await postRaw(handle.db, { organisationId: books.organisationId, kind: "receipt", key: `verify-${i}`, source: "donations", method: "bank-transfer", memo: `第${i + 1}笔` }, [
        [books.bank, amount],
        [books.general.donations, `-${amount}`],
      ]),
    );
  }
  posted.push(
    await postRaw(handle.db, { organisationId: books.organisationId, kind: "allocation", key: "verify-allocation" }, [
      [books.general.donations, "50.00"],
      [books.general.union, "-50.00"],
    ]),
  );
});
afterAll(() => handle?.close());

class RolledBack extends Error {}

/**
 * Runs `first` (with the triggers on), then the statements with triggers off (as a superuser can),
 * verifies, and rolls everything back.
 */
async function verifyRolledBack(first: (tx: Transaction) => Promise<unknown>, statements: SQL[]): Promise<LedgerVerification> {
  let result: LedgerVerification | null = null;
  await handle.db
    .transaction(async (tx) => {
      await first(tx);
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const statement of statements) await tx.execute(statement);
      await tx.execute(sql`set local session_replication_role = origin`);
      result = await verifyLedger({ db: tx });
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  if (!result) throw new Error("no verification");
  return result;
}

const verifyAfterTampering = (...statements: SQL[]) => verifyRolledBack(async () => undefined, statements);

describe("verifyLedger", () => {
  it("passes a ledger written through the database's guards", async () => {
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true, transactions: 4, headHash: expect.stringMatching(/^[0-9a-f]{64}$/), unsealed: 0 });
  });

  it("counts committed transactions the sealer has not linked yet apart, and checks their postings", async () => {
    const sealed = await verifyLedger({ db: handle.db });
    // A receipt committed by another writer, not yet sealed: written here, in the rolled-back transaction.
    const tail = (...statements: SQL[]) =>
      verifyRolledBack(
        (tx) => postRaw(tx, { organisationId: books.organisationId, kind: "receipt", key: "verify-tail", source: "donations", method: "bank-transfer" }, [[books.bank, "7.00"], [books.general.donations, "-7.00"]], { seal: false }),
        statements,
      );
    expect(await tail()).toEqual({ ...sealed, unsealed: 1 });
    expect(await tail(sql`update ledger_postings set amount = 8.00 where amount = 7.00 and account_id = ${books.bank}`)).toMatchObject({ ok: false, problem: { kind: "postings", sequence: null } });
  });

  it("names the transaction whose memo was altered", async () => {
    expect(await verifyAfterTampering(sql`update ledger_transactions set memo = '改过' where id = ${posted[1]}`)).toEqual({
      ok: false,
      problem: { kind: "hash", transactionId: posted[1], sequence: 2n },
    });
  });

  it("names the transaction whose postings were altered, still balanced", async () => {
    const result = await verifyAfterTampering(sql`update ledger_postings set amount = case when amount > 0 then 90.00 else -90.00 end where transaction_id = ${posted[0]}`);
    expect(result).toEqual({ ok: false, problem: { kind: "hash", transactionId: posted[0], sequence: 1n } });
  });

  it("names a transaction removed from the chain", async () => {
    const result = await verifyAfterTampering(sql`delete from ledger_postings where transaction_id = ${posted[2]}`, sql`delete from ledger_transactions where id = ${posted[2]}`);
    expect(result).toEqual({ ok: false, problem: { kind: "sequence", transactionId: posted[3], expected: 3n, found: 4n } });
  });

  it("names the account whose balance row was changed", async () => {
    const result = await verifyAfterTampering(sql`update ledger_balances set balance = balance + 1 where account_id = ${books.general.union} and shard = 3`);
    expect(result).toMatchObject({ ok: false, problem: { kind: "balance", accountId: books.general.union } });
  });
});
