// A row's problems in the person's language. The rules are the JSON import's (import-document.ts,
// check-import-references.server.ts), whose messages are English for a file's author; this small
// table turns them into localized messages by field, and anything it does not know stays English.
import type { SheetField } from "./sheet-fields";

export interface RowProblem {
  /** The sheet field the problem is about; null for the row as a whole. */
  field: SheetField | null;
  /** An i18n key ("householdImport:errors.phone")… */
  key?: string;
  values?: Record<string, string | number>;
  /** …or, for a rule the table does not know, the importer's own English message. */
  text?: string;
}

/** The field a path inside one case of the import document is about. */
const FIELD_OF_PATH: Record<string, SheetField> = {
  "head.name": "name",
  "head.idNumber": "idNumber",
  "head.phone": "phone",
  "head.address": "address",
  "head.birthYear": "birthYear",
  "head.sex": "sex",
  householdSize: "householdSize",
  monthlyIncomePerHead: "monthlyIncomePerHead",
  causes: "causes",
  tier: "tier",
  region: "county",
  consent: "consent",
};

interface KnownMessage {
  field: SheetField;
  pattern: RegExp;
  key: string;
  values?: (match: RegExpExecArray) => Record<string, string>;
}

const KNOWN: readonly KnownMessage[] = [
  { field: "idNumber", pattern: /^must be 17 digits/, key: "householdImport:errors.idFormat" },
  { field: "idNumber", pattern: /^birth date is not a real date/, key: "householdImport:errors.idBirthDate" },
  { field: "idNumber", pattern: /^check digit wrong/, key: "householdImport:errors.idCheckDigit" },
  { field: "idNumber", pattern: /^already registered with (.+)$/, key: "householdImport:errors.idHeld", values: (m) => ({ union: m[1] ?? "" }) },
  { field: "birthYear", pattern: /^does not match the resident ID \((\d{4})\)/, key: "householdImport:errors.birthYearMismatch", values: (m) => ({ year: m[1] ?? "" }) },
  { field: "county", pattern: /^unknown region code/, key: "householdImport:errors.countyUnknownCode" },
  { field: "county", pattern: /^region \d+ is outside (.+) \(\d+\)$/, key: "householdImport:errors.countyOutside", values: (m) => ({ union: m[1] ?? "" }) },
];

/** What each field must be, for a rule of that field without a message of its own above. */
const FIELD_MESSAGE: Record<SheetField, string> = {
  name: "householdImport:errors.name",
  idNumber: "householdImport:errors.idFormat",
  phone: "householdImport:errors.phone",
  address: "householdImport:errors.address",
  birthYear: "householdImport:errors.birthYear",
  sex: "householdImport:errors.sex",
  householdSize: "householdImport:errors.householdSize",
  monthlyIncomePerHead: "householdImport:errors.income",
  causes: "householdImport:errors.causes",
  tier: "householdImport:errors.tier",
  county: "householdImport:errors.county",
  consent: "householdImport:errors.consent",
};

/** `head.idNumber` / `causes.1` → the sheet field, or null for a path outside the table. */
export function fieldOfPath(path: string): SheetField | null {
  const direct = FIELD_OF_PATH[path];
  if (direct) return direct;
  const parent = FIELD_OF_PATH[path.replace(/(\.\d+|\[\d+\])$/, "")];
  return parent ?? null;
}

/** One importer message about `path` (inside a case: `head.phone`), localized where the table knows it. */
export function localizeImportProblem(path: string, message: string): RowProblem {
  const field = fieldOfPath(path);
  if (!field) return { field: null, text: message };
  for (const known of KNOWN) {
    if (known.field !== field) continue;
    const match = known.pattern.exec(message);
    if (match) return { field, key: known.key, values: known.values?.(match) };
  }
  return { field, key: FIELD_MESSAGE[field] };
}
