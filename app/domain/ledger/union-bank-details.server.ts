// The bank account donors transfer to, kept in the union's settings by its finance staff and admins.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { unionBankDetails } from "../../../db/schema/ledger";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit.server";
import { invalid } from "../errors/domain-error";
import { financeBooksOf } from "./ledger-accounts.server";

export interface BankDetails {
  accountName: string;
  bankName: string;
  accountNumber: string;
  contact: string;
}

const FIELDS = ["accountName", "bankName", "accountNumber", "contact"] as const;

/** The actor's union's bank details, or null before they are set. */
export async function readUnionBankDetails(options: { db: Database; actor: Actor }): Promise<BankDetails | null> {
  const books = financeBooksOf(options.actor, "bank-details");
  const [row] = await options.db
    .select({ accountName: unionBankDetails.accountName, bankName: unionBankDetails.bankName, accountNumber: unionBankDetails.accountNumber, contact: unionBankDetails.contact })
    .from(unionBankDetails)
    .where(eq(unionBankDetails.organisationId, books.organisationId));
  return row ?? null;
}

/** Sets the actor's union's bank details; the audit names the fields that changed, not their values. */
export async function updateUnionBankDetails(options: { db: Database; actor: Actor; details: BankDetails }): Promise<void> {
  const { db, actor } = options;
  const books = financeBooksOf(actor, "bank-details");
  const details: BankDetails = {
    accountName: options.details.accountName.trim(),
    bankName: options.details.bankName.trim(),
    accountNumber: options.details.accountNumber.trim(),
    contact: options.details.contact.trim(),
  };
  const empty = FIELDS.filter((f) => !details[f]);
  if (empty.length) throw invalid(`bank details need ${empty.join(", ")}`);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(unionBankDetails).where(eq(unionBankDetails.organisationId, books.organisationId)).for("update");
    const changed = FIELDS.filter((f) => !before || before[f] !== details[f]);
    if (changed.length === 0) return;
    const now = new Date();
    await tx
      .insert(unionBankDetails)
      .values({ organisationId: books.organisationId, ...details, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: unionBankDetails.organisationId, set: { ...details, updatedBy: actor.userId, updatedAt: now } });
    await recordAudit(tx, { actor, action: "bank-details.update", entity: "organisation", entityId: books.organisationId, organisationId: books.organisationId, after: { changed } });
  });
}
