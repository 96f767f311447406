// Discovery journeys on the demo data set: search in Chinese and English, drill down by region,
// filter by category, page through results, open a need — with JavaScript and without it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowser, hydrated, openPage } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

const cards = (page: Page) => page.getByRole("main").getByRole("article");
/** The announced result count ("95 条结果"); it changes once the new results are on the page. */
const resultCount = (page: Page) => page.locator("[aria-live=polite]").first().textContent();

/** Types into the search box and waits until the URL and the announced results both follow. */
async function typeSearch(page: Page, label: string, words: string) {
  const before = await resultCount(page);
  const box = page.getByLabel(label);
  // Typing before React has hydrated the box would change the text without a live search.
  await hydrated(box);
  await box.fill(words);
  await page.waitForURL((url) => url.searchParams.get("q") === words);
  await expect.poll(() => resultCount(page)).not.toBe(before);
}
const param = (page: Page, name: string) => new URL(page.url()).searchParams.getAll(name);

/** Marks the document; the mark survives client-side navigation and is lost on a full page load. */
async function markDocument(page: Page) {
  await page.evaluate(() => document.documentElement.setAttribute("data-e2e-mark", "kept"));
}
const isSameDocument = async (page: Page) => (await page.locator("html").getAttribute("data-e2e-mark")) === "kept";

describe("searching needs", () => {
  it("finds 水电工 needs for 电工 as you type, without a full page load", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN" });
    await page.goto("/needs");
    await markDocument(page);
    await typeSearch(page, "搜索帮扶需求", "电工");
    expect(await cards(page).count()).toBeGreaterThan(0);
    const text = (await cards(page).allTextContents()).join(" ");
    expect(text).toMatch(/电工|水电|electric/i);
    expect(await isSameDocument(page)).toBe(true);
    await context.close();
  });

  it("finds Chinese-tagged needs for an English word, in the English interface", async () => {
    // Typo tolerance is tested against the engine (search/search-language.server.test.ts): a
    // synonym applies to the word as typed, so "electrican" only finds English text.
    const { context, page } = await openPage(browser, { locale: "en" });
    await page.goto("/needs");
    await typeSearch(page, "Search needs", "electrician");
    expect(await cards(page).count()).toBeGreaterThan(0);
    expect((await cards(page).allTextContents()).join(" ")).toMatch(/电工|electric/i);
    await context.close();
  });

  it("drills down from the province to the prefecture and filters by category", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN" });
    await page.goto("/needs");
    await page.getByRole("list", { name: "全国的下一级地区" }).getByRole("link", { name: /云南省/ }).click();
    await page.waitForURL((url) => url.searchParams.get("region") === "53");
    await page.getByRole("list", { name: "云南省的下一级地区" }).getByRole("link", { name: /大理白族自治州/ }).click();
    await page.waitForURL((url) => url.searchParams.get("region") === "5329");
    await expect.poll(() => page.getByRole("navigation", { name: "当前地区" }).textContent()).toContain("大理白族自治州");
    await page.getByRole("checkbox", { name: "就业岗位" }).check();
    await page.waitForURL((url) => url.searchParams.getAll("category").includes("job"));
    await expect.poll(async () => (await cards(page).allTextContents()).every((card) => card.includes("就业岗位"))).toBe(true);
    expect(param(page, "region")).toEqual(["5329"]);
    await context.close();
  });

  it("pages through results and keeps the search", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN" });
    await page.goto("/needs?sort=urgent");
    const firstPage = await cards(page).first().textContent();
    await page.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "下一页" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    expect(param(page, "sort")).toEqual(["urgent"]);
    await expect.poll(() => cards(page).first().textContent()).not.toBe(firstPage);
    await context.close();
  });

  it("opens a need's page from the results, with similar needs", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN", width: 390 });
    await page.goto("/needs?q=学费");
    const link = cards(page).first().getByRole("heading").getByRole("link");
    const title = (await link.textContent())?.trim() ?? "";
    await link.click();
    await page.waitForURL(/\/needs\/N-/);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await context.close();
  });

  it("works without JavaScript: the form submits and the filters are links", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN", javaScript: false });
    await page.goto("/needs");
    await page.getByLabel("搜索帮扶需求").fill("助学");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "助学");
    expect(await cards(page).count()).toBeGreaterThan(0);
    await page.getByRole("list", { name: "全国的下一级地区" }).getByRole("link").first().click();
    await page.waitForURL((url) => url.searchParams.has("region"));
    expect(param(page, "q")).toEqual(["助学"]);
    await context.close();
  });
});

describe("searching offers", () => {
  it("filters offers by organisation kind", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN" });
    await page.goto("/offers");
    await page.getByRole("checkbox", { name: "政府部门" }).check();
    await page.waitForURL((url) => url.searchParams.getAll("kind").includes("government"));
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    await context.close();
  });
});
