import { describe, expect, it } from "vitest";
import { fieldOfPath, localizeImportProblem } from "./sheet-problems";

describe("localizeImportProblem", () => {
  it("turns the importer's messages into localized ones by field", () => {
    expect(localizeImportProblem("head.idNumber", "check digit wrong")).toEqual({ field: "idNumber", key: "householdImport:errors.idCheckDigit" });
    expect(localizeImportProblem("head.idNumber", "already registered with 宾川县总工会")).toEqual({ field: "idNumber", key: "householdImport:errors.idHeld", values: { union: "宾川县总工会" } });
    expect(localizeImportProblem("head.birthYear", "does not match the resident ID (1975)")).toEqual({ field: "birthYear", key: "householdImport:errors.birthYearMismatch", values: { year: "1975" } });
    expect(localizeImportProblem("region", "region 532924 is outside 祥云县总工会 (532923)")).toEqual({ field: "county", key: "householdImport:errors.countyOutside", values: { union: "祥云县总工会" } });
  });

  it("gives a field's own message for a rule without one, such as a wrong type", () => {
    expect(localizeImportProblem("head.phone", "must be a mainland mobile number (11 digits starting 13–19)")).toEqual({ field: "phone", key: "householdImport:errors.phone" });
    expect(localizeImportProblem("householdSize", "Invalid input: expected number, received string")).toEqual({ field: "householdSize", key: "householdImport:errors.householdSize" });
    expect(localizeImportProblem("causes.1", "Invalid option")).toEqual({ field: "causes", key: "householdImport:errors.causes" });
  });

  it("keeps the English text for a path outside the table", () => {
    expect(localizeImportProblem("organisation", 'no organisation with key "x" in the file or the database')).toEqual({ field: null, text: 'no organisation with key "x" in the file or the database' });
    expect(fieldOfPath("needs[0].title")).toBeNull();
  });
});
