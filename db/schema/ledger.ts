import {
  DISBURSEMENT_REQUEST_STATUSES,
  FUND_SOURCES,
  LEDGER_ACCOUNT_KINDS,
  LEDGER_TRANSACTION_KINDS,
  PAYEE_KINDS,
  PLEDGE_STATUSES,
  RECEIPT_METHODS,
} from "../../app/domain/ledger/ledger-vocabulary";
import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { bigint, boolean, check, date, index, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { money, oneOf, sqlList, timestamps } from "./columns";
import { needs } from "./needs";
import { organisations } from "./organisations";

// The donations ledger (docs/ledger.md, ADR 008). Transactions, postings and balances are guarded by
// triggers in the migration: postings of a transaction sum to zero (checked at commit), rows are never
// updated or deleted, balances move only with postings and never go below zero, and each committed
// transaction is sealed into the hash chain.

/** Where donors send money: the bank account a union's finance staff keep in its settings. */
export const unionBankDetails = pgTable("union_bank_details", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id),
  accountName: text("account_name").notNull(),
  bankName: text("bank_name").notNull(),
  accountNumber: text("account_number").notNull(),
  /** Who donors ask about a transfer (a phone or an address of the union's office). */
  contact: text("contact").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  ...timestamps,
});

/** The chart of accounts: each union's bank and clearing accounts and its funds. Rows never change. */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The union whose books the account is in. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind", { enum: LEDGER_ACCOUNT_KINDS }).notNull(),
    /** A general fund's source; null for every other kind. */
    source: text("source", { enum: FUND_SOURCES }),
    /** A need fund's need; null for every other kind. */
    needId: uuid("need_id").references(() => needs.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    oneOf("ledger_accounts_kind_valid", t.kind, LEDGER_ACCOUNT_KINDS),
    check("ledger_accounts_source_valid", sql`${t.source} is null or ${t.source} in (${sqlList(FUND_SOURCES)})`),
    check("ledger_accounts_general_fund_has_source", sql`(${t.kind} = 'general-fund') = (${t.source} is not null)`),
    check("ledger_accounts_need_fund_has_need", sql`(${t.kind} = 'need-fund') = (${t.needId} is not null)`),
    uniqueIndex("ledger_accounts_bank_idx").on(t.organisationId).where(sql`${t.kind} = 'bank'`),
    uniqueIndex("ledger_accounts_clearing_idx").on(t.organisationId).where(sql`${t.kind} = 'clearing'`),
    uniqueIndex("ledger_accounts_general_fund_idx").on(t.organisationId, t.source).where(sql`${t.kind} = 'general-fund'`),
    uniqueIndex("ledger_accounts_need_fund_idx").on(t.needId).where(sql`${t.kind} = 'need-fund'`),
  ],
);

/** How many rows hold one account's balance (see `ledgerBalances`). */
export const LEDGER_BALANCE_SHARDS = 16;

/**
 * Each account's balance on its normal side (debits for the bank, credits for the others), with
 * gross debits and credits, held in `LEDGER_BALANCE_SHARDS` rows per account that sum to it: an
 * increase goes to the row of the writer's connection (`ledger_balance_shard()`), so writers that
 * pay into one account do not queue on one row through their commits; a decrease locks all the
 * account's rows and takes from them in order (docs/ledger.md "Balances"). Written only by the
 * posting trigger, in the transaction of the postings; the check refuses any row below zero, so no
 * fund is ever overdrawn. Read an account's balance as the sum of its rows (`accountBalanceSql`).
 */
export const ledgerBalances = pgTable(
  "ledger_balances",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    shard: smallint("shard").notNull().default(0),
    balance: money("balance").notNull().default(sql`0`),
    debits: money("debits").notNull().default(sql`0`),
    credits: money("credits").notNull().default(sql`0`),
    /**
     * A need fund's movements, net of reversals (zero for other accounts): money in from receipts
     * and attributions, in from the union's general funds, and out to providers. Its raised /
     * allocated / disbursed is the sum over the account's rows, never a sum of its history.
     */
    raised: money("raised").notNull().default(sql`0`),
    allocated: money("allocated").notNull().default(sql`0`),
    disbursed: money("disbursed").notNull().default(sql`0`),
  },
  (t) => [
    primaryKey({ name: "ledger_balances_pkey", columns: [t.accountId, t.shard] }),
    check("ledger_balances_not_negative", sql`${t.balance} >= 0`),
    check("ledger_balances_totals_not_negative", sql`${t.debits} >= 0 and ${t.credits} >= 0`),
    check("ledger_balances_shard_valid", sql`${t.shard} >= 0 and ${t.shard} < ${sql.raw(String(LEDGER_BALANCE_SHARDS))}`),
  ],
);

