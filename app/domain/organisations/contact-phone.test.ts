import { describe, expect, it } from "vitest";
import { normaliseContactPhone } from "./contact-phone";

describe("normaliseContactPhone", () => {
  it.each([
    ["139 1234 5678", "13912345678"],
    ["+86 139-1234-5678", "13912345678"],
    ["１３９１２３４５６７８", "13912345678"],
  ])("keeps a mobile number as 11 digits: %s", (raw, expected) => {
    expect(normaliseContactPhone(raw)).toBe(expected);
  });

  it.each([
    ["0872-7123456", "0872-7123456"],
    ["0872 712 3456", "0872-7123456"],
    ["(010) 6512 3456", "010-65123456"],
    ["021-62345678", "021-62345678"],
    ["+86 871 6512 3456", "0871-65123456"],
    ["０８７２－７１２３４５６", "0872-7123456"],
  ])("writes a landline as area code and number: %s", (raw, expected) => {
    expect(normaliseContactPhone(raw)).toBe(expected);
  });

  it.each(["", "12345", "7123456", "0872-0123456", "0872-123456", "0872-123456789", "123-4567-8901", "电话"])("refuses %j", (raw) => {
    expect(normaliseContactPhone(raw)).toBeNull();
  });
});
