// The public ledger activity as CSV for spreadsheets. Every cell goes through guardFormula: a need's
// title or a donor's chosen name must never run as a formula on a reader's machine. Pure.
import { stringify } from "csv-stringify/sync";
import { moneyToString } from "../money/money";
import { guardFormula } from "../security/formula-guard";
import type { LedgerActivity } from "./ledger-activity.server";

export const LEDGER_ACTIVITY_CSV_HEADER = ["sequence", "value_date", "kind", "reverses", "amount_cny", "source", "payee_kind", "need_ref", "need_title", "donor_name", "hash"] as const;

/** CSV lines (CRLF) for some activity rows; `header` adds the header line first. */
export function ledgerActivityCsvLines(rows: readonly LedgerActivity[], options: { header?: boolean } = {}): string {
  const records = rows.map((row) =>
    [
      row.sequence,
      row.valueDate,
      row.kind,
      row.reverses ?? "",
      moneyToString(row.amount),
      row.source ?? "",
      row.payeeKind ?? "",
      row.need?.ref ?? "",
      row.need?.title ?? "",
      row.donorName ?? "",
      row.hash,
    ].map(guardFormula),
  );
  return stringify(options.header ? [[...LEDGER_ACTIVITY_CSV_HEADER], ...records] : records, { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}
