// A volunteer group registers itself and its first account; the Xiangyun union admin verifies it;
// the group sees it may now publish offers.
import type { Browser } from "playwright-core";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TOTP_SECRET } from "../../db/seed/demo-accounts.server";
import { connectBrowser, openPage } from "./browser";
import { signInAs } from "./browser-sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

describe("organisation registration", () => {
  it("is filled in on a phone, verified by the union admin of its county, and then allowed to publish", async () => {
    const name = `测试暖阳志愿服务队${randomBytes(2).toString("hex")}`;
    const applicant = await openPage(browser, { locale: "zh-CN", width: 390 });
    const { page } = applicant;
    await page.goto("/register");
    await page.getByLabel("省份").selectOption({ label: "云南省" });
    // Without JavaScript the button reloads the form with the province's regions; with it, the list follows the choice.
    const regionSelect = page.getByLabel("地区", { exact: true });
    const regionsShown = async () => (await regionSelect.count()) > 0 && (await regionSelect.locator("option").allTextContents()).some((t) => t.includes("祥云县"));
    // A choice made before React has hydrated the page changes nothing; then the button shows the regions.
    try {
      await expect.poll(regionsShown, { timeout: 5_000 }).toBe(true);
    } catch {
      await page.getByRole("button", { name: "显示下属地区" }).click();
      await expect.poll(regionsShown, { timeout: 10_000 }).toBe(true);
    }
    await regionSelect.selectOption({ label: "祥云县" });
    await page.getByLabel("机构类型").selectOption({ label: "志愿团体" });
    await page.getByLabel("机构名称").fill(name);
    await page.getByLabel("机构简介").fill("测试用的虚构志愿队：为独居老人上门陪护。");
    await page.getByLabel("联系人").fill("测试联系人");
    await page.getByLabel("联系邮箱").fill(`contact-${randomBytes(3).toString("hex")}@test.xiangyun.invalid`);
    await page.getByLabel("联系电话").fill("0872-7123456");
    await page.getByLabel("您的姓名").fill("测试志愿者");
    await page.getByLabel("您的邮箱（用于登录）").fill(`volunteer-${randomBytes(3).toString("hex")}@test.xiangyun.invalid`);
    await page.getByLabel("密码").fill("short");
    await page.getByRole("button", { name: "提交注册" }).click();
    await page.getByText("密码至少需要 10 个字符。").waitFor();
    expect(await page.getByLabel("机构名称").inputValue()).toBe(name);
    await page.getByLabel("密码").fill("a long enough password");
    await page.getByRole("button", { name: "提交注册" }).click();
    await page.waitForURL(/\/organisation/);
    await page.getByText("待审核").first().waitFor();

    const admin = await openPage(browser, { locale: "zh-CN" });
    await signInAs(admin.page, "union-admin@demo.xiangyun.invalid", { totpSecret: DEMO_TOTP_SECRET, from: "/staff/organisations" });
    await admin.page.waitForURL(/\/staff\/organisations/);
    await admin.page.getByRole("link", { name }).click();
    await admin.page.getByRole("button", { name: "认证该机构" }).click();
    await admin.page.getByText("已认证").first().waitFor();
    await admin.context.close();

    await page.reload();
    await page.getByText("您的机构已通过认证，可以发布资源。").waitFor();
    await applicant.context.close();
  });
});
