// The one way money is written (docs/ledger.md): a balanced transaction and its postings in one
// database transaction, with the balance rows of its accounts locked in account order, so
// concurrent writers queue instead of deadlocking and an overdraft is refused before a posting is
// written. The database checks everything again at commit (balance, immutability, no overdraft);
// the sealer links the committed transaction into the hash chain afterwards (ADR 010).
import type { SQL } from "drizzle-orm";
import { eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { PgTransaction } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Database, Transaction } from "../../../db/client.server";
import { executeRows } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { ledgerPostings, ledgerTransactions } from "../../../db/schema/ledger";
import type { AuditEntry } from "../audit/record-audit.server";
import { auditRowOf } from "../audit/record-audit.server";
import { DomainError } from "../errors/domain-error";
import type { Money } from "../money/money";
import { isNegativeMoney, isZeroMoney, moneyFromDb, moneyToString, negateMoney, sumMoney } from "../money/money";
import { onNeedFundBalanceChanged } from "../transparency/on-need-fund-balance-changed.server";
import type { FundSource, LedgerTransactionKind, ReceiptMethod } from "./ledger-vocabulary";
import { sealLedger } from "./seal-ledger.server";

export interface LedgerPostingInput {
  accountId: string;
  /** A debit is positive, a credit negative. */
  amount: Money;
}

export interface LedgerTransactionInput {
  organisationId: string;
  kind: LedgerTransactionKind;
  /** Chosen by the caller once per intended transaction (a form's hidden field); a retry sends it again. */
  idempotencyKey: string;
  /** YYYY-MM-DD in Beijing; the database's today when left out. */
  valueDate?: string;
  memo?: string | null;
  reversesId?: string | null;
  source?: FundSource | null;
  method?: ReceiptMethod | null;
  bankReference?: string | null;
  pledgeId?: string | null;
  disbursementRequestId?: string | null;
  postings: readonly LedgerPostingInput[];
}

/**
 * The audit row of a new transaction (its entity the transaction itself), written by the same
 * statement as the transaction; a replay writes none.
 */
export type LedgerAuditEntry = Omit<AuditEntry, "entity" | "entityId">;

export interface PostedTransaction {
  id: string;
  /** True when the key had already been posted with the same content: nothing new was written. */
  replayed: boolean;
}

/**
 * Posts a balanced transaction once per idempotency key; a key reused with other content is a 409.
 * Inside a caller's database transaction it writes there (the caller seals after its commit, with
 * `sealLedger`); given the database itself, it commits and seals before answering.
 */
export async function postTransaction(options: {
  db: Database;
  actorUserId: string | null;
  transaction: LedgerTransactionInput;
  audit?: LedgerAuditEntry;
}): Promise<PostedTransaction> {
  const { db, actorUserId, transaction, audit } = options;
  assertBalanced(transaction);
  if (db instanceof PgTransaction) return write(db, actorUserId, transaction, audit);
  const posted = await db.transaction((tx) => write(tx, actorUserId, transaction, audit));
  await sealLedger(db);
  return posted;
}

/**
 * Posts a transaction that moves no need's fund (a receipt into a general fund, say) as one
 * statement, a database transaction of its own, then seals: nothing else needs to happen with it,
 * so there is no transaction to open and commit around it. The database refuses a need fund here:
 * a need's funding state is followed inside a transaction (`postTransaction`).
 *
 * Writes that arrive while this process already has two batches with the database wait for one of
 * them to finish and then go together, one call and one commit for all (ADR 014); each is still its
 * own ledger transaction under its own key, and each caller gets its own answer, after the seal
 * that links its transaction.
 */
export async function postStandalone(options: { db: Database; actorUserId: string | null; transaction: LedgerTransactionInput; audit?: LedgerAuditEntry }): Promise<PostedTransaction> {
  const { db, actorUserId, transaction, audit } = options;
  assertBalanced(transaction);
  // Inside a caller's transaction its commit is still to come; the caller seals after it.
  if (db instanceof PgTransaction) return write(db, actorUserId, transaction, audit, STANDALONE);
  return standaloneBatchesOf(db).post({ actorUserId, transaction, audit });
}

const STANDALONE = { withoutNeedFunds: true };

const column = (c: AnyPgColumn) => sql.identifier(c.name);
/** The audit table and the columns a post's audit row fills, in the order the single and the batch statement select them. */
const AUDIT_INTO = sql`${auditLog} (${column(auditLog.actorUserId)}, ${column(auditLog.actorEmail)}, ${column(auditLog.action)}, ${column(auditLog.entity)},
  ${column(auditLog.entityId)}, ${column(auditLog.organisationId)}, ${column(auditLog.regionCode)}, ${column(auditLog.ip)}, ${column(auditLog.summary)})`;

