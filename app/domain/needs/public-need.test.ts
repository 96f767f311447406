import { describe, expect, it } from "vitest";
import { PUBLIC_NEED_FIELDS, toPublicNeed } from "./public-need";
import type { PublicNeedSource } from "./public-need";

const source: PublicNeedSource = {
  ref: "N-7K3Q9MX",
  version: 1,
  category: "tuition",
  title: "孩子考上大专，学费缺口 4500 元",
  story: "母亲患病，家中收入微薄。",
  skills: [],
  status: "published",
  targetAmount: "4500.00",
  publishedAt: new Date("2026-11-03T08:15:00Z"),
  updatedAt: new Date("2026-11-20T10:00:00Z"),
  caseBirthYear: 1975,
  caseTier: "severe",
  region: { code: "532923", path: ["53", "5329", "532923"], nameZh: "祥云县", nameEn: "Xiangyun County" },
};

describe("public projection of a need", () => {
  it("has exactly the allowlisted fields", () => {
    const need = toPublicNeed(source, new Date("2026-11-23"));
    expect(Object.keys(need).sort()).toEqual([...PUBLIC_NEED_FIELDS].sort());
  });

  it("keeps amounts exact, dates by month, and ages as 10-year bands", () => {
    const need = toPublicNeed(source, new Date("2026-11-23"));
    expect(need).toMatchObject({ targetAmount: "4500.00", publishedMonth: "2026-11", updatedMonth: "2026-11", ageBand: "50-59", urgency: "severe" });
    expect(JSON.stringify(need)).not.toContain("08:15");
  });

  it("gives no age at all for a minor", () => {
    expect(toPublicNeed({ ...source, caseBirthYear: 2012 }, new Date("2026-11-23")).ageBand).toBe("child");
  });

  it("does not pass on fields it was not built to pass", () => {
    const withExtra = { ...source, headName: "测试甲", idNumber: "11010519491231002X" };
    const need = toPublicNeed(withExtra, new Date("2026-11-23"));
    expect(JSON.stringify(need)).not.toMatch(/测试甲|11010519491231002X/);
  });
});
