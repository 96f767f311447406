// The hash of a sealed ledger transaction, computed outside the database: the same canonical text
// as `ledger_canonical_text` in the migration (ADR 008), so a verifier can recompute every link of
// the chain without trusting the database's functions.
import { createHash } from "node:crypto";

/** What a transaction's hash covers, as the database stores it (amounts and dates as text). */
export interface SealedTransactionContent {
  sequence: bigint;
  previousHash: string;
  id: string;
  organisationId: string;
  kind: string;
  /** YYYY-MM-DD. */
  valueDate: string;
  recordedAt: Date;
  actorUserId: string | null;
  idempotencyKey: string;
  memo: string | null;
  reversesId: string | null;
  source: string | null;
  method: string | null;
  bankReference: string | null;
  pledgeId: string | null;
  disbursementRequestId: string | null;
  /** Amounts as numeric(18,2) text: "120.50", "-120.50". */
  postings: readonly { accountId: string; amount: string }[];
}

/** `name=bytes:value` (UTF-8 byte length), or `name=-` for null: no value can end a field early. */
function field(name: string, value: string | null): string {
  return value === null ? `${name}=-\n` : `${name}=${Buffer.byteLength(value, "utf8")}:${value}\n`;
}

/** The canonical text of a transaction: fixed field order, postings in account order. */
export function canonicalTransactionText(t: SealedTransactionContent): string {
  // uuids are lower-case hex, so string order is the database's uuid order.
  const postings = [...t.postings].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  return [
    field("format", "xiangyun-ledger-1"),
    field("sequence", t.sequence.toString()),
    field("previous_hash", t.previousHash),
    field("id", t.id),
    field("organisation_id", t.organisationId),
    field("kind", t.kind),
    field("value_date", t.valueDate),
    field("recorded_at", t.recordedAt.toISOString()),
    field("actor_user_id", t.actorUserId),
    field("idempotency_key", t.idempotencyKey),
    field("memo", t.memo),
    field("reverses_id", t.reversesId),
    field("source", t.source),
    field("method", t.method),
    field("bank_reference", t.bankReference),
    field("pledge_id", t.pledgeId),
    field("disbursement_request_id", t.disbursementRequestId),
    ...postings.map((p) => field("posting", `${p.accountId} ${p.amount}`)),
  ].join("");
}

/** SHA-256 (hex) of the canonical text: the transaction's link in the chain. */
export function transactionHash(t: SealedTransactionContent): string {
  return createHash("sha256").update(canonicalTransactionText(t), "utf8").digest("hex");
}
