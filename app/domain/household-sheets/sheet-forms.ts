// The two forms of a sheet import, shared by browser and server through Conform: the upload, and
// the mapping of sheet columns to our fields (which the preview and import steps send again).
import { z } from "zod";
import type { ColumnMapping, SheetField } from "./sheet-fields";
import { SHEET_FIELDS, isOptionalField } from "./sheet-fields";

export const MAX_UPLOAD_MEGABYTES = 5;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024;
export const MAX_COLUMNS = 60;
/** An upload's token: the stored file's id, a dot, then the file's key (32 bytes, base64url). */
export const UPLOAD_TOKEN = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;

export const uploadSchema = z.object({
  file: z
    .file("householdImport:errors.fileRequired")
    .max(MAX_UPLOAD_BYTES, "householdImport:errors.tooLarge")
    .refine((file) => /\.(xlsx|csv)$/i.test(file.name), "householdImport:errors.fileType"),
});

const column = z.number().int().min(0).max(MAX_COLUMNS - 1).optional();

/** The mapping form; the county is required unless the actor's region is itself one county. */
export function mappingSchema(options: { countyRequired: boolean }) {
  return z
    .object({
      token: z.string("householdImport:errors.expired").regex(UPLOAD_TOKEN, "householdImport:errors.expired"),
      columns: z.object({
        name: column,
        idNumber: column,
        phone: column,
        address: column,
        birthYear: column,
        sex: column,
        householdSize: column,
        monthlyIncomePerHead: column,
        causes: column,
        tier: column,
        county: column,
        consent: column,
      }),
    })
    .superRefine((value, ctx) => {
      const used = new Map<number, SheetField>();
      for (const field of SHEET_FIELDS) {
        const index = value.columns[field];
        if (index === undefined) {
          if (!isOptionalField(field, options)) ctx.addIssue({ code: "custom", path: ["columns", field], message: "householdImport:errors.columnRequired" });
          continue;
        }
        const other = used.get(index);
        if (other) ctx.addIssue({ code: "custom", path: ["columns", field], message: "householdImport:errors.columnTwice" });
        else used.set(index, field);
      }
    });
}

/** The mapping as the form carries it, for default values and hidden fields. */
export function mappingFormValues(mapping: ColumnMapping): Record<SheetField, string> {
  const v = (field: SheetField) => (mapping[field] === undefined ? "" : String(mapping[field]));
  return {
    name: v("name"),
    idNumber: v("idNumber"),
    phone: v("phone"),
    address: v("address"),
    birthYear: v("birthYear"),
    sex: v("sex"),
    householdSize: v("householdSize"),
    monthlyIncomePerHead: v("monthlyIncomePerHead"),
    causes: v("causes"),
    tier: v("tier"),
    county: v("county"),
    consent: v("consent"),
  };
}
