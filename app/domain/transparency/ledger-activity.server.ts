// The latest ledger activity as anyone may read it: kind, amount, value date, sequence and hash,
// the need it concerns while that need is public, and a donor's display name only where the pledge
// was not anonymous. Never a contact, a message, a payee's name or anyone's identity.
import { and, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { disbursementRequests, ledgerAccounts, ledgerPostings, ledgerTransactions, pledges } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import type { FundSource, LedgerTransactionKind, PayeeKind } from "../ledger/ledger-vocabulary";
import type { Money } from "../money/money";
import { moneyFromDb } from "../money/money";
import { PUBLIC_NEED_STATUSES } from "../needs/need-category";

export interface LedgerActivity {
  sequence: string;
  kind: LedgerTransactionKind;
  /** For a reversal, the kind of the transaction it undoes. */
  reverses: LedgerTransactionKind | null;
  /** The money moved (the sum of the transaction's debits). */
  amount: Money;
  /** YYYY-MM-DD, Beijing. */
  valueDate: string;
  source: FundSource | null;
  payeeKind: PayeeKind | null;
  need: { ref: string; title: string } | null;
  /** Only where the donor chose to be named. */
  donorName: string | null;
  hash: string;
}

const original = alias(ledgerTransactions, "original");
const needPosting = alias(ledgerPostings, "need_posting");

/** Sealed transactions, newest first, `limit` at a time; pass the last sequence read to page on. */
export async function listLedgerActivity(db: Database, options: { limit: number; beforeSequence?: string }): Promise<LedgerActivity[]> {
  const pledgeId = sql`coalesce(${ledgerTransactions.pledgeId}, ${original.pledgeId})`;
  const requestId = sql`coalesce(${ledgerTransactions.disbursementRequestId}, ${original.disbursementRequestId})`;
  // The need a transaction concerns: the need fund among its postings, while the need is public.
  const needOf = (column: typeof needs.ref | typeof needs.title) => sql<string | null>`(
    select ${column} from ${ledgerPostings} ${sql.raw("need_posting")}
      join ${ledgerAccounts} on ${ledgerAccounts.id} = ${needPosting.accountId} and ${ledgerAccounts.kind} = 'need-fund'
      join ${needs} on ${needs.id} = ${ledgerAccounts.needId} and ${inArray(needs.status, [...PUBLIC_NEED_STATUSES])}
      where ${needPosting.transactionId} = ${ledgerTransactions.id} limit 1)`;
  const rows = await db
    .select({
      sequence: sql<string>`${ledgerTransactions.sequence}::text`,
      kind: ledgerTransactions.kind,
      reverses: original.kind,
      amount: sql<string>`(select sum(${ledgerPostings.amount})::text from ${ledgerPostings} where ${ledgerPostings.transactionId} = ${ledgerTransactions.id} and ${ledgerPostings.amount} > 0)`,
      valueDate: ledgerTransactions.valueDate,
      source: sql<FundSource | null>`coalesce(${ledgerTransactions.source}, ${original.source})`,
      payeeKind: sql<PayeeKind | null>`(select ${disbursementRequests.payeeKind} from ${disbursementRequests} where ${disbursementRequests.id} = ${requestId})`,
      donorName: sql<string | null>`(select ${pledges.displayName} from ${pledges} where ${pledges.id} = ${pledgeId} and not ${pledges.isAnonymous})`,
      needRef: needOf(needs.ref),
      needTitle: needOf(needs.title),
      hash: ledgerTransactions.hash,
    })
    .from(ledgerTransactions)
    .leftJoin(original, eq(original.id, ledgerTransactions.reversesId))
    .where(and(isNotNull(ledgerTransactions.sequence), options.beforeSequence ? lt(ledgerTransactions.sequence, BigInt(options.beforeSequence)) : undefined))
    .orderBy(desc(ledgerTransactions.sequence))
    .limit(options.limit);
  return rows.map((row) => ({
    sequence: row.sequence,
    kind: row.kind,
    reverses: row.reverses,
    amount: moneyFromDb(row.amount),
    valueDate: row.valueDate,
    source: row.source,
    payeeKind: row.payeeKind,
    need: row.needRef && row.needTitle ? { ref: row.needRef, title: row.needTitle } : null,
    donorName: row.donorName,
    hash: row.hash ?? "",
  }));
}

/** Every sealed transaction, newest first, a batch at a time (for the CSV download). */
export async function* eachLedgerActivityBatch(db: Database, batchSize = 500): AsyncGenerator<LedgerActivity[]> {
  let beforeSequence: string | undefined;
  for (;;) {
    const batch = await listLedgerActivity(db, { limit: batchSize, beforeSequence });
    if (batch.length) yield batch;
    if (batch.length < batchSize) return;
    beforeSequence = batch[batch.length - 1]?.sequence;
  }
}