interface StandaloneWrite {
  actorUserId: string | null;
  transaction: LedgerTransactionInput;
  audit: LedgerAuditEntry | undefined;
}
type Outcome = { ok: true; posted: PostedTransaction } | { ok: false; error: unknown };
interface Waiting extends StandaloneWrite {
  answer: (outcome: Outcome) => void;
}

/** Batches with the database at once, per process: two keep both the database and this process busy (docs/benchmarks.md). */
const BATCHES_IN_FLIGHT = 2;
const MAX_BATCH = 64;
const batchesOf = new WeakMap<Database, { post: (write: StandaloneWrite) => Promise<PostedTransaction> }>();

function standaloneBatchesOf(db: Database) {
  const known = batchesOf.get(db);
  if (known) return known;
  const waiting: Waiting[] = [];
  let inFlight = 0;
  const next = () => {
    while (inFlight < BATCHES_IN_FLIGHT && waiting.length > 0) {
      const batch = waiting.splice(0, MAX_BATCH);
      inFlight++;
      void postBatch(db, batch).finally(() => {
        inFlight--;
        next();
      });
    }
  };
  const batches = {
    post: async (write: StandaloneWrite): Promise<PostedTransaction> => {
      const outcome = await new Promise<Outcome>((answer) => {
        waiting.push({ ...write, answer });
        next();
      });
      if (!outcome.ok) throw outcome.error;
      return outcome.posted;
    },
  };
  batchesOf.set(db, batches);
  return batches;
}

/** Writes a batch (one by one if the batch as a whole is refused), seals, then answers each writer. Never rejects. */
async function postBatch(db: Database, batch: Waiting[]): Promise<void> {
  const alone = (w: StandaloneWrite) => outcomeOf(() => write(db, w.actorUserId, w.transaction, w.audit, STANDALONE));
  let outcomes: Outcome[];
  if (batch.length === 1) outcomes = await Promise.all(batch.map(alone));
  else {
    // Any item refused (an overdraft, a foreign account) or a deadlock refuses the whole statement,
    // which then wrote nothing: each item is posted alone and gets its own answer.
    outcomes = await writeTogether(db, batch).catch(() => Promise.all(batch.map(alone)));
  }
  // A write answers once it is sealed: if the seal fails, so does every write the batch posted.
  const unsealed = await sealLedger(db).then(
    () => null,
    (error: unknown): Outcome => ({ ok: false, error }),
  );
  batch.forEach((w, i) => {
    const outcome = outcomes[i] ?? { ok: false, error: new Error(`ledger transaction ${w.transaction.idempotencyKey}: no answer from its batch`) };
    w.answer(outcome.ok && unsealed ? unsealed : outcome);
  });
}

async function outcomeOf(post: () => Promise<PostedTransaction>): Promise<Outcome> {
  try {
    return { ok: true, posted: await post() };
  } catch (error) {
    return { ok: false, error };
  }
}

const batchRow = z.object({ n: z.coerce.number(), outcome: z.enum(["posted", "key-taken"]), transaction_id: z.string().nullable() });

/** The batch as one call of `ledger_post_transactions` (db/migrations/0013), with the audit rows of what it posted. */
async function writeTogether(db: Database, batch: Waiting[]): Promise<Outcome[]> {
  const items = batch.map(({ actorUserId, transaction: t }) => ({
    organisation: t.organisationId,
    kind: t.kind,
    key: t.idempotencyKey,
    valueDate: t.valueDate ?? null,
    actor: actorUserId,
    memo: t.memo ?? null,
    reverses: t.reversesId ?? null,
    source: t.source ?? null,
    method: t.method ?? null,
    bankReference: t.bankReference ?? null,
    pledge: t.pledgeId ?? null,
    request: t.disbursementRequestId ?? null,
    accounts: t.postings.map((p) => p.accountId),
    amounts: t.postings.map((p) => moneyToString(p.amount)),
  }));
  const audits = batch.map(({ audit }) => (audit ? auditRowOf({ ...audit, entity: "ledger-transaction" }) : null));
  const rows = await executeRows(
    db,
    batchRow,
    sql`with posted as materialized (select * from ledger_post_transactions(${JSON.stringify(items)}::jsonb)),
    audited as (
      insert into ${AUDIT_INTO}
      select (e.row->>'actorUserId')::uuid, e.row->>'actorEmail', e.row->>'action', e.row->>'entity', posted.transaction_id::text,
             (e.row->>'organisationId')::uuid, e.row->>'regionCode', e.row->>'ip', nullif(e.row->'summary', 'null'::jsonb)
      from posted join jsonb_array_elements(${JSON.stringify(audits)}::jsonb) with ordinality as e(row, n) on e.n = posted.n
      where posted.outcome = 'posted' and e.row <> 'null'::jsonb
    )
    select n, outcome, transaction_id from posted order by n`,
  );
  return Promise.all(
    batch.map(async (w, i): Promise<Outcome> => {
      const row = rows[i];
      if (row?.n !== i + 1) return { ok: false, error: new Error(`ledger transaction ${w.transaction.idempotencyKey}: the batch answered out of order`) };
      if (row.outcome === "posted" && row.transaction_id) return { ok: true, posted: { id: row.transaction_id, replayed: false } };
      // The key was taken before (or by an item before it in the batch): a replay, or a conflict.
      return outcomeOf(async () => {
        const posted = await findPosted(db, w.transaction);
        if (posted) return posted;
        throw new Error(`ledger transaction ${w.transaction.idempotencyKey}: the key is taken but its transaction is not visible`);
      });
    }),
  );
}

