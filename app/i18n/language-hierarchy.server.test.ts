import { createInstance } from "i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18nConfig } from "./config";
import { rememberLanguageHierarchy } from "./language-hierarchy.server";
import { ALL_NAMESPACES, allResources } from "./resources.server";

async function instanceFor(lng: string, remember: boolean) {
  const instance = createInstance();
  await instance.init({ ...i18nConfig, lng, ns: [...ALL_NAMESPACES], resources: allResources });
  if (remember) rememberLanguageHierarchy(instance);
  return instance;
}

const KEYS = ["needs.county", "nav.needs", "site.name", "no.such.key"] as const;

describe("remembered language hierarchy", () => {
  afterEach(() => vi.restoreAllMocks());

  it("translates every key in both languages as i18next does by itself", async () => {
    for (const lng of ["zh-CN", "en"]) {
      const [plain, remembered] = await Promise.all([instanceFor(lng, false), instanceFor(lng, true)]);
      for (const key of KEYS) expect(remembered.t(key), `${lng} ${key}`).toBe(plain.t(key));
      expect(remembered.t("ageBand.range", { low: 40, high: 49 })).toBe(plain.t("ageBand.range", { low: 40, high: 49 }));
      expect(remembered.t("needs.county", { lng: "en" })).toBe(plain.t("needs.county", { lng: "en" }));
    }
  });

  it("canonicalises a language code once, not on every t()", async () => {
    const instance = await instanceFor("zh-CN", true);
    const canonical = vi.spyOn(Intl, "getCanonicalLocales");
    for (let i = 0; i < 50; i++) instance.t("needs.county");
    expect(canonical.mock.calls.length).toBeLessThanOrEqual(1);
  });
});
