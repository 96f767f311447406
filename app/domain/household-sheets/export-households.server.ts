// Every case of the actor's region as a sheet with the import's columns, identities included: this
// is the union's own register, for its own staff. The export is audited with the count, in the
// same transaction as the read, so there is no copy without its record.
import { asc } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import type { Actor } from "../auth/actor";
import { isHardshipCause } from "../cases/case-vocabulary";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { PERSON_IDENTITY_FIELDS, readIdentities } from "../privacy/read-identities.server";
import type { RegionDirectory } from "../regions/region-directory.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import type { SheetFormat } from "./read-sheet.server";
import type { SheetField } from "./sheet-fields";
import { EXPORT_CASE_NUMBER_HEADER, EXPORT_HEADERS, SHEET_FIELDS } from "./sheet-fields";
import type { SheetLocale } from "./sheet-values";
import { causesLabel, consentLabel, sexLabel, tierLabel } from "./sheet-values";

export type SheetCell = string | number;

export interface HouseholdTable {
  headers: string[];
  rows: SheetCell[][];
}

/** The actor's region as a table in `locale`'s words; re-importing it changes nothing. */
export async function exportHouseholds(options: {
  db: Database;
  cipher: IdentityCipher;
  actor: Actor;
  regions: RegionDirectory;
  locale: SheetLocale;
  format: SheetFormat;
  ip: string | null;
}): Promise<HouseholdTable> {
  const { cipher, actor, locale } = options;
  const scope = regionScope(actor, "write-cases");
  const rows = await options.db.transaction(async (tx) => {
    const found = await tx
      .select({
        caseNumber: cases.caseNumber,
        regionCode: cases.regionCode,
        name: cases.headNameEnc,
        idNumber: cases.headIdNumberEnc,
        phone: cases.headPhoneEnc,
        address: cases.headAddressEnc,
        birthYear: cases.birthYear,
        sex: cases.sex,
        householdSize: cases.householdSize,
        monthlyIncomePerHead: cases.monthlyIncomePerHead,
        causes: cases.causes,
        tier: cases.tier,
        consent: cases.consent,
      })
      .from(cases)
      .where(inRegionScope(cases.regionCode, scope))
      .orderBy(asc(cases.createdAt), asc(cases.id));
    return readIdentities(tx, {
      cipher,
      fields: PERSON_IDENTITY_FIELDS,
      use: (read) => found.map((c) => ({ c, identity: { name: read(c, "name"), idNumber: read(c, "idNumber"), phone: read(c, "phone"), address: read(c, "address") } })),
      audit: (read) => ({
        actor,
        action: "case.export",
        entity: "case",
        organisationId: actor.membership?.organisationId ?? null,
        regionCode: scope,
        ip: options.ip,
        after: { format: options.format, count: read.length },
      }),
    });
  });
  const county = (code: string) => {
    const region = options.regions.get(code);
    const name = region ? (locale === "en" && region.nameEn ? region.nameEn : region.nameZh) : "";
    // The code comes first and is what an import reads; the name is for people.
    return name ? `${code} ${name}` : code;
  };
  return {
    headers: [...SHEET_FIELDS.map((field) => EXPORT_HEADERS[locale][field]), EXPORT_CASE_NUMBER_HEADER[locale]],
    rows: rows.map(({ c, identity }) => {
      const cells: Record<SheetField, SheetCell> = {
        ...identity,
        birthYear: c.birthYear,
        sex: sexLabel(c.sex, locale),
        householdSize: c.householdSize,
        monthlyIncomePerHead: c.monthlyIncomePerHead,
        causes: causesLabel(c.causes.filter(isHardshipCause), locale),
        tier: tierLabel(c.tier, locale),
        county: county(c.regionCode),
        consent: consentLabel(c.consent, locale),
      };
      return [...SHEET_FIELDS.map((field) => cells[field]), c.caseNumber];
    }),
  };
}
