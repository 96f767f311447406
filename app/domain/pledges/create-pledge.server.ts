// A donor's pledge, made without an account. One form key makes one pledge: a retry with the same
// key and the same amount and destination answers the pledge already made (with the same tracking
// code, derived from the key), the same key with another amount or destination is a conflict and
// writes nothing. The donor's contact is personal data: it is stored for the union and never logged
// or shown in public.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { pledges } from "../../../db/schema/ledger";
import { DomainError } from "../errors/domain-error";
import { compareMoney, moneyFromDb, moneyToString, parseMoney } from "../money/money";
import { newPublicReference } from "../needs/public-reference.server";
import type { PledgeInput } from "./pledge-form";
import type { BankTransferDetails } from "./pledge-destination.server";
import { findBankTransferDetails, findPledgeDestination } from "./pledge-destination.server";
import { hashTrackingCode, storedPledgeKey, trackingCodeFor } from "./tracking-code.server";

const REF_ATTEMPTS = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreatedPledge {
  ref: string;
  /** Canonical text ("200.00"). */
  amount: string;
  displayName: string | null;
  expiresAt: Date;
  unionName: string;
  need: { ref: string; title: string } | null;
  /** Null while the union has not published its account: the union contacts the donor instead. */
  bank: BankTransferDetails | null;
  /** Shown to the donor once per submission; only its hash is stored. */
  trackingCode: string;
  /** True when the key had already made this pledge (a double click or a retry). */
  replayed: boolean;
}

/** Records a pledge to a public need or a union's general fund; idempotent on the form's key. */
export async function createPledge(options: { db: Database; input: PledgeInput; expiryDays: number; now?: Date }): Promise<CreatedPledge> {
  const { db, input } = options;
  const destination = await findPledgeDestination(db, input.target);
  if (!destination) {
    throw input.target.kind === "need"
      ? new DomainError("not-found", "needNotFound", "no public need with this reference")
      : new DomainError("not-found", "organisationNotFound", "no union open for giving with this id");
  }
  const amount = moneyToString(parseMoney(input.amount, "positive"));
  const idempotencyKey = storedPledgeKey(input.key);
  const trackingCode = trackingCodeFor(input.key);
  const expiresAt = new Date((options.now ?? new Date()).getTime() + options.expiryDays * DAY_MS);

  for (let attempt = 0; attempt < REF_ATTEMPTS; attempt++) {
    const ref = newPublicReference("P");
    // Any unique column in the way inserts nothing: a key already used (read below) or a taken ref.
    const [inserted] = await db
      .insert(pledges)
      .values({
        ref,
        organisationId: destination.organisationId,
        needId: destination.need?.id ?? null,
        amount,
        displayName: input.displayName,
        isAnonymous: input.displayName === null,
        contact: input.contact,
        message: input.message,
        trackingCodeHash: hashTrackingCode(trackingCode),
        expiresAt,
        idempotencyKey,
      })
      .onConflictDoNothing()
      .returning(keptColumns);
    const pledge = inserted ?? (await pledgeWithKey(db, idempotencyKey));
    if (!pledge) continue;
    if (!inserted && (pledge.organisationId !== destination.organisationId || pledge.needId !== (destination.need?.id ?? null) || compareMoney(moneyFromDb(pledge.amount), parseMoney(amount)) !== 0)) {
      throw new DomainError("conflict", "ledgerKeyReused", "this pledge form was already sent with another amount or destination");
    }
    return {
      ref: pledge.ref,
      amount: moneyToString(moneyFromDb(pledge.amount)),
      displayName: pledge.displayName,
      expiresAt: pledge.expiresAt,
      unionName: destination.unionName,
      need: destination.need ? { ref: destination.need.ref, title: destination.need.title } : null,
      bank: await findBankTransferDetails(db, destination.organisationId),
      trackingCode,
      replayed: !inserted,
    };
  }
  throw new Error(`no free pledge reference after ${REF_ATTEMPTS} attempts`);
}

const keptColumns = {
  ref: pledges.ref,
  amount: pledges.amount,
  displayName: pledges.displayName,
  expiresAt: pledges.expiresAt,
  organisationId: pledges.organisationId,
  needId: pledges.needId,
};

async function pledgeWithKey(db: Database, idempotencyKey: string) {
  const [row] = await db.select(keptColumns).from(pledges).where(eq(pledges.idempotencyKey, idempotencyKey)).limit(1);
  return row ?? null;
}
