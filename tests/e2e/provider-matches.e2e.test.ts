// The provider's side of a match, in the browser: the demo training school's member opens a public
// need of Xiangyun and sends "we can help" with one of its courses; the Xiangyun caseworker
// approves the request on the need's staff page; the school accepts the match in its inbox and sees
// the union caseworker's contact — never who the household is.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectBrowser, openPage } from "./browser";
import { signInAs } from "./browser-sign-in";
import { RESIDENT_ID, publicNeeds } from "./demo-world";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

/** Published Xiangyun needs a training course may serve (training and job needs). */
async function xiangyunNeeds(): Promise<string[]> {
  const refs: string[] = [];
  for (const category of ["training", "job"]) refs.push(...(await publicNeeds(inject("baseUrl"), { region: "532923", category })).map((n) => n.ref));
  return refs;
}

/** The first of the needs whose page offers the provider a form (an offer it may still send). */
async function needWithHelpForm(page: Page, refs: string[]): Promise<string> {
  for (const ref of refs) {
    await page.goto(`/needs/${ref}`);
    if (await page.getByRole("button", { name: "提交帮扶意向" }).count()) return ref;
  }
  throw new Error("no Xiangyun need the demo school may offer help for");
}

describe("we can help, reviewed by the union, accepted by the provider", () => {
  it("goes from the public need page to the union's contact, without the household's identity", async () => {
    const provider = await openPage(browser, { locale: "zh-CN" });
    await signInAs(provider.page, "provider-member@demo.xiangyun.invalid", { from: "/organisation" });
    const needRef = await needWithHelpForm(provider.page, await xiangyunNeeds());
    const needTitle = (await provider.page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
    const form = provider.page.locator("#we-can-help");
    const offerSelect = form.getByLabel("提供的资源");
    const firstOffer = await offerSelect.locator("option").nth(1).getAttribute("value");
    if (!firstOffer) throw new Error("no offer to choose");
    await offerSelect.selectOption(firstOffer);
    await form.getByLabel("给工会的留言").fill("我校电工培训班还有名额，结业后推荐就业，欢迎这位职工报名。");
    await form.getByRole("button", { name: "提交帮扶意向" }).click();
    await provider.page.getByText("谢谢！工会将审核您的帮扶意向").waitFor();
    await form.getByText("等待工会审核").waitFor();

    const staff = await openPage(browser, { locale: "zh-CN" });
    await signInAs(staff.page, "caseworker@demo.xiangyun.invalid", { from: `/staff/needs/${needRef}` });
    await staff.page.waitForURL(new RegExp(`/staff/needs/${needRef}`));
    await staff.page.getByRole("button", { name: "批准" }).first().click();
    await staff.page.getByText("已批准申请并推荐给资源方。").waitFor();
    await staff.context.close();

    await provider.page.goto("/organisation/matches");
    const waiting = provider.page.getByRole("region", { name: /等待您答复/ });
    await waiting.getByRole("link", { name: needTitle }).first().click();
    await provider.page.waitForURL(/\/organisation\/matches\/M-/);
    await provider.page.getByRole("button", { name: "接受" }).click();
    await provider.page.getByText("您已接受这项匹配").waitFor();
    const contact = provider.page.getByRole("region", { name: "您在工会的联系人" });
    await contact.getByText("演示祥云帮扶干部").waitFor();
    await contact.getByText("caseworker@demo.xiangyun.invalid").waitFor();
    await contact.getByText("祥云县总工会").waitFor();
    const text = await provider.page.locator("#main").innerText();
    expect(text).not.toMatch(RESIDENT_ID);
    expect(text).not.toContain("身份证");
    await provider.context.close();
  }, 180_000);
});
