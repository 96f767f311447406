// A donor without an account, on a phone, pledges to a need of the demo data set and follows the
// pledge with the tracking code: without JavaScript (plain form posts) and with it, where a double
// click still makes one pledge.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowser, openPage } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

async function openFirstNeed(page: Page) {
  await page.goto("/needs");
  await page.getByRole("article").first().getByRole("heading").getByRole("link").click();
  await page.waitForURL(/\/needs\/N-/);
}

async function trackingCodeOn(page: Page): Promise<string> {
  const text = (await page.getByRole("region", { name: "您的查询码" }).textContent()) ?? "";
  const code = /([0-9A-Z]{4}-){6}[0-9A-Z]{4}/.exec(text)?.[0];
  if (!code) throw new Error("no tracking code on the page");
  return code;
}

describe("a donor", () => {
  it("pledges to a need without JavaScript, gets a reference and a tracking code, and follows the pledge", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN", width: 390, javaScript: false });
    await openFirstNeed(page);
    await page.getByRole("link", { name: "认捐这项需求" }).click();
    await page.waitForURL(/\/give\?need=N-/);
    // Three decimals: said on the form, with what was typed kept.
    await page.getByLabel("金额（元）").fill("12.345");
    await page.getByRole("checkbox", { name: /匿名捐款/ }).check();
    await page.getByRole("button", { name: "认捐" }).click();
    await page.getByText("最多两位小数", { exact: false }).first().waitFor();
    expect(await page.getByLabel("金额（元）").inputValue()).toBe("12.345");
    await page.getByLabel("金额（元）").fill("200");
    await page.getByRole("checkbox", { name: /匿名捐款/ }).check();
    await page.getByRole("button", { name: "认捐" }).click();
    await page.getByRole("heading", { name: "谢谢！您的认捐已记录" }).waitFor();
    const ref = /P-[2-9A-Z]{7}/.exec((await page.locator("main").textContent()) ?? "")?.[0];
    expect(ref).toBeDefined();
    const code = await trackingCodeOn(page);
    expect(page.url()).not.toContain(code);

    await page.getByRole("link", { name: "查询我的认捐" }).click();
    await page.getByLabel("查询码").fill(code.toLowerCase());
    await page.getByRole("button", { name: "查看认捐" }).click();
    await page.getByRole("heading", { name: `认捐 ${ref ?? ""}` }).waitFor();
    await page.getByText("等待转账").waitFor();
    expect(page.url()).not.toContain(code.toLowerCase());
    await page.getByRole("button", { name: "可打印的收据" }).click();
    await page.getByRole("heading", { name: "捐款收据" }).waitFor();
    await context.close();
  });

  it("is shown its pledge and code after a double click with JavaScript", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN", width: 390 });
    await openFirstNeed(page);
    await page.getByRole("link", { name: "认捐这项需求" }).click();
    await page.waitForURL(/\/give\?need=N-/);
    await page.getByLabel("金额（元）").fill("50");
    await page.getByLabel("公开显示的名字").fill("测试捐赠人");
    await page.getByRole("button", { name: "认捐" }).dblclick();
    await page.getByRole("heading", { name: "谢谢！您的认捐已记录" }).waitFor();
    const code = await trackingCodeOn(page);
    await page.goto("/pledges/track");
    await page.getByLabel("查询码").fill(code);
    await page.getByRole("button", { name: "查看认捐" }).click();
    await page.getByText("测试捐赠人").waitFor();
    await context.close();
  });

  it("is told a wrong code matches no pledge", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN" });
    await page.goto("/pledges/track");
    await page.getByLabel("查询码").fill("0000-0000-0000-0000-0000-0000-0000");
    await page.getByRole("button", { name: "查看认捐" }).click();
    await page.getByText("没有与此查询码对应的认捐。请核对后重试。").waitFor();
    await context.close();
  });
});
