// The site as a visitor finds it: the home page in both languages, a need's page, the 404 page.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowser, openPage } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

describe("a visitor", () => {
  it("sees the home page in Chinese and switches to English, which is remembered", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN" });
    await page.goto("/");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForURL("**/");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.goto("/needs");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await context.close();
  });

  it("opens a need from the list and reads its anonymised story", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN", width: 390 });
    await page.goto("/needs");
    const cardLink = page.getByRole("article").first().getByRole("heading").getByRole("link");
    const title = (await cardLink.textContent())?.trim() ?? "";
    expect(title).not.toBe("");
    await cardLink.click();
    await page.waitForURL(/\/needs\/N-/);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await context.close();
  });

  it("gets a real 404 page for an unknown address", async () => {
    const { context, page } = await openPage(browser);
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("页面不存在");
    await context.close();
  });
});
