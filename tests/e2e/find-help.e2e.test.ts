// A worker who arrives as a visitor finds the way to ask for help: from the home page, the header,
// every need page and the footer; the footer's about, privacy, contact and API links lead somewhere
// real, in both languages and without JavaScript.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowser, openPage } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

async function followTo(page: Page, name: string, scope: "main" | "contentinfo" | "banner", expectedPath: string, heading: string) {
  await page.getByRole(scope).getByRole("link", { name, exact: true }).click();
  await page.waitForURL(`**${expectedPath}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

describe("a worker looking for help", () => {
  it("finds /apply from the home page, the header and the footer, without JavaScript", async () => {
    const { context, page } = await openPage(browser, { locale: "en", javaScript: false });
    await page.goto("/");
    await page.getByRole("heading", { name: "Need help yourself?" }).waitFor();
    await followTo(page, "Ask the union for help", "main", "/apply", "Ask the union for help");
    await page.goto("/");
    await followTo(page, "Ask for help", "banner", "/apply", "Ask the union for help");
    await page.goto("/needs");
    await followTo(page, "Ask the union for help", "contentinfo", "/apply", "Ask the union for help");
    await context.close();
  });

  it("finds it on a need's page: “need help yourself?”", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN", javaScript: false, width: 390 });
    await page.goto("/needs");
    await page.getByRole("article").first().getByRole("heading").getByRole("link").click();
    await page.waitForURL(/\/needs\/N-/);
    await page.getByRole("heading", { name: "您自己需要帮扶吗？" }).waitFor();
    await followTo(page, "向工会申请帮扶", "main", "/apply", "向工会申请帮扶");
    await context.close();
  });
});

describe("the footer", () => {
  it("leads to real about, privacy and contact pages in English", async () => {
    const { context, page } = await openPage(browser, { locale: "en", javaScript: false });
    await page.goto("/needs");
    await followTo(page, "About Xiangyun", "contentinfo", "/about", "About Xiangyun");
    await followTo(page, "Privacy", "contentinfo", "/privacy", "Privacy");
    await page.getByRole("heading", { level: 2, name: "Cookies" }).waitFor();
    await followTo(page, "Contact", "contentinfo", "/contact", "Contact");
    expect(await page.getByRole("main").textContent()).toContain("12351");
    await context.close();
  });

  it("leads to the same pages in Chinese", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN", javaScript: false });
    await page.goto("/");
    await followTo(page, "关于祥云", "contentinfo", "/about", "关于祥云");
    await followTo(page, "隐私说明", "contentinfo", "/privacy", "隐私说明");
    await followTo(page, "联系我们", "contentinfo", "/contact", "联系我们");
    await context.close();
  });

  it("links the API's OpenAPI document", async () => {
    const { context, page } = await openPage(browser, { locale: "en" });
    await page.goto("/");
    const href = await page.getByRole("contentinfo").getByRole("link", { name: "Open data API (OpenAPI)" }).getAttribute("href");
    expect(href).toBe("/api/v1/openapi.json");
    const response = await page.request.get(href ?? "");
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { openapi?: string }).openapi).toMatch(/^3\./);
    await context.close();
  });
});
