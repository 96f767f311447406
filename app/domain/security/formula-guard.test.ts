import { describe, expect, it } from "vitest";
import { guardFormula, unguardFormula } from "./formula-guard";

describe("guardFormula", () => {
  it.each(["=1+1", "+86 199", "-3号", "@SUM(A1)", "\t=1+1", "\r=1+1"])("writes %j as text, and unguardFormula reads it back", (cell) => {
    expect(guardFormula(cell)).toBe(`'${cell}`);
    expect(unguardFormula(guardFormula(cell))).toBe(cell);
  });

  it("leaves other cells alone, both ways", () => {
    for (const cell of ["祥云县", "a=b", "", "测试路 1 号", "'测试"]) {
      expect(guardFormula(cell)).toBe(cell);
      expect(unguardFormula(cell)).toBe(cell);
    }
  });
});
