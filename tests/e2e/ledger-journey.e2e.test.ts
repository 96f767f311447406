// A yuan from pledge to provider, as the people involved click it in Chinese: a donor without an
// account pledges ¥300 (named, with a message) to a published Xiangyun tuition need and keeps the
// reference and tracking code; the union's finance officer finds the pledge among those awaiting
// money, records the transfer against it (straight into the need's fund, as the ledger does for a
// pledge to a need) and asks to pay a school from that fund; the page will not let them approve
// their own request, and a second finance officer approves it. The donor follows the money with the
// code (received, into the need's fund, paid to a school — never the payee's name) and opens the
// printable receipt; /transparency shows the charts, the donor's chosen name (never their contact),
// the chain head and the CSV; the need's page shows its progress without JavaScript.
// Other demo ledger data may be on the site: everything here is found by this run's own references.
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Money } from "../../app/domain/money/money";
import { compareMoney, money } from "../../app/domain/money/money";
import { DEMO_TOTP_SECRET } from "../../db/seed/demo-accounts.server";
import { connectBrowser, openPage } from "./browser";
import { signInAs } from "./browser-sign-in";
import type { ListedNeed } from "./demo-world";
import { publicNeeds } from "./demo-world";

const FINANCE = "finance@demo.xiangyun.invalid";
const APPROVER = "finance-approver@demo.xiangyun.invalid";
const UNION = "祥云县总工会";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

/** A published Xiangyun tuition need with a target: its page shows a progress bar. */
async function tuitionNeed(baseUrl: string): Promise<ListedNeed> {
  const needs = await publicNeeds(baseUrl, { region: "532923", category: "tuition" });
  const need = needs.find((n) => n.status === "published" && "targetAmount" in n && typeof n.targetAmount === "string");
  if (!need) throw new Error("no published Xiangyun tuition need");
  return need;
}

/** "¥6,300" or "¥300.00" as Money, for comparisons that hold whatever else the ledger holds. */
function yuan(text: string | null): Money {
  const amount = /¥\s?([\d,]+(\.\d{1,2})?)/.exec(text ?? "")?.[1];
  if (!amount) throw new Error(`no amount in "${text ?? ""}"`);
  return money(amount);
}

const atLeast = (text: string | null, floor: string) => compareMoney(yuan(text), money(floor)) >= 0;

/** Every field a person fills in on the page's main form has a label (an accessible name). */
async function unlabelledFields(page: Page): Promise<string[]> {
  return page
    .locator("main form")
    .last()
    .locator("input:not([type=hidden]), select, textarea")
    .evaluateAll((fields) =>
      fields.flatMap((field) => {
        if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement)) return [];
        return field.labels && field.labels.length > 0 && (field.labels[0]?.textContent ?? "").trim() ? [] : [field.name || field.id];
      }),
    );
}

/** The workspace's entry for one of this run's references, in one of its sections. */
function entryIn(page: Page, section: string, ref: string): Locator {
  return page.getByRole("region", { name: section, exact: true }).getByRole("listitem").filter({ hasText: ref });
}

interface Pledge {
  ref: string;
  code: string;
}

