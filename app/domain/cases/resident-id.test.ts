import { describe, expect, it } from "vitest";
import { checkResidentId, normaliseResidentId, residentIdCheckChar, residentIdSex } from "./resident-id";

describe("resident ID", () => {
  it("computes the MOD 11-2 check character of the standard example", () => {
    // GB 11643-1999's worked example.
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
  });

  it("accepts a valid ID and names each kind of problem", () => {
    expect(checkResidentId("11010519491231002X")).toBeNull();
    expect(checkResidentId("110105194912310021")).toBe("check-digit");
    expect(checkResidentId("110105194902300028")).toBe("birth-date");
    expect(checkResidentId("1101051949123100")).toBe("format");
  });

  it("normalises spaces, dashes, full-width digits and a lower-case x", () => {
    expect(normaliseResidentId("110105 1949-1231 002x")).toBe("11010519491231002X");
    expect(normaliseResidentId("１１０１０５１９４９１２３１００２Ｘ")).toBe("11010519491231002X");
  });

  it("reads the sex from the 17th digit", () => {
    expect(residentIdSex("11010519491231002X")).toBe("female");
    expect(residentIdSex("11010519491231001X")).toBe("male");
  });
});
