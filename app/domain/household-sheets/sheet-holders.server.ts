// The cases that already hold the resident IDs of a sheet, and whether a row would change one.
// A row of the actor's own union updates its case; a row whose ID another union holds is refused
// with that union's name and nothing more (precise identification, DESIGN §2).
import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { organisations } from "../../../db/schema/organisations";
import type { CaseStatus } from "../cases/case-vocabulary";
import type { ImportCase } from "../import/import-document";
import { parseMoney } from "../money/money";
import type { Actor } from "../auth/actor";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { readIdentities } from "../privacy/read-identities.server";
import type { RegionScope } from "../regions/region-scope.server";
import { caseSheetColumns } from "./case-sheet-columns.server";

const BATCH = 1_000;

export interface Holder {
  caseId: string;
  importKey: string | null;
  organisationId: string;
  unionName: string;
  regionCode: string;
  status: CaseStatus;
  consent: boolean;
  birthYear: number;
  sex: string;
  householdSize: number;
  monthlyIncomePerHead: string;
  causes: string[];
  tier: string;
  nameEnc: Buffer;
  phoneEnc: Buffer;
  addressEnc: Buffer;
}

/** Holders by the hex of the ID hash. */
export async function findHolders(db: Database, hashes: readonly Buffer[]): Promise<Map<string, Holder>> {
  const out = new Map<string, Holder>();
  for (let i = 0; i < hashes.length; i += BATCH) {
    const rows = await db
      .select({
        idHash: cases.idHash,
        caseId: cases.id,
        importKey: cases.importKey,
        organisationId: cases.organisationId,
        unionName: organisations.name,
        status: cases.status,
        ...caseSheetColumns,
        nameEnc: cases.headNameEnc,
        phoneEnc: cases.headPhoneEnc,
        addressEnc: cases.headAddressEnc,
      })
      .from(cases)
      .innerJoin(organisations, eq(organisations.id, cases.organisationId))
      .where(inArray(cases.idHash, hashes.slice(i, i + BATCH)));
    for (const { idHash, ...holder } of rows) out.set(idHash.toString("hex"), holder);
  }
  return out;
}

/** True when the row's facts other than the identity are the case's (no decryption needed). */
export function hasSameFacts(row: ImportCase, holder: Holder): boolean {
  return (
    row.region === holder.regionCode &&
    row.head.birthYear === holder.birthYear &&
    row.head.sex === holder.sex &&
    row.householdSize === holder.householdSize &&
    parseMoney(row.monthlyIncomePerHead).equals(parseMoney(holder.monthlyIncomePerHead)) &&
    row.causes.length === holder.causes.length &&
    row.causes.every((cause, i) => holder.causes[i] === cause) &&
    row.tier === holder.tier &&
    row.consent === holder.consent &&
    row.status === holder.status
  );
}

/**
 * Which of `pairs` (rows whose other facts equal their case's) also carry the case's name, phone and
 * address, i.e. importing them changes nothing. Comparing means decrypting the cases' identities:
 * the values stay in this function, and the read is audited (`identity.compare-for-import`).
 */
export async function rowsSameAsHolders<T extends { row: ImportCase; holder: Holder }>(
  db: Database | Transaction,
  options: { cipher: IdentityCipher; actor: Actor; scope: RegionScope; pairs: readonly T[] },
): Promise<Set<T>> {
  if (!options.pairs.length) return new Set();
  return readIdentities(db, {
    cipher: options.cipher,
    fields: ["name", "phone", "address"] as const,
    use: (read) =>
      new Set(
        options.pairs.filter(({ row, holder }) => {
          const encrypted = { name: holder.nameEnc, phone: holder.phoneEnc, address: holder.addressEnc };
          return read(encrypted, "name") === row.head.name && read(encrypted, "phone") === row.head.phone && read(encrypted, "address") === row.head.address;
        }),
      ),
    audit: (same) => ({
      actor: options.actor,
      action: "identity.compare-for-import",
      entity: "case",
      organisationId: options.actor.membership?.organisationId ?? null,
      regionCode: options.scope,
      after: { fields: ["name", "phone", "address"], compared: options.pairs.length, unchanged: same.size },
    }),
  });
}