describe("a pledge to a need", () => {
  it("is received, paid to a school with a second officer's approval, and followed by the donor and the public", async () => {
    const need = await tuitionNeed(inject("baseUrl"));
    const run = randomBytes(3).toString("hex").toUpperCase();
    const donor = { name: `测试捐赠人${run}`, contact: `donor-${run.toLowerCase()}@example.invalid`, message: `祝孩子学业顺利（${run}）。` };
    const payment = { payee: `演示职业学院${run}`, purpose: `本学期学费（${run}）`, invoice: `INV-${run}`, bankReference: `E2E-${run}` };
    const contexts: BrowserContext[] = [];
    const open = async (options: Parameters<typeof openPage>[1] = {}) => {
      const opened = await openPage(browser, { locale: "zh-CN", ...options });
      contexts.push(opened.context);
      return opened.page;
    };
    try {
      // 1. The donor pledges from the need's page and keeps the reference and the code.
      const visitor = await open({ width: 390 });
      const pledge = await pledgeFor(visitor, need, donor);

      // 2. The finance officer finds the pledge among those awaiting money and records the transfer.
      const finance = await open();
      await signInAs(finance, FINANCE, { totpSecret: DEMO_TOTP_SECRET, from: "/staff" });
      await finance.getByRole("navigation").getByRole("link", { name: "财务", exact: true }).first().click();
      await finance.waitForURL(/\/staff\/finance$/);
      const awaiting = entryIn(finance, "等待到账的认捐", pledge.ref);
      await awaiting.waitFor();
      expect(await awaiting.textContent()).toContain(need.ref);
      expect(atLeast(await awaiting.textContent(), "300")).toBe(true);
      await awaiting.getByRole("link", { name: `为 ${pledge.ref} 登记收款` }).click();
      await finance.waitForURL(/\/staff\/finance\/receipts\/new\?pledge=/);
      await recordReceipt(finance, pledge.ref, payment.bankReference);
      await finance.getByRole("status").getByText("收款已登记。").waitFor();
      expect(await entryIn(finance, "等待到账的认捐", pledge.ref).count()).toBe(0);

      // 3. A receipt against a pledge to a need goes straight into the need's fund: nothing to allocate.
      const needFund = finance.getByRole("region", { name: "基金余额" }).getByRole("listitem").filter({ hasText: need.ref });
      expect(atLeast(await needFund.textContent(), "300")).toBe(true);
      await checkAllocationForm(finance, need.ref);
      const requestRef = await requestDisbursement(finance, need, payment);

      // 4. The requester is told another officer decides, and is offered no approve button.
      const own = entryIn(finance, "等待第二人审批的拨付", requestRef);
      await own.getByText("这是您提交的申请，须由另一位财务人员处理。").waitFor();
      expect(await own.getByRole("button").count()).toBe(0);
      // A hand-made approval of their own request is refused in words (403), and nothing is paid.
      const refused = await postDecision(finance, requestRef);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain("这笔拨付是您本人申请的，须由另一位财务人员批准或驳回。");
      await finance.reload();
      await entryIn(finance, "等待第二人审批的拨付", requestRef).waitFor();

      // 5. The second finance officer, in a browser of their own, approves and pays it.
      const approver = await open();
      await signInAs(approver, APPROVER, { totpSecret: DEMO_TOTP_SECRET, from: "/staff/finance" });
      await approver.waitForURL(/\/staff\/finance$/);
      const request = entryIn(approver, "等待第二人审批的拨付", requestRef);
      expect(await request.textContent()).toContain(payment.payee);
      expect(await request.textContent()).toMatch(/申请人:\s*演示祥云财务(?!复核)/);
      await request.getByRole("button", { name: `批准并支付 ${requestRef}` }).click();
      await approver.getByRole("status").getByText("拨付已批准并支付。").waitFor();
      expect(await entryIn(approver, "等待第二人审批的拨付", requestRef).count()).toBe(0);
      await approver.getByRole("region", { name: "最近的交易" }).getByRole("link", { name: /拨付$/ }).first().waitFor();

      // 6. The donor follows the money with the code, and opens the printable receipt.
      await followPledge(visitor, pledge, need, donor, payment);

      // 7. The public ledger and the need's page.
      const reader = await open();
      await checkTransparency(reader, donor, payment);
      const noScript = await open({ javaScript: false });
      await checkNeedProgress(noScript, need.ref);
    } finally {
      for (const context of contexts) await context.close();
    }
  }, 300_000);
});

/** The donor opens the need, pledges ¥300 under a chosen name with a contact and a message. */
async function pledgeFor(page: Page, need: ListedNeed, donor: { name: string; contact: string; message: string }): Promise<Pledge> {
  await page.goto(`/needs/${need.ref}`);
  await page.getByRole("link", { name: "认捐这项需求" }).click();
  await page.waitForURL(/\/give\?need=N-/);
  await page.getByText(`您的认捐归属${UNION}`).waitFor();
  await page.getByLabel("金额（元）").fill("300");
  await page.getByLabel("公开显示的名字").fill(donor.name);
  await page.getByLabel("联系方式（选填）").fill(donor.contact);
  await page.getByLabel("留言（选填）").fill(donor.message);
  await page.getByRole("button", { name: "认捐" }).click();
  await page.getByRole("heading", { name: "谢谢！您的认捐已记录" }).waitFor();
  const main = (await page.locator("main").textContent()) ?? "";
  const ref = /P-[2-9A-Z]{7}/.exec(main)?.[0];
  const code = /([0-9A-Z]{4}-){6}[0-9A-Z]{4}/.exec((await page.getByRole("region", { name: "您的查询码" }).textContent()) ?? "")?.[0];
  if (!ref || !code) throw new Error("no pledge reference or tracking code on the thank-you page");
  expect(main).toContain("¥300.00");
  expect(main).toContain(UNION);
  expect(main).toContain(need.title);
  return { ref, code };
}

