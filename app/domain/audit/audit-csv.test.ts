import { describe, expect, it } from "vitest";
import { auditCsvLines, neutraliseFormula } from "./audit-csv";
import { summaryLines } from "./audit-summary";

describe("neutraliseFormula", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])("prefixes %j with an apostrophe", (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });
  it("leaves other cells alone", () => {
    expect(neutraliseFormula("祥云县")).toBe("祥云县");
    expect(neutraliseFormula("a=b")).toBe("a=b");
    expect(neutraliseFormula("")).toBe("");
  });
});

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
});