/** What `ledger_post_transaction` answers (db/migrations, "A writer's one call"). */
const postOutcome = z.object({
  outcome: z.enum(["posted", "key-taken"]),
  transaction_id: z.string().nullable(),
  need_ids: z.array(z.string()).nullable(),
});

/**
 * One call to the database, which writes the transaction row under its key, locks in account and
 * row order the balance rows the postings will move (for an increase one row of the account, for a
 * decrease all its rows), refuses an account outside the union's books or a posting that would take
 * an account below zero, and writes the postings. The key comes first: a retry finds its
 * transaction without touching a balance (it must answer even when the fund no longer holds the
 * amount), and a concurrent writer of the same key waits on the key's index entry, not on a balance
 * row. Writers paying into one account lock different rows and do not wait for each other.
 */
async function write(
  db: Database | Transaction,
  actorUserId: string | null,
  transaction: LedgerTransactionInput,
  audit: LedgerAuditEntry | undefined,
  options: { withoutNeedFunds: boolean } = { withoutNeedFunds: false },
): Promise<PostedTransaction> {
  try {
    const t = transaction;
    const accounts = `{${t.postings.map((p) => p.accountId).join(",")}}`;
    const amounts = `{${t.postings.map((p) => moneyToString(p.amount)).join(",")}}`;
    const post = sql`select * from ledger_post_transaction(
      ${t.organisationId}::uuid, ${t.kind}, ${t.idempotencyKey}, ${t.valueDate ?? null}::date, ${actorUserId}::uuid, ${t.memo ?? null},
      ${t.reversesId ?? null}::uuid, ${t.source ?? null}, ${t.method ?? null}, ${t.bankReference ?? null}, ${t.pledgeId ?? null}::uuid,
      ${t.disbursementRequestId ?? null}::uuid, ${accounts}::uuid[], ${amounts}::numeric[], ${options.withoutNeedFunds})`;
    const [answer] = await executeRows(db, postOutcome, audit ? withAudit(post, audit) : post);
    if (!answer) throw new Error(`ledger transaction ${t.idempotencyKey}: the database answered nothing`);
    if (answer.outcome === "key-taken") {
      const posted = await findPosted(db, t);
      if (posted) return posted;
      throw new Error(`ledger transaction ${t.idempotencyKey}: the key is taken but its transaction is not visible`);
    }
    if (!answer.transaction_id) throw new Error(`ledger transaction ${t.idempotencyKey}: posted without an id`);
    const needIds = answer.need_ids ?? [];
    if (needIds.length > 0) {
      // A need's search document follows its funding state, not its every yuan.
      if (!(db instanceof PgTransaction)) throw new Error(`ledger transaction ${t.idempotencyKey}: a need fund was posted outside a transaction`);
      for (const needId of needIds) await onNeedFundBalanceChanged(db, needId, answer.transaction_id);
    }
    return { id: answer.transaction_id, replayed: false };
  } catch (error) {
    throw refusalOf(error, transaction) ?? error;
  }
}