/** The receipt form, reached from the pledge: the reference is filled in; the rest by keyboard. */
async function recordReceipt(page: Page, pledgeRef: string, bankReference: string) {
  await page.getByRole("heading", { name: "登记收款" }).waitFor();
  expect(await unlabelledFields(page)).toEqual([]);
  expect(await page.getByLabel("认捐编号").inputValue()).toBe(pledgeRef);
  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
  expect(await page.getByLabel("到账日期").inputValue()).toBe(today);
  await page.getByLabel("金额（元）").fill("300");
  await page.getByLabel("到账日期").fill(today);
  await page.getByLabel("方式").selectOption({ label: "银行转账" });
  // From the bank reference the keyboard reaches the memo next, and Enter sends the form.
  await page.getByLabel("银行流水号").fill(bankReference);
  await page.getByLabel("银行流水号").press("Tab");
  expect(await page.evaluate(() => (document.activeElement instanceof HTMLInputElement ? document.activeElement.name : ""))).toBe("memo");
  await page.keyboard.type("对公转账，附言为认捐编号");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/staff\/finance\?saved=receipt$/);
}

/** The allocation form is there for money in a general fund; each of its fields is labelled. */
async function checkAllocationForm(page: Page, needRef: string) {
  await page.goto(`/staff/finance/allocations/new?need=${needRef}`);
  await page.getByRole("heading", { name: "拨入需求" }).waitFor();
  expect(await unlabelledFields(page)).toEqual([]);
  expect(await page.getByLabel("需求编号").inputValue()).toBe(needRef);
  await page.goto("/staff/finance");
}

/** Asks to pay a school from the need's fund; returns the request's reference. */
async function requestDisbursement(page: Page, need: ListedNeed, payment: { payee: string; purpose: string; invoice: string }): Promise<string> {
  await page.getByRole("navigation", { name: "登记和调拨资金" }).getByRole("link", { name: "申请拨付" }).click();
  await page.getByRole("heading", { name: "申请拨付" }).waitFor();
  expect(await unlabelledFields(page)).toEqual([]);
  const fund = page.getByLabel("出款基金");
  const option = fund.locator("option", { hasText: `需求 ${need.ref}：` });
  expect(await option.textContent()).toContain(need.title);
  await fund.selectOption({ label: (await option.textContent()) ?? "" });
  await page.getByLabel("收款方（服务机构，绝不是职工本人）").fill(payment.payee);
  await page.getByLabel("服务机构类型").selectOption({ label: "学校" });
  await page.getByLabel("用途").fill(payment.purpose);
  await page.getByLabel("发票号").fill(payment.invoice);
  await page.getByLabel("金额（元）").fill("300");
  await page.getByRole("button", { name: "提交拨付申请" }).click();
  await page.waitForURL(/\/staff\/finance\?saved=request$/);
  await page.getByRole("status").getByText("拨付申请已提交，须由另一位财务人员批准。").waitFor();
  const entry = entryIn(page, "等待第二人审批的拨付", payment.invoice);
  const ref = /D-[0-9A-Z]{7}/.exec((await entry.textContent()) ?? "")?.[0];
  if (!ref) throw new Error("the request is not among those awaiting approval");
  expect(await entry.textContent()).toContain(need.ref);
  return ref;
}

/** The approve form's post, sent by hand from the requester's page (same origin, their cookies). */
async function postDecision(page: Page, ref: string): Promise<{ status: number; text: string }> {
  return page.evaluate(async (requestRef) => {
    const body = new FormData();
    body.set("ref", requestRef);
    body.set("intent", "approve");
    const response = await fetch("/staff/finance?index", { method: "POST", body });
    return { status: response.status, text: await response.text() };
  }, ref);
}

/** The tracking page: received, into the need's fund, paid to a school; then the receipt. */
async function followPledge(page: Page, pledge: Pledge, need: ListedNeed, donor: { name: string; contact: string }, payment: { payee: string; purpose: string; invoice: string; bankReference: string }) {
  await page.goto("/pledges/track");
  await page.getByLabel("查询码").fill(pledge.code);
  await page.getByRole("button", { name: "查看认捐" }).click();
  const journey = page.getByRole("article", { name: `认捐 ${pledge.ref}` });
  await journey.waitFor();
  expect(page.url()).not.toContain(pledge.code);
  const facts = journey.locator("dl").first();
  await facts.getByText("已到账", { exact: true }).waitFor();
  await facts.getByText(donor.name, { exact: true }).waitFor();
  // The money received against the pledge: the date, the method and the amount.
  const received = journey.getByRole("region", { name: "已收款项" });
  const row = received.getByRole("row").filter({ hasText: "银行转账" });
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toContain("¥300.00");
  // The need's fund: what it received (from this donor and others), and what it paid, by kind of provider.
  const fund = journey.getByRole("region", { name: "需求", exact: true });
  await fund.getByText(need.title).waitFor();
  const fundRow = async (term: string) => fund.locator("dl > div").filter({ has: page.getByText(term, { exact: true }) }).textContent();
  expect(atLeast(await fundRow("收到"), "300")).toBe(true);
  expect(atLeast(await fundRow("已付给服务机构"), "300")).toBe(true);
  const paid = fund.getByRole("listitem").filter({ hasText: "学校" }).filter({ hasText: "¥300.00" });
  expect(await paid.count()).toBeGreaterThanOrEqual(1);
  const seen = (await page.getByRole("main").innerText()) ?? "";
  for (const secret of [payment.payee, payment.purpose, payment.invoice, payment.bankReference, donor.contact]) expect(seen).not.toContain(secret);

  await journey.getByRole("button", { name: "可打印的收据" }).click();
  const receipt = page.getByRole("article", { name: "捐款收据" });
  await receipt.waitFor();
  expect(page.url()).not.toContain(pledge.code);
  const text = (await receipt.innerText()) ?? "";
  expect(text).toContain(pledge.ref);
  expect(text).toContain(donor.name);
  expect(text).toContain(need.title);
  expect(text).toContain(`由${UNION}记入祥云公开账本`);
  expect(await receipt.getByRole("row", { name: /累计收到/ }).textContent()).toContain("¥300.00");
  expect(text).not.toContain(donor.contact);
}

