// Signing in through the pages, in Chinese, as a person does. A TOTP code is accepted once per
// 30-second step, and several test files sign in the same demo admin: when this step's code was
// just used, wait for the next one.
import type { Page } from "playwright-core";
import { currentTotpCode } from "../../app/domain/auth/totp.server";
import { DEMO_PASSWORD } from "../../db/seed/demo-accounts.server";

export async function signInAs(page: Page, email: string, options: { totpSecret?: string; from?: string } = {}) {
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent(options.from ?? "/account")}`);
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  if (!options.totpSecret) {
    await page.waitForURL((url) => url.pathname !== "/sign-in");
    return;
  }
  await page.waitForURL(/\/sign-in\/two-factor/);
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByLabel("六位验证码").fill(currentTotpCode(options.totpSecret));
    await page.getByRole("button", { name: "继续" }).click();
    const left = await page.waitForURL((url) => url.pathname !== "/sign-in/two-factor", { timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (left) return;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 200);
  }
  throw new Error(`the TOTP step of ${email} failed twice`);
}
