// The one place identities are decrypted (DESIGN §3.1). Whoever reads them — a caseworker revealing
// a household, the PII guard, a sheet import comparing rows, an export, the command line — goes
// through `readIdentities`, which writes the audit row in the same transaction as the read: there
// is no read without its record, and no record without an actor (an account, or the operator at
// the command line). Callers select the encrypted columns in their own scoped query and hand them
// over; the values never leave `use` unless the caller returns them.
import type { Database, Transaction } from "../../../db/client.server";
import type { AuditActor, AuditEntry } from "../audit/record-audit.server";
import { recordAudit } from "../audit/record-audit.server";
import type { IdentityCipher, IdentityField } from "./identity-cipher.server";

/** The identity fields of a household head (and of an application). */
export type PersonIdentityField = Extract<IdentityField, "name" | "idNumber" | "phone" | "address">;
export const PERSON_IDENTITY_FIELDS: readonly PersonIdentityField[] = ["name", "idNumber", "phone", "address"];

/** An audit entry that names who read: identity reads are never anonymous. */
export type IdentityReadAudit = AuditEntry & { actor: AuditActor };

/** Decrypts one field of one record; only callable while `use` runs (until its promise settles). */
export type ReadIdentity<F extends PersonIdentityField> = (record: Record<F, Buffer>, field: F) => string;

/**
 * Runs `use` with a reader of the identity `fields`, and records `audit(result)` (one entry or
 * several) in the same transaction; returns what `use` returned once the record is written. `use`
 * may be async (reading in batches, say): the reader works until its promise settles.
 */
export async function readIdentities<F extends PersonIdentityField, T>(
  db: Database | Transaction,
  options: {
    cipher: IdentityCipher;
    fields: readonly F[];
    use: (read: ReadIdentity<F>) => T | Promise<T>;
    audit: (result: T) => IdentityReadAudit | IdentityReadAudit[];
  },
): Promise<T> {
  const { cipher, fields } = options;
  // In the caller's transaction, or one of its own: the audit row commits with the read or not at all.
  return db.transaction(async (tx) => {
    let open = true;
    const read: ReadIdentity<F> = (record, field) => {
      if (!open || !fields.includes(field)) throw new Error(`identity field ${field} read outside readIdentities`);
      return cipher.decrypt(field, record[field]);
    };
    let result: T;
    try {
      result = await options.use(read);
    } finally {
      open = false;
    }
    const entries = options.audit(result);
    for (const entry of Array.isArray(entries) ? entries : [entries]) await recordAudit(tx, entry);
    return result;
  });
}