/** A donor's promise (no posting): the receipts recorded against it are the money. */
export const pledges = pgTable(
  "pledges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Public reference, random (P-7K3Q9M); donors quote it with their transfer. */
    ref: text("ref").notNull().unique(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The need pledged to; null for the union's general donations fund. */
    needId: uuid("need_id").references(() => needs.id),
    amount: money("amount").notNull(),
    /** How the donor is named in public; null when anonymous. */
    displayName: text("display_name"),
    isAnonymous: boolean("is_anonymous").notNull(),
    /** Optional, for the union to reach the donor; never public. */
    contact: text("contact"),
    message: text("message"),
    /** SHA-256 (hex) of the donor's secret tracking code; the code itself is not kept. */
    trackingCodeHash: text("tracking_code_hash").notNull().unique(),
    status: text("status", { enum: PLEDGE_STATUSES }).notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: uuid("cancelled_by").references(() => users.id),
    ...timestamps,
  },
  (t) => [
    oneOf("pledges_status_valid", t.status, PLEDGE_STATUSES),
    check("pledges_amount_positive", sql`${t.amount} > 0`),
    check("pledges_named_unless_anonymous", sql`${t.isAnonymous} = (${t.displayName} is null)`),
    check("pledges_cancelled_has_date", sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
    check("pledges_tracking_code_hash_hex", sql`${t.trackingCodeHash} ~ '^[0-9a-f]{64}$'`),
    index("pledges_organisation_idx").on(t.organisationId, t.status),
    index("pledges_need_idx").on(t.needId),
  ],
);

/**
 * A request to pay a provider from a fund (maker); a different finance user approves or rejects it
 * (checker). Only an approved request is posted, once, as a disbursement.
 */
export const disbursementRequests = pgTable(
  "disbursement_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Public reference, random (D-7K3Q9M). */
    ref: text("ref").notNull().unique(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    fundAccountId: uuid("fund_account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    payeeName: text("payee_name").notNull(),
    payeeKind: text("payee_kind", { enum: PAYEE_KINDS }).notNull(),
    purpose: text("purpose").notNull(),
    invoiceRef: text("invoice_ref"),
    amount: money("amount").notNull(),
    status: text("status", { enum: DISBURSEMENT_REQUEST_STATUSES }).notNull().default("pending"),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    approvedBy: uuid("approved_by").references(() => users.id),
    rejectedBy: uuid("rejected_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    rejectionReason: text("rejection_reason"),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    ...timestamps,
  },
  (t) => [
    oneOf("disbursement_requests_status_valid", t.status, DISBURSEMENT_REQUEST_STATUSES),
    oneOf("disbursement_requests_payee_kind_valid", t.payeeKind, PAYEE_KINDS),
    check("disbursement_requests_amount_positive", sql`${t.amount} > 0`),
    // Maker-checker: whoever decides is not whoever asked.
    check("disbursement_requests_approver_not_requester", sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.requestedBy}`),
    check("disbursement_requests_rejecter_not_requester", sql`${t.rejectedBy} is null or ${t.rejectedBy} <> ${t.requestedBy}`),
    check("disbursement_requests_approved_has_approver", sql`(${t.status} = 'approved') = (${t.approvedBy} is not null)`),
    check("disbursement_requests_rejected_has_rejecter", sql`(${t.status} = 'rejected') = (${t.rejectedBy} is not null)`),
    check("disbursement_requests_decided_has_date", sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
    check("disbursement_requests_rejected_has_reason", sql`${t.status} <> 'rejected' or ${t.rejectionReason} is not null`),
    index("disbursement_requests_organisation_idx").on(t.organisationId, t.status),
  ],
);

/**
 * One balanced movement of money. `sequence`, `previousHash` and `hash` are null until the ledger's
 * sealer links the committed row into the hash chain, in batches after commits (ADR 010).
 */
export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Position in the hash chain, from 1, in the order the sealer linked it (ADR 010). */
    sequence: bigint("sequence", { mode: "bigint" }).unique("ledger_transactions_sequence_key"),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind", { enum: LEDGER_TRANSACTION_KINDS }).notNull(),
    /** The day the money moved (the bank's value date), in Beijing. */
    valueDate: date("value_date")
      .notNull()
      .default(sql`((now() at time zone 'Asia/Shanghai')::date)`),
    /** When it was written; milliseconds, so the hash reads the same in SQL and in TypeScript. */
    recordedAt: timestamp("recorded_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Null for the system. */
    actorUserId: uuid("actor_user_id").references(() => users.id),
    memo: text("memo"),
    idempotencyKey: text("idempotency_key").notNull().unique("ledger_transactions_idempotency_key_key"),
    reversesId: uuid("reverses_id").references((): AnyPgColumn => ledgerTransactions.id),
    /** A receipt's source: which general fund it feeds, and the transparency figures by source. */
    source: text("source", { enum: FUND_SOURCES }),
    method: text("method", { enum: RECEIPT_METHODS }),
    /** The bank's reference of a transfer, as on the statement. */
    bankReference: text("bank_reference"),
    pledgeId: uuid("pledge_id").references(() => pledges.id),
    disbursementRequestId: uuid("disbursement_request_id").references(() => disbursementRequests.id),
    previousHash: text("previous_hash"),
    hash: text("hash"),
  },
  (t) => [
    oneOf("ledger_transactions_kind_valid", t.kind, LEDGER_TRANSACTION_KINDS),
    check("ledger_transactions_source_valid", sql`${t.source} is null or ${t.source} in (${sqlList(FUND_SOURCES)})`),
    check("ledger_transactions_method_valid", sql`${t.method} is null or ${t.method} in (${sqlList(RECEIPT_METHODS)})`),
    check("ledger_transactions_idempotency_key_length", sql`length(${t.idempotencyKey}) between 1 and 200`),
    check("ledger_transactions_reversal_has_original", sql`(${t.kind} = 'reversal') = (${t.reversesId} is not null)`),
    check("ledger_transactions_reversal_has_reason", sql`${t.kind} <> 'reversal' or ${t.memo} is not null`),
    check("ledger_transactions_receipt_has_source", sql`${t.kind} <> 'receipt' or (${t.source} is not null and ${t.method} is not null)`),
    check("ledger_transactions_pledge_is_money_in", sql`${t.pledgeId} is null or ${t.kind} in ('receipt', 'attribution')`),
    check("ledger_transactions_disbursement_has_request", sql`(${t.kind} = 'disbursement') = (${t.disbursementRequestId} is not null)`),
    check("ledger_transactions_sealed_together", sql`(${t.sequence} is null) = (${t.hash} is null) and (${t.hash} is null) = (${t.previousHash} is null)`),
    check("ledger_transactions_hash_hex", sql`${t.hash} is null or (${t.hash} ~ '^[0-9a-f]{64}$' and ${t.previousHash} ~ '^[0-9a-f]{64}$')`),
    // A transaction is reversed at most once; a request is paid at most once.
    uniqueIndex("ledger_transactions_reversed_once_idx").on(t.reversesId).where(sql`${t.reversesId} is not null`),
    uniqueIndex("ledger_transactions_disbursed_once_idx").on(t.disbursementRequestId).where(sql`${t.disbursementRequestId} is not null`),
    index("ledger_transactions_organisation_idx").on(t.organisationId, t.recordedAt),
    index("ledger_transactions_pledge_idx").on(t.pledgeId).where(sql`${t.pledgeId} is not null`),
    // The sealer's work queue: committed transactions not yet in the chain, in the order it links them.
    index("ledger_transactions_unsealed_idx").on(t.recordedAt, t.id).where(sql`${t.sequence} is null`),
  ],
);

/** One leg of a transaction: a debit (positive) or credit (negative) on one account, once per account. */
export const ledgerPostings = pgTable(
  "ledger_postings",
  {
    transactionId: uuid("transaction_id")
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: money("amount").notNull(),
  },
  (t) => [
    primaryKey({ name: "ledger_postings_pkey", columns: [t.transactionId, t.accountId] }),
    check("ledger_postings_amount_not_zero", sql`${t.amount} <> 0`),
    index("ledger_postings_account_idx").on(t.accountId),
  ],
);

/** The end of the hash chain: one row, locked by the sealer so one batch links at a time (ADR 010). */
export const ledgerChainHead = pgTable(
  "ledger_chain_head",
  {
    id: smallint("id").primaryKey().default(1),
    sequence: bigint("sequence", { mode: "bigint" }).notNull(),
    hash: text("hash").notNull(),
    transactionId: uuid("transaction_id").references(() => ledgerTransactions.id),
  },
  (t) => [check("ledger_chain_head_one_row", sql`${t.id} = 1`)],
);
