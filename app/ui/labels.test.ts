import { describe, expect, it } from "vitest";
import { contentLang, regionName } from "./labels";

describe("language of written text", () => {
  it("marks Chinese on an English page and English on a Chinese page", () => {
    expect(contentLang("需要一份电工工作", "en")).toBe("zh-CN");
    expect(contentLang("Hotel housekeepers and a cook", "zh-CN")).toBe("en");
  });

  it("leaves text in the page's language unmarked", () => {
    expect(contentLang("需要一份电工工作", "zh-CN")).toBeUndefined();
    expect(contentLang("Hotel housekeepers and a cook", "en")).toBeUndefined();
    expect(contentLang("2026 ¥3,000", "en")).toBeUndefined();
  });

  it("reads mostly-English text with a Chinese gloss as English", () => {
    expect(contentLang("Guesthouse group hiring room attendants and a cook. 客房服务员、厨师。", "en")).toBeUndefined();
  });
});

describe("region names", () => {
  const xiangyun = { zh: "祥云县", en: "Xiangyun County" };

  it("uses the page's language", () => {
    expect(regionName(xiangyun, "zh-CN")).toEqual({ text: "祥云县", lang: undefined });
    expect(regionName(xiangyun, "en")).toEqual({ text: "Xiangyun County", lang: undefined });
  });

  it("falls back to the Chinese name, marked as Chinese, when no English name is known", () => {
    expect(regionName({ zh: "祥云县", en: "" }, "en")).toEqual({ text: "祥云县", lang: "zh-CN" });
  });
});
