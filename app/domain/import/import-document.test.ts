import { describe, expect, it } from "vitest";
import { fakeCase, fakeDocument, fakeOffer } from "../../../tests/factories";
import { parseImportDocument } from "./import-document";

describe("import document validation", () => {
  it("accepts the factory document", () => {
    const parsed = parseImportDocument(fakeDocument());
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it("names every bad field with its JSON path", () => {
    const doc = fakeDocument({ cases: 4 });
    const bad = fakeCase(9);
    doc.cases![3] = { ...bad, head: { ...bad.head, idNumber: "532923197501019910" }, monthlyIncomePerHead: "650.005", causes: [] };
    doc.offers![0] = fakeOffer(1, { regions: ["5329x"], validFrom: "2027-07-01" });
    const parsed = parseImportDocument(doc);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      { path: "cases[3].head.idNumber", message: "check digit wrong" },
      { path: "cases[3].monthlyIncomePerHead", message: 'must be an amount in yuan as text, like "650.00"' },
      { path: "cases[3].causes", message: "must name at least one cause" },
      { path: "offers[0].regions[0]", message: "must be a region code of 2, 4 or 6 digits" },
      { path: "offers[0].validUntil", message: "must not be before validFrom" },
    ]);
  });

  it("refuses duplicate keys and a resident ID twice in one file", () => {
    const doc = fakeDocument({ cases: 2 });
    const first = doc.cases![0]!;
    doc.cases![1] = { ...fakeCase(2), key: first.key, head: { ...fakeCase(2).head, idNumber: first.head.idNumber, birthYear: first.head.birthYear } };
    const parsed = parseImportDocument(doc);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: "cases[1].key", message: 'duplicate case key "case-1" (also cases[0])' },
      { path: "cases[1].head.idNumber", message: "same resident ID as cases[0]" },
    ]);
  });

  it("wants the birth year to agree with the ID and consent before publishing", () => {
    const c = fakeCase(1);
    const doc = { ...fakeDocument({ cases: 0 }), cases: [{ ...c, consent: false, head: { ...c.head, birthYear: 1980 } }] };
    const parsed = parseImportDocument(doc);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: "cases[0].head.birthYear", message: "does not match the resident ID (1961)" },
      { path: "cases[0].needs[0].publish", message: "cannot publish without the household's consent" },
    ]);
  });

  it("blocks publishing a story or title that carries an identity, and says what it found", () => {
    const c = fakeCase(60);
    const need = c.needs![0]!;
    const doc = {
      ...fakeDocument({ cases: 0 }),
      cases: [{ ...c, needs: [{ ...need, title: `${c.head.name}需要工作`, story: `请拨打 ${c.head.phone} 联系` }, { ...need, key: "draft", publish: false, story: c.head.phone }] }],
    };
    const parsed = parseImportDocument(doc);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: "cases[0].needs[0].title", message: `contains the household head's name ("${c.head.name}"); remove it before publishing` },
      { path: "cases[0].needs[0].story", message: 'contains a mobile number ("19900000060"); remove it before publishing' },
    ]);
  });

  it("normalises phone numbers and resident IDs as people type them", () => {
    const c = fakeCase(1);
    const doc = { ...fakeDocument({ cases: 0 }), cases: [{ ...c, head: { ...c.head, phone: "+86 199-0000-0001", idNumber: c.head.idNumber.toLowerCase() } }] };
    const parsed = parseImportDocument(doc);
    expect(parsed.ok && parsed.document.cases[0]?.head.phone).toBe("19900000001");
  });
});
