// The ledger's words (docs/ledger.md): pure vocabulary shared by the schema, the domain and the UI.

/**
 * Account kinds of the chart. Each union has one `bank` account (what it holds for Xiangyun), one
 * `clearing` account (money in the bank not yet attributed), one `general-fund` per source, and one
 * `need-fund` per need it raises money for.
 */
export const LEDGER_ACCOUNT_KINDS = ["bank", "clearing", "general-fund", "need-fund"] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

/** Where money came from. General funds are kept per source; receipts name theirs. */
export const FUND_SOURCES = ["government", "union", "donations"] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/**
 * Postings are signed: a debit is positive, a credit negative. An account's balance is read on its
 * normal side, so every balance people see is a non-negative amount.
 */
export const DEBIT_NORMAL_KINDS = ["bank"] as const satisfies readonly LedgerAccountKind[];

export const LEDGER_TRANSACTION_KINDS = ["receipt", "attribution", "allocation", "disbursement", "reversal"] as const;
export type LedgerTransactionKind = (typeof LEDGER_TRANSACTION_KINDS)[number];

/** How money reached the union's bank account. */
export const RECEIPT_METHODS = ["bank-transfer", "cash", "other"] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];

export const PLEDGE_STATUSES = ["open", "partly-received", "received", "expired", "cancelled"] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export const DISBURSEMENT_REQUEST_STATUSES = ["pending", "approved", "rejected"] as const;
export type DisbursementRequestStatus = (typeof DISBURSEMENT_REQUEST_STATUSES)[number];

/** The kind of provider a disbursement pays: money goes to the provider, never as cash to the worker. */
export const PAYEE_KINDS = ["school", "hospital", "training", "other"] as const;
export type PayeeKind = (typeof PAYEE_KINDS)[number];

/** The previous hash of the first transaction of the chain. */
export const LEDGER_GENESIS_HASH = "0".repeat(64);
