// The case journeys on the demo data set, as the people involved do them in Chinese:
// a worker applies online and a Xiangyun caseworker accepts the application into a case; a
// caseworker registers a household, writes a need with a phone number in it, is stopped by the
// PII guard, fixes it, publishes, finds it in search — and withdrawing consent takes it off the
// page, the API and the index at once.
import type { Browser, Page } from "playwright-core";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { fakeResidentId } from "../factories";
import { connectBrowser, hydrated, openPage } from "./browser";
import { signInAs } from "./browser-sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

// Identities unique to this run (the demo data set uses other sequence numbers).
const run = Number.parseInt(randomBytes(2).toString("hex"), 16);
const residentId = (k: number) => fakeResidentId(600_000 + ((run * 7 + k) % 60_000));
const phone = (k: number) => `1990007${String((run * 3 + k) % 10_000).padStart(4, "0")}`;

async function fillHousehold(page: Page, options: { address: string; birthYear?: string }) {
  await page.getByLabel("住址").fill(options.address);
  if (options.birthYear) await page.getByLabel("出生年份").fill(options.birthYear);
  await page.getByRole("radio", { name: "男" }).check();
  await page.getByLabel("所在县（区）").selectOption("532923");
  await page.getByLabel("家庭人口（人）").fill("3");
  await page.getByLabel("家庭月人均收入（元）").fill("650");
  await page.getByRole("checkbox", { name: "残疾" }).check();
  await page.getByRole("radio", { name: "一般困难" }).check();
}

describe("an online application", () => {
  it("is sent from a phone, accepted by the county's caseworker into a prefilled case, and its status says so", async () => {
    const id = residentId(1);
    const mobile = phone(1);
    const applicant = await openPage(browser, { locale: "zh-CN", width: 390 });
    const { page } = applicant;
    await page.goto("/apply");
    // The county list follows the province only once React handles the page's events (a change
    // made before it has hydrated is lost, and typing during the hydration can end it).
    await hydrated(page.getByLabel("省份"));
    await page.getByLabel("姓名").fill("测试申请人");
    await page.getByLabel("居民身份证号码").fill(id);
    await page.getByLabel("手机号码").fill(mobile);
    await page.getByLabel("省份").selectOption({ label: "云南省" });
    const county = page.getByLabel("县（区）", { exact: true });
    await expect.poll(async () => (await county.locator("option").allTextContents()).some((t) => t.includes("祥云县"))).toBe(true);
    await county.selectOption("532923");
    await page.getByLabel("发生了什么事？").fill("在工地摔伤了腿，三个月不能干重活，家里没有收入。");
    await page.getByLabel("需要什么帮助？").fill("一份能坐着做的工作。");
    await page.getByRole("checkbox", { name: "我同意工会使用以上信息为我提供帮扶。" }).check();
    await page.getByRole("button", { name: "提交给工会" }).click();
    await page.waitForURL(/\/apply\/submitted/);
    const number = (await page.getByText(/A-[A-Z0-9]{7}/).first().textContent())?.match(/A-[A-Z0-9]{7}/)?.[0] ?? "";
    expect(number).toMatch(/^A-/);

    const staff = await openPage(browser, { locale: "zh-CN" });
    await signInAs(staff.page, "caseworker@demo.xiangyun.invalid", { from: "/staff/applications" });
    await staff.page.waitForURL(/\/staff\/applications/);
    await staff.page.getByRole("link", { name: number }).click();
    await staff.page.getByRole("link", { name: "根据这份申请建档" }).click();
    await staff.page.waitForURL(/\/staff\/cases\/new\?application=/);
    expect(await staff.page.getByLabel("姓名").inputValue()).toBe("测试申请人");
    await fillHousehold(staff.page, { address: `测试路 ${run} 号`, birthYear: id.slice(6, 10) });
    await staff.page.getByRole("button", { name: "登记家庭" }).click();
    await staff.page.getByText("家庭已登记。").waitFor();
    await staff.context.close();

    await page.goto("/apply/status");
    await page.getByLabel("申请编号").fill(number);
    await page.getByLabel("手机号码").fill(mobile);
    await page.getByRole("button", { name: "查询" }).click();
    await page.getByText("已受理").first().waitFor();
    await applicant.context.close();
  });
});

