// An audit row's before/after summary as short lines people read ("role: caseworker → finance"),
// for the audit page and its CSV export alike.
import type { AuditSummary } from "./audit-entry";

function show(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? String(value);
}

/** One line per field that was recorded, the old value before the arrow; the note last. */
export function summaryLines(summary: AuditSummary | null): string[] {
  if (!summary) return [];
  const before = summary.before ?? {};
  const after = summary.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const lines = fields.map((field) => {
    if (!(field in before)) return `${field}: ${show(after[field])}`;
    if (!(field in after)) return `${field}: ${show(before[field])} → —`;
    return `${field}: ${show(before[field])} → ${show(after[field])}`;
  });
  return summary.note ? [...lines, summary.note] : lines;
}
