import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { auditCsvLines } from "./audit-csv";
import { summaryLines } from "./audit-summary";

describe("summaryLines", () => {
  it("writes changed fields as before → after, new ones alone, the note last", () => {
    expect(summaryLines({ before: { role: "caseworker", gone: 1 }, after: { role: "finance", expiresAt: "2026-12-08" }, note: "2 session(s) ended" })).toEqual([
      "role: caseworker → finance",
      "gone: 1 → —",
      "expiresAt: 2026-12-08",
      "2 session(s) ended",
    ]);
  });
  it("writes nothing for no summary", () => {
    expect(summaryLines(null)).toEqual([]);
  });
});

describe("auditCsvLines", () => {
  it("quotes cells with commas, quotes or line breaks and ends lines with CRLF", () => {
    const row = { id: "1", occurredAt: new Date("2026-01-01T00:00:00Z"), actorEmail: null, action: "x.y", entity: "e", entityId: 'a,"b"', regionCode: null, ip: null, summary: { note: "line\nbreak" } };
    expect(auditCsvLines([row], { regionName: () => "" })).toBe(`2026-01-01 08:00:00,,x.y,e,"a,""b""",,,,"line\nbreak"\r\n`);
  });

  it("writes every would-be formula as text, leading TAB and CR included", () => {
    const cells = ["=1+1", "+86 199", "-3号", "@SUM(A1)", "\t=1+1", "\r=1+1"];
    const rows = cells.map((cell, n) => ({ id: String(n), occurredAt: new Date("2026-01-01T00:00:00Z"), actorEmail: cell, action: "x.y", entity: "e", entityId: null, regionCode: null, ip: null, summary: null }));
    const emails = parse(auditCsvLines(rows, { regionName: () => "" }), { relax_column_count: true }).map((record: string[]) => record[1]);
    expect(emails).toEqual(cells.map((cell) => `'${cell}`));
  });
});
