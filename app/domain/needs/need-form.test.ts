import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney, parseMoney } from "../money/money";
import { needFormSchema, normaliseAmountText, parseSkills, skillsText } from "./need-form";

const base = { category: "job", title: "需要一份电工工作", story: "腿部受伤后需要不久站的工作。" };

describe("need form", () => {
  it("splits skills on every separator people use, once each", () => {
    expect(parseSkills("电工、水电工, 焊工，电工;  ；\n木工")).toEqual(["电工", "水电工", "焊工", "木工"]);
    expect(parseSkills("")).toEqual([]);
    expect(parseSkills(undefined)).toEqual([]);
    expect(parseSkills(skillsText(["电工", "焊工"]))).toEqual(["电工", "焊工"]);
  });

  it("reads amounts as people write them, into canonical yuan text", () => {
    expect(normaliseAmountText("3000")).toBe("3000.00");
    expect(normaliseAmountText("¥3,000.5")).toBe("3000.50");
    expect(normaliseAmountText("３０００元")).toBe("3000.00");
    expect(normaliseAmountText(" 12 500 ")).toBe("12500.00");
    expect(normaliseAmountText("0.01")).toBe("0.01");
  });

  it("refuses zero, negatives, three decimals and words", () => {
    for (const text of ["0", "0.00", "-5", "3000.123", "三千", "1e3", "", "00012", "3,00,0"]) expect(normaliseAmountText(text)).toBeNull();
  });

  it("gives canonical text the money module reads to the same amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole}.${String(cents).padStart(2, "0")}`;
        const normal = normaliseAmountText(text);
        if (whole === 0n && cents === 0) return normal === null;
        return normal === text && formatMoney(parseMoney(normal), "en") === formatMoney(parseMoney(text), "en");
      }),
    );
  });

  it("parses a full form, with an empty amount as none", () => {
    const result = needFormSchema.safeParse({ ...base, skills: "电工、焊工", targetAmount: "" });
    expect(result.success && result.data).toEqual({ ...base, skills: ["电工", "焊工"], targetAmount: null, overrideReason: undefined });
  });

  it("answers with the i18n key of each problem", () => {
    const messages = (input: Record<string, unknown>) => {
      const result = needFormSchema.safeParse(input);
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    };
    expect(messages({ ...base, title: "字".repeat(81) })).toEqual(["title:needEditor:errors.titleTooLong"]);
    expect(messages({ ...base, story: "  " })).toEqual(["story:needEditor:errors.storyRequired"]);
    expect(messages({ ...base, category: "money" })).toEqual(["category:needEditor:errors.categoryRequired"]);
    expect(messages({ ...base, targetAmount: "0" })).toEqual(["targetAmount:needEditor:errors.amountInvalid"]);
    expect(messages({ ...base, skills: Array.from({ length: 21 }, (_, i) => `技能${i}`).join("、") })).toEqual(["skills:needEditor:errors.tooManySkills"]);
    expect(messages({ ...base, skills: "长".repeat(41) })).toEqual(["skills:needEditor:errors.skillTooLong"]);
    expect(messages({ ...base, overrideReason: "太短" })).toEqual(["overrideReason:needEditor:errors.reasonTooShort"]);
  });
});
