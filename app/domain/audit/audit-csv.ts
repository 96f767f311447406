// The audit log as CSV for spreadsheets. Cells that a spreadsheet would run as a formula get a
// leading apostrophe (guardFormula): an actor's email or a note must never turn into a formula on an
// auditor's machine.
import { stringify } from "csv-stringify/sync";
import { guardFormula } from "../security/formula-guard";
import { chinaTimestamp } from "../../ui/format-time";
import type { AuditEntryRow } from "./audit-entry";
import { summaryLines } from "./audit-summary";

/** Excel reads a CSV as UTF-8 (and so shows Chinese) only when the file starts with this mark. */
export const UTF8_BOM = "\uFEFF";

export const AUDIT_CSV_HEADER = ["time_asia_shanghai", "actor_email", "action", "entity", "entity_id", "region_code", "region_name", "ip", "summary"] as const;

/** CSV lines (CRLF, quoted where needed) for some rows; `header` adds the header line first. */
export function auditCsvLines(rows: readonly AuditEntryRow[], options: { regionName: (code: string) => string; header?: boolean }): string {
  const records = rows.map((row) =>
    [
      chinaTimestamp(row.occurredAt),
      row.actorEmail ?? "",
      row.action,
      row.entity,
      row.entityId ?? "",
      row.regionCode ?? "",
      row.regionCode ? options.regionName(row.regionCode) : "",
      row.ip ?? "",
      summaryLines(row.summary).join("; "),
    ].map(guardFormula),
  );
  return stringify(options.header ? [[...AUDIT_CSV_HEADER], ...records] : records, { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}
