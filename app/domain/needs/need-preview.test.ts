// The live preview must be the card toPublicNeed would build: the same projection, not a copy.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NEED_CATEGORIES } from "./need-category";
import type { NeedContent } from "./need-form";
import { draftContent, withContent } from "./need-preview";
import type { PublicNeedSource } from "./public-need";
import { toPublicNeed } from "./public-need";

const source: PublicNeedSource = {
  ref: "N-PREVIEW",
  version: 3,
  category: "living",
  title: "",
  story: "",
  skills: [],
  status: "published",
  targetAmount: null,
  publishedAt: new Date("2026-11-20T00:00:00Z"),
  updatedAt: new Date("2026-12-01T00:00:00Z"),
  caseBirthYear: 1978,
  caseTier: "severe",
  region: { code: "532923", path: ["53", "5329", "532923"], nameZh: "祥云县", nameEn: "Xiangyun" },
};
const today = new Date("2026-12-01T00:00:00Z");

const content = fc.record({
  category: fc.constantFrom(...NEED_CATEGORIES),
  title: fc.string({ maxLength: 80 }),
  story: fc.string({ maxLength: 300 }),
  skills: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 5 }),
  targetAmount: fc.option(
    fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 0, max: 99 })).map(([whole, cents]) => `${whole}.${String(cents).padStart(2, "0")}`),
    { nil: null },
  ),
}) satisfies fc.Arbitrary<NeedContent>;

describe("need preview", () => {
  it("is what toPublicNeed gives for the same content", () => {
    const base = toPublicNeed(source, today);
    fc.assert(
      fc.property(content, (c) => {
        expect(withContent(base, c)).toEqual(toPublicNeed({ ...source, ...c }, today));
      }),
    );
  });

  it("shows what is typed so far, falling back where it cannot yet", () => {
    expect(draftContent({ category: "", title: "  电工工作 ", story: "情况", skills: "电工、焊工", targetAmount: "3,000" }, "job")).toEqual({
      category: "job",
      title: "电工工作",
      story: "情况",
      skills: ["电工", "焊工"],
      targetAmount: "3000.00",
    });
    // A comma that is not a thousands separator may be a decimal point: no amount is guessed.
    expect(draftContent({ category: "job", targetAmount: "3,00" }, "job").targetAmount).toBeNull();
    expect(draftContent({ category: "medical", targetAmount: "3000.123" }, "job")).toEqual({ category: "medical", title: "", story: "", skills: [], targetAmount: null });
    expect(draftContent(undefined, "care").category).toBe("care");
  });
});