/** /transparency: the charts, the latest activity with the donor's name, the chain head, the CSV. */
async function checkTransparency(page: Page, donor: { name: string; contact: string; message: string }, payment: { payee: string; purpose: string; invoice: string }) {
  await page.goto("/transparency");
  await page.getByRole("heading", { level: 1, name: "善款去向" }).waitFor();
  for (const chart of ["按来源（近 12 个月）", "按月份"]) {
    const image = page.getByRole("img", { name: new RegExp(`^${chart.replace(/[()（）]/g, "\\$&")}`) });
    expect(await image.count()).toBe(1);
    expect(await image.locator("title").textContent()).toBe(chart);
    expect(((await image.locator("desc").textContent()) ?? "").length).toBeGreaterThan(0);
  }
  // The by-source chart says the donations it counts, this receipt among them.
  expect(atLeast(await page.getByRole("table", { name: "按来源（近 12 个月）" }).getByRole("row", { name: /社会捐赠/ }).textContent(), "300")).toBe(true);

  const activity = page.getByRole("table", { name: "最近的账本记录" });
  const donorRow = activity.getByRole("row").filter({ hasText: `来自 ${donor.name}` });
  expect(await donorRow.count()).toBe(1);
  expect(await donorRow.textContent()).toContain("收款");
  expect(await donorRow.textContent()).toContain("¥300");
  expect(await activity.getByRole("row").filter({ hasText: "付给服务机构" }).filter({ hasText: "学校" }).count()).toBeGreaterThanOrEqual(1);
  const everything = await page.getByRole("main").innerText();
  for (const secret of [donor.contact, donor.message, payment.payee, payment.purpose, payment.invoice]) expect(everything).not.toContain(secret);

  const chain = page.getByRole("region", { name: "链头" });
  expect(Number(await chain.locator("dd").first().textContent())).toBeGreaterThanOrEqual(2);
  expect(await chain.locator("dd").nth(1).textContent()).toMatch(/^[0-9a-f]{64}$/);

  const download = page.getByRole("link", { name: "下载全部明细（CSV）" });
  const href = await download.getAttribute("href");
  expect(href).toBe("/transparency.csv");
  const csv = await page.request.get(href ?? "");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  const body = await csv.text();
  expect(body).toContain(donor.name);
  expect(body).not.toContain(donor.contact);
  expect(body).not.toContain(payment.payee);
}

/** The need's page without JavaScript: a native progress bar and the three figures as text. */
async function checkNeedProgress(page: Page, needRef: string) {
  await page.goto(`/needs/${needRef}`);
  const funding = page.getByRole("region", { name: "筹款进度" });
  await funding.waitFor();
  const bar = funding.getByRole("progressbar");
  const label = await bar.getAttribute("id").then((id) => page.locator(`label[for="${id ?? ""}"]`).textContent());
  expect(await funding.getByRole("progressbar", { name: label ?? "" }).count()).toBe(1);
  expect(Number(await bar.getAttribute("value"))).toBeGreaterThan(0);
  expect(await bar.getAttribute("max")).toBe("100");
  const figure = async (term: string) => funding.locator("dl > div").filter({ has: page.getByText(term, { exact: true }) }).textContent();
  expect(atLeast(await figure("捐赠与拨款募得"), "300")).toBe(true);
  expect(await figure("综合基金划拨")).toMatch(/¥/);
  expect(atLeast(await figure("已付给服务机构"), "300")).toBe(true);
}
