// Every case of the actor's region as a sheet with the import's columns, identities included: this
// is the union's own register, for its own staff. The cases are read and decrypted a batch at a
// time into the sheet, all in one transaction that also records the export with its count: there
// is no copy without its record, and a failure midway leaves neither. The file is built whole
// before it is sent, so a slow download never holds the transaction (or, embedded, the one
// connection) open.
import { and, asc, sql } from "drizzle-orm";
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
import { caseSheetColumns } from "./case-sheet-columns.server";
import { openSheetWriter } from "./write-sheet.server";

export type SheetCell = string | number;

/** Cases read and decrypted at a time: one batch of identities in memory, not the region's. */
const BATCH_SIZE = 1000;

/** The actor's region as a file of `format` in `locale`'s words; re-importing it changes nothing. */
export async function exportHouseholds(options: {
  db: Database;
  cipher: IdentityCipher;
  actor: Actor;
  regions: RegionDirectory;
  locale: SheetLocale;
  format: SheetFormat;
  /** The workbook's sheet name (.xlsx). */
  sheetName: string;
  ip: string | null;
  batchSize?: number;
}): Promise<Uint8Array<ArrayBuffer>> {
  const { cipher, actor, locale } = options;
  const scope = regionScope(actor, "write-cases");
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const county = (code: string) => {
    const region = options.regions.get(code);
    const name = region ? (locale === "en" && region.nameEn ? region.nameEn : region.nameZh) : "";
    // The code comes first and is what an import reads; the name is for people.
    return name ? `${code} ${name}` : code;
  };
  const headers = [...SHEET_FIELDS.map((field) => EXPORT_HEADERS[locale][field]), EXPORT_CASE_NUMBER_HEADER[locale]];
  return options.db.transaction(async (tx) => {
    const { file } = await readIdentities(tx, {
      cipher,
      fields: PERSON_IDENTITY_FIELDS,
      use: async (read) => {
        const sheet = await openSheetWriter(options.format, headers, options.sheetName);
        let count = 0;
        // Keyset pagination in the order of registration. The key is the timestamp's text, to the
        // microsecond: a JS Date keeps milliseconds, and cases registered together share one.
        let after: { createdAt: string; id: string } | null = null;
        for (;;) {
          const batch = await tx
            .select({
              id: cases.id,
              createdAt: sql<string>`${cases.createdAt}::text`,
              caseNumber: cases.caseNumber,
              name: cases.headNameEnc,
              idNumber: cases.headIdNumberEnc,
              phone: cases.headPhoneEnc,
              address: cases.headAddressEnc,
              ...caseSheetColumns,
            })
            .from(cases)
            .where(and(inRegionScope(cases.regionCode, scope), after ? sql`(${cases.createdAt}, ${cases.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined))
            .orderBy(asc(cases.createdAt), asc(cases.id))
            .limit(batchSize);
          sheet.write(
            batch.map((c) => {
              const cells: Record<SheetField, SheetCell> = {
                name: read(c, "name"),
                idNumber: read(c, "idNumber"),
                phone: read(c, "phone"),
                address: read(c, "address"),
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
          );
          count += batch.length;
          const last = batch.at(-1);
          if (!last || batch.length < batchSize) break;
          after = { createdAt: last.createdAt, id: last.id };
        }
        // Finished before the record is written: a file that fails to build leaves no record either.
        return { file: await sheet.finish(), count };
      },
      audit: ({ count }) => ({
        actor,
        action: "case.export",
        entity: "case",
        organisationId: actor.membership?.organisationId ?? null,
        regionCode: scope,
        ip: options.ip,
        after: { format: options.format, count },
      }),
    });
    return file;
  });
}
