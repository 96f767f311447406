// The cases that already hold the resident IDs of a sheet, and whether a row would change one.
// A row of the actor's own union updates its case; a row whose ID another union holds is refused
// with that union's name and nothing more (precise identification, DESIGN §2).
import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { organisations } from "../../../db/schema/organisations";
import type { CaseStatus } from "../cases/case-vocabulary";
import type { ImportCase } from "../import/import-document";
import { parseMoney } from "../money/money";
import type { IdentityCipher } from "../privacy/identity-cipher.server";

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
        regionCode: cases.regionCode,
        status: cases.status,
        consent: cases.consent,
        birthYear: cases.birthYear,
        sex: cases.sex,
        householdSize: cases.householdSize,
        monthlyIncomePerHead: cases.monthlyIncomePerHead,
        causes: cases.causes,
        tier: cases.tier,
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

/**
 * True when importing the row would leave its case as it is. Comparing the identities means
 * decrypting them; the values stay in this function and the import itself is audited.
 */
export function isSameAsHolder(row: ImportCase, holder: Holder, cipher: IdentityCipher): boolean {
  const same =
    row.region === holder.regionCode &&
    row.head.birthYear === holder.birthYear &&
    row.head.sex === holder.sex &&
    row.householdSize === holder.householdSize &&
    parseMoney(row.monthlyIncomePerHead).equals(parseMoney(holder.monthlyIncomePerHead)) &&
    row.causes.length === holder.causes.length &&
    row.causes.every((cause, i) => holder.causes[i] === cause) &&
    row.tier === holder.tier &&
    row.consent === holder.consent &&
    row.status === holder.status;
  return (
    same &&
    cipher.decrypt("name", holder.nameEnc) === row.head.name &&
    cipher.decrypt("phone", holder.phoneEnc) === row.head.phone &&
    cipher.decrypt("address", holder.addressEnc) === row.head.address
  );
}
