import { describe, expect, it } from "vitest";
import { fakeResidentId } from "../../../tests/factories";
import { applySchema, normaliseApplicationNumber, statusCheckSchema } from "./application-schema";

const valid = {
  name: " 测试申请人 ",
  idNumber: fakeResidentId(3).replace(/^(\d{6})(\d{8})/, "$1 $2 "),
  phone: "＋86 １９９-0000-0003",
  county: "532923",
  whatHappened: "测试：生病住院。",
  helpNeeded: "测试：医药费。",
  consent: "on",
};

describe("the application form", () => {
  it("normalises what people type: spaces in the ID, +86 and full-width digits in the phone", () => {
    const parsed = applySchema.parse(valid);
    expect(parsed).toMatchObject({ name: "测试申请人", idNumber: fakeResidentId(3), phone: "19900000003" });
  });

  it("accepts a lower-case x as the check character", () => {
    const upper = Array.from({ length: 200 }, (_, n) => fakeResidentId(n)).find((id) => id.endsWith("X"));
    if (!upper) throw new Error("no ID with X among the first 200");
    expect(applySchema.parse({ ...valid, idNumber: upper.toLowerCase() }).idNumber).toBe(upper);
  });

  it("requires the consent box", () => {
    const result = applySchema.safeParse({ ...valid, consent: undefined });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["consent", "applications:errors.consentRequired"]]);
  });

  it("asks for a county, not a province or prefecture", () => {
    expect(applySchema.safeParse({ ...valid, county: "5329" }).success).toBe(false);
  });
});

describe("the status check", () => {
  it.each([
    ["A-7K3Q9MX", "A-7K3Q9MX"],
    ["a-7k3q9mx", "A-7K3Q9MX"],
    ["A 7K3Q 9MX", "A-7K3Q9MX"],
    ["A7K3Q9MX", "A-7K3Q9MX"],
    ["Ａ－７Ｋ３Ｑ９ＭＸ", "A-7K3Q9MX"],
  ])("reads %s as %s", (typed, number) => {
    expect(normaliseApplicationNumber(typed)).toBe(number);
  });

  it("refuses a number with letters the alphabet leaves out (0, O, 1, I, L, U)", () => {
    for (const number of ["A-0000000", "A-OOOOOOO", "A-1111111", "A-IIIIIII", "A-LLLLLLL", "A-UUUUUUU", "N-7K3Q9MX"]) {
      expect(statusCheckSchema.safeParse({ number, phone: "19900000001" }).success).toBe(false);
    }
  });
});
