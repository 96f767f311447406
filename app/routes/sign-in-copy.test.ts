// The sign-in page says only what the site does: staff and partner organisations have accounts;
// nobody registers as a donor, and browsing or applying for help needs no account.
import { describe, expect, it } from "vitest";
import { allResources } from "../i18n/resources.server";

describe("sign-in page copy", () => {
  for (const lng of ["en", "zh-CN"] as const) {
    it(`does not offer donor registration or donating (${lng})`, () => {
      const signIn = allResources[lng].auth.signIn;
      const text = Object.values(signIn).join(" ");
      expect(text).not.toMatch(/donor|donat/i);
      expect(text).not.toMatch(/捐赠|捐款|注册捐赠人/);
    });

    it(`names who has an account and what needs none (${lng})`, () => {
      const { intro, apply } = allResources[lng].auth.signIn;
      expect(intro).toMatch(lng === "en" ? /union staff/ : /工会工作人员/);
      expect(intro).toMatch(lng === "en" ? /apply for help/ : /申请帮扶/);
      expect(apply).toBeTruthy();
    });
  }
});
