// `ledger verify`: recomputes the hash chain, every transaction and every balance from the postings
// (verifyLedger, docs/ledger.md "Checking") and names the first row that does not match.
//   npm run cli -- ledger verify [--json]
// Exit 0 when everything agrees, 1 when a row does not; --json prints the verification object
// (sequences as strings).
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.server";
import type { LedgerProblemLocation } from "../app/domain/ledger/locate-ledger-problem.server";
import { locateLedgerProblem } from "../app/domain/ledger/locate-ledger-problem.server";
import type { LedgerProblem } from "../app/domain/ledger/verify-ledger.server";
import { verifyLedger } from "../app/domain/ledger/verify-ledger.server";
import type { CommandOutput } from "./cli-io";

export type WithLedgerDatabase = <T>(command: string, fn: (db: Database) => Promise<T>) => Promise<T>;

export const LEDGER_USAGE = "ledger needs a subcommand: npm run cli -- ledger verify [--json]";

/** Runs `ledger <subcommand>`; answers the exit code, or null when the arguments are not a known subcommand. */
export async function ledgerCommand(args: string[], asJson: boolean, withDatabase: WithLedgerDatabase, out: CommandOutput): Promise<number | null> {
  if (args.length !== 1 || args[0] !== "verify") return null;
  return withDatabase("ledger verify", async (db) => {
    // Read-only: a database that was never migrated is said so, not created into a ledger.
    const [tables] = await db.select({ found: sql<boolean>`to_regclass('ledger_transactions') is not null` }).from(sql`(select 1) as one`);
    if (!tables?.found) {
      out.err("the database has no ledger yet: run npm run cli -- migrate first");
      return 1;
    }
    const verification = await verifyLedger({ db });
    if (asJson) out.out(JSON.stringify(verification, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2));
    if (verification.ok) {
      if (!asJson) {
        out.out(`ledger verified: ${verification.transactions} transactions, the hash chain and every balance agree; chain head ${verification.headHash}`);
        if (verification.unsealed > 0) out.out(`  ${verification.unsealed} more committed, their postings balanced, not yet sealed into the chain (the running site seals them within a second)`);
      }
      return 0;
    }
    if (!asJson) {
      const location = await locateLedgerProblem({ db, problem: verification.problem });
      out.out(`ledger inconsistent: ${describeProblem(verification.problem)}`);
      const where = describeLocation(location);
      if (where) out.out(`  ${where}`);
      out.out("  (the check stops at the first problem; the database refuses such changes, so a row was altered behind its guards)");
    }
    return 1;
  });
}

/** What is wrong, in words, naming the transaction or account. */
export function describeProblem(problem: LedgerProblem): string {
  switch (problem.kind) {
    case "sequence":
      return `transaction ${problem.transactionId} has sequence ${problem.found} where ${problem.expected} was expected: a transaction is missing or the sequence was changed`;
    case "previous-hash":
      return `transaction ${problem.transactionId} (sequence ${problem.sequence}) does not link to the one before it: its previous hash is not that transaction's hash`;
    case "postings":
      return `transaction ${problem.transactionId} (${problem.sequence === null ? "not yet sealed" : `sequence ${problem.sequence}`}): its postings do not balance (fewer than two, or they do not sum to zero)`;
    case "hash":
      return `transaction ${problem.transactionId} (sequence ${problem.sequence}): its fields or postings are not what was sealed (the hash does not match)`;
    case "chain-head":
      return `the chain head (sequence ${problem.sequence}) is not the last transaction of the chain`;
    case "balance":
      return `account ${problem.accountId}: its balance row holds ${problem.found}, its postings give ${problem.expected}`;
  }
}

function describeLocation(location: LedgerProblemLocation): string | null {
  const { transaction, account } = location;
  if (transaction) return `${transaction.kind} of ${transaction.valueDate} in the books of ${transaction.union}, idempotency key ${transaction.idempotencyKey}`;
  if (account) {
    const what = account.kind === "need-fund" ? `the fund of need ${account.needRef ?? "?"}` : account.kind === "general-fund" ? `the general fund (${account.source ?? "?"})` : `the ${account.kind} account`;
    return `${what} in the books of ${account.union}`;
  }
  return null;
}
