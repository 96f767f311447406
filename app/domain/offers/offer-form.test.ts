// The offer form's schema, shared by the browser and the server: the chosen type's details only,
// amounts as canonical text, and what it refuses, each with its message key.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { offerContentOf, offerFormSchema } from "./offer-form";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return parseWithZod(data, { schema: offerFormSchema });
};
const errorsOf = (fields: Record<string, string | string[]>) => {
  const result = form(fields);
  return result.status === "success" ? null : result.error;
};
const base = { offerType: "vacancy", category: "job", title: "招聘电工", description: "厂区电工维护。", regions: "532923", capacity: "3" };

describe("offerFormSchema", () => {
  it("keeps the chosen type's details, with amounts as canonical text", () => {
    const result = form({ ...base, payMin: "３５００", payMax: "¥4,500.5", payPeriod: "month", certificate: "电工证", skills: "电工、水电工" });
    if (result.status !== "success") throw new Error(JSON.stringify(result.error));
    expect(offerContentOf(result.value)).toMatchObject({ skills: ["电工", "水电工"], regionCodes: ["532923"], capacity: 3, details: { payMin: "3500.00", payMax: "4500.50", payPeriod: "month" } });
    expect(offerContentOf(result.value).details).not.toHaveProperty("certificate");
  });

  it("refuses a pay range upside down, a grant without its amount, a start after the end and no region", () => {
    expect(errorsOf({ ...base, payMin: "5000", payMax: "3000" })).toMatchObject({ payMax: ["offers:errors.payRange"] });
    expect(errorsOf({ ...base, offerType: "grant" })).toMatchObject({ amount: ["offers:errors.grantAmountRequired"] });
    expect(errorsOf({ ...base, validFrom: "2027-02-01", validUntil: "2027-01-31" })).toMatchObject({ validUntil: ["offers:errors.validRange"] });
    expect(errorsOf({ ...base, regions: [] })).toMatchObject({ regions: ["offers:errors.regionsRequired"] });
    expect(errorsOf({ ...base, capacity: "2.5" })).toMatchObject({ capacity: ["offers:errors.capacityInvalid"] });
  });
});
