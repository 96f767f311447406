import { describe, expect, it } from "vitest";
import { getPageLocale } from "../i18n/page-locale.server";
import { action } from "./set-language";

function post(fields: Record<string, string>) {
  return new Request("http://localhost/set-language", { method: "POST", body: new URLSearchParams(fields) });
}

async function thrownStatus(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  throw new Error("expected a thrown response");
}

describe("language switch", () => {
  it("remembers the choice in a cookie and returns to the page", async () => {
    const response = await action({ request: post({ locale: "en", redirectTo: "/needs?page=2" }) });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/needs?page=2");
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^lng=/);
    // The remembered choice wins over the browser's Accept-Language.
    const next = new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] ?? "", "Accept-Language": "zh-CN" } });
    expect((await getPageLocale(next)).locale).toBe("en");
  });

  it("defaults from Accept-Language, then Chinese", async () => {
    expect((await getPageLocale(new Request("http://localhost/", { headers: { "Accept-Language": "en-GB,en;q=0.9" } }))).locale).toBe("en");
    expect((await getPageLocale(new Request("http://localhost/", { headers: { "Accept-Language": "fr" } }))).locale).toBe("zh-CN");
  });

  it("never redirects off the site", async () => {
    for (const redirectTo of ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "/a\r\nX-Evil: 1"]) {
      const response = await action({ request: post({ locale: "en", redirectTo }) });
      expect(response.headers.get("Location")).toBe("/");
    }
  });

  it("refuses an unknown language", async () => {
    expect(await thrownStatus(action({ request: post({ locale: "xx" }) }))).toBe(400);
  });
});