describe("a need", () => {
  it("with the household's phone number is blocked and marked, published once fixed, and gone everywhere when consent is withdrawn", async () => {
    const mobile = phone(2);
    const word = `仓储${randomBytes(3).toString("hex")}`;
    const { context, page } = await openPage(browser, { locale: "zh-CN" });
    await signInAs(page, "caseworker@demo.xiangyun.invalid", { from: "/staff/cases/new" });
    await page.waitForURL(/\/staff\/cases\/new/);
    await page.getByLabel("姓名").fill("测试旅程户主");
    const id = residentId(2);
    await page.getByLabel("身份证号").fill(id);
    await page.getByLabel("手机号码").fill(mobile);
    await fillHousehold(page, { address: `测试路 ${run + 1} 号`, birthYear: id.slice(6, 10) });
    await page.getByRole("button", { name: "登记家庭" }).click();
    await page.getByText("家庭已登记。").waitFor();

    await page.getByRole("button", { name: "标记为已核实" }).click();
    await page.getByText("状态已更改。").waitFor();
    await page.getByLabel("同意日期").fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("checkbox", { name: "发布匿名需求" }).check();
    await page.getByLabel("见证人").fill("测试见证干部");
    await page.getByRole("button", { name: "记录同意" }).click();
    await page.getByText("同意已记录。").waitFor();

    await page.getByRole("link", { name: "为该家庭添加一项需求" }).click();
    await page.waitForURL(/\/needs\/new/);
    await page.getByLabel("类别").selectOption("job");
    await page.getByLabel("标题").fill(`想找${word}的工作`);
    await page.getByLabel("情况说明").fill(`腿伤后不能久站，想找仓库里能坐着做的活。联系电话 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}。`);
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.waitForURL(/\/staff\/needs\/N-[A-Z0-9]{7}\/edit/);
    const ref = /N-[A-Z0-9]{7}/.exec(page.url())?.[0] ?? "";

    await page.getByRole("button", { name: "发布", exact: true }).click();
    await page.getByText("隐私检查在").first().waitFor();
    const marked = await page.locator("mark").allTextContents();
    expect(marked.join(" ")).toContain(mobile.slice(7));
    expect((await fetch(new URL(`/api/v1/needs/${ref}`, inject("baseUrl")))).status).toBe(404);

    await page.getByLabel("情况说明").fill("腿伤后不能久站，想找仓库里能坐着做的活。");
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await page.getByText("已发布。").first().waitFor();

    const api = (path: string) => fetch(new URL(path, inject("baseUrl")));
    const searchFinds = async () => ((await (await api(`/api/v1/needs?q=${encodeURIComponent(word)}`)).json()) as { data: { ref: string }[] }).data.some((n) => n.ref === ref);
    await expect.poll(searchFinds, { timeout: 10_000 }).toBe(true);
    const visitor = await openPage(browser, { locale: "zh-CN" });
    await visitor.page.goto(`/needs?q=${encodeURIComponent(word)}`);
    await visitor.page.getByRole("link", { name: `想找${word}的工作` }).waitFor();

    await page.goto(page.url().replace(/\/staff\/needs\/.*$/, "/staff/needs/" + ref));
    await page.getByRole("link", { name: "返回档案" }).click();
    await page.getByRole("button", { name: "撤回同意并撤下全部需求" }).click();
    await page.getByText("同意已撤回").first().waitFor();

    expect((await visitor.page.goto(`/needs/${ref}`))?.status()).toBe(404);
    expect((await api(`/api/v1/needs/${ref}`)).status).toBe(404);
    await expect.poll(searchFinds, { timeout: 10_000 }).toBe(false);
    await visitor.context.close();
    await context.close();
  });
});
