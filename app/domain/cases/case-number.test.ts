import { describe, expect, it } from "vitest";
import { formatCaseNumber, parseCaseNumber } from "./case-number";

describe("case numbers", () => {
  it("read county, year and a four-digit sequence: 532923-2026-0042", () => {
    expect(formatCaseNumber("532923", 2026, 42)).toBe("532923-2026-0042");
    expect(formatCaseNumber("532923", 2026, 12345)).toBe("532923-2026-12345");
  });

  it("are recognised as typed, with or without the leading zeros or with full-width digits", () => {
    expect(parseCaseNumber(" 532923-2026-0042 ")).toBe("532923-2026-0042");
    expect(parseCaseNumber("532923-2026-42")).toBe("532923-2026-0042");
    expect(parseCaseNumber("５３２９２３－２０２６－００４２")).toBe("532923-2026-0042");
    expect(parseCaseNumber("532923 2026 0042")).toBe("532923-2026-0042");
  });

  it("are not resident IDs, UUIDs or a zero sequence", () => {
    expect(parseCaseNumber("53292319800101001X")).toBeNull();
    expect(parseCaseNumber("532923 1980 01010011")).toBeNull();
    expect(parseCaseNumber("0b6f3c1e-2a4d-4c1b-9e7f-1234567890ab")).toBeNull();
    expect(parseCaseNumber("532923-2026-0000")).toBeNull();
    expect(parseCaseNumber("")).toBeNull();
  });
});