/** The post, and in the same statement the audit row of what it posted (none for a replay or a refusal). */
function withAudit(post: SQL, audit: LedgerAuditEntry): SQL {
  const row = auditRowOf({ ...audit, entity: "ledger-transaction" });
  return sql`with posted as materialized (${post}),
    audited as (
      insert into ${AUDIT_INTO}
      select ${row.actorUserId}::uuid, ${row.actorEmail}, ${row.action}, ${row.entity}, posted.transaction_id::text,
             ${row.organisationId}::uuid, ${row.regionCode}, ${row.ip}, ${row.summary === null ? null : JSON.stringify(row.summary)}::jsonb
      from posted where posted.outcome = 'posted'
    )
    select * from posted`;
}

function assertBalanced(transaction: LedgerTransactionInput): void {
  const { postings } = transaction;
  const accounts = new Set(postings.map((p) => p.accountId));
  const invalid = (why: string) => new DomainError("invalid", "invalidInput", `ledger transaction ${transaction.idempotencyKey}: ${why}`);
  if (postings.length < 2) throw invalid("it needs at least two postings");
  if (accounts.size !== postings.length) throw invalid("an account appears in more than one posting");
  if (postings.some((p) => isZeroMoney(p.amount))) throw invalid("a posting of zero");
  const total = sumMoney(postings.map((p) => p.amount));
  if (!isZeroMoney(total)) throw invalid(`postings sum to ${moneyToString(total)}, not zero`);
}

/**
 * The transaction already posted under this key: itself when the content is the same, a conflict
 * when it differs (a retry of another amount must not pass for the first one).
 */
async function findPosted(db: Database | Transaction, transaction: LedgerTransactionInput): Promise<PostedTransaction | null> {
  const [found] = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, transaction.idempotencyKey));
  if (!found) return null;
  const postings = await db
    .select({ accountId: ledgerPostings.accountId, amount: ledgerPostings.amount })
    .from(ledgerPostings)
    .where(eq(ledgerPostings.transactionId, found.id));
  const sameFields =
    found.organisationId === transaction.organisationId &&
    found.kind === transaction.kind &&
    (transaction.valueDate === undefined || found.valueDate === transaction.valueDate) &&
    found.memo === (transaction.memo ?? null) &&
    found.reversesId === (transaction.reversesId ?? null) &&
    found.source === (transaction.source ?? null) &&
    found.method === (transaction.method ?? null) &&
    found.bankReference === (transaction.bankReference ?? null) &&
    found.pledgeId === (transaction.pledgeId ?? null) &&
    found.disbursementRequestId === (transaction.disbursementRequestId ?? null);
  const stored = new Map(postings.map((p) => [p.accountId, moneyToString(moneyFromDb(p.amount))]));
  const samePostings = stored.size === transaction.postings.length && transaction.postings.every((p) => stored.get(p.accountId) === moneyToString(p.amount));
  if (sameFields && samePostings) return { id: found.id, replayed: true };
  throw new DomainError("conflict", "ledgerKeyReused", `idempotency key ${transaction.idempotencyKey} was posted with other content`);
}

/** The domain's word for what the database refused, or null for an unexpected failure. */
function refusalOf(error: unknown, transaction: LedgerTransactionInput): DomainError | null {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = "cause" in e ? e.cause : null) {
    const constraint = "constraint" in e ? e.constraint : null;
    if (constraint === "ledger_balances_not_negative") {
      // The writer's own check names the account and what it holds; the balance rows' check does not.
      const short = /^account=(\S+) balance=(\S+)$/.exec("detail" in e && typeof e.detail === "string" ? e.detail : "");
      if (!short) return new DomainError("conflict", "fundOverdrawn", `ledger transaction ${transaction.idempotencyKey} would overdraw an account`);
      const [, account = "", held = "0"] = short;
      const balance = moneyToString(moneyFromDb(held));
      const posting = transaction.postings.find((p) => p.accountId === account);
      const amount = posting ? moneyToString(isNegativeMoney(posting.amount) ? negateMoney(posting.amount) : posting.amount) : "?";
      return new DomainError("conflict", "fundOverdrawn", `account ${account} holds ${balance}: ${amount} cannot leave it`, { values: { balance } });
    }
    if (constraint === "ledger_post_not_in_books") {
      return new DomainError("invalid", "invalidInput", `ledger transaction ${transaction.idempotencyKey}: an account is not in this union's books`);
    }
    if (constraint === "ledger_transactions_reversed_once_idx") {
      return new DomainError("conflict", "ledgerTransactionReversed", `transaction ${transaction.reversesId ?? ""} has already been reversed`);
    }
    if (constraint === "ledger_transactions_disbursed_once_idx") {
      return new DomainError("conflict", "disbursementPosted", `disbursement request ${transaction.disbursementRequestId ?? ""} has already been paid`);
    }
  }
  return null;
}
