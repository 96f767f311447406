// Offers and matching on the demo data set, as the people involved do it in Chinese: the demo
// training school posts a course teaching the skill a published Xiangyun training need names; the
// county's caseworker finds it among the need's suggested offers, with the reasons, and proposes
// it; the school accepts it in its inbox (and sees the caseworker, never the household), then
// reports it done; the caseworker marks the need fulfilled from that match and the need leaves the
// site. And a course whose last day has gone is closed by the expiry job and suggested no more.
import type { Browser, Locator, Page } from "playwright-core";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { matchingToday } from "../../app/domain/matching/hard-rules";
import { expireOffers } from "../../app/domain/offers/expire-offers.server";
import { openDatabase } from "../../db/client.server";
import { acquireDataDirLock } from "../../db/data-dir-lock.server";
import { connectBrowser, openPage } from "./browser";
import { signInAs } from "./browser-sign-in";
import { migratedDataDir } from "./data-dir";
import type { ListedNeed } from "./demo-world";
import { RESIDENT_ID, publicNeeds } from "./demo-world";
import { startAppServer } from "./global-setup";

const SCHOOL = "provider-member@demo.xiangyun.invalid";
const CASEWORKER = "caseworker@demo.xiangyun.invalid";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

/** A published Xiangyun training need that names skills: a course teaching them fits it best. */
async function trainingNeed(baseUrl: string): Promise<ListedNeed> {
  const needs = await publicNeeds(baseUrl, { region: "532923", category: "training" });
  const need = needs.find((n) => n.status === "published" && n.skills.length > 0);
  if (!need) throw new Error("no published Xiangyun training need names a skill");
  return need;
}

interface Course {
  title: string;
  skills: string[];
  capacity: number;
  validUntil: string;
}

/** A course of the demo school teaching the need's skills, its title unique to this run. */
function courseFor(need: ListedNeed, validUntil: string): Course {
  return { title: `${need.skills.join("、")}实操培训班 ${randomBytes(2).toString("hex")}`, skills: need.skills, capacity: 15, validUntil };
}

/** The school's member posts the course at /organisation/offers/new; returns its reference. */
async function postCourse(page: Page, course: Course): Promise<string> {
  await page.goto("/organisation/offers/new");
  await page.getByLabel("资源类型").selectOption({ label: "培训课程" });
  await page.getByLabel("帮扶类别").selectOption({ label: "技能培训" });
  await page.getByLabel("标题").fill(course.title);
  await page.getByLabel("说明").fill(`${course.skills.join("、")}小班培训，边学边练，结业考核合格后推荐就业。`);
  await page.getByLabel("所需或所教技能").fill(course.skills.join("、"));
  // The region tree opens on the school's province with its county ticked; the course also takes
  // learners from the next county.
  const regions = page.getByRole("group", { name: "覆盖地区" });
  expect(await regions.getByLabel("省份").inputValue()).toBe("53");
  expect(await regions.getByRole("checkbox", { name: "祥云县", exact: true }).isChecked()).toBe(true);
  await regions.getByRole("checkbox", { name: "弥渡县", exact: true }).check();
  await page.getByLabel("名额").fill(String(course.capacity));
  await page.getByLabel("截止日期").fill(course.validUntil);
  await page.getByLabel("时间安排").fill("每周六、周日全天");
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await page.waitForURL(/\/organisation\/offers\/O-[A-Z0-9]{7}\?done=published/);
  await page.getByText("资源已发布。").waitFor();
  return /\/organisation\/offers\/(O-[A-Z0-9]{7})/.exec(page.url())?.[1] ?? "";
}

/** The need's staff page, reloaded until the engine suggests the course (the outbox worker indexes it within moments); returns its row. */
async function suggestedCourse(page: Page, needRef: string, title: string): Promise<Locator> {
  const suggestions = page.getByRole("region", { name: "推荐的资源" });
  const link = page.getByRole("link", { name: title, exact: true });
  await expect
    .poll(
      async () => {
        await page.goto(`/staff/needs/${needRef}`);
        return suggestions.getByRole("link", { name: title, exact: true }).count();
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toBe(1);
  return suggestions.getByRole("listitem").filter({ has: link });
}

/** A server of the test's own on `env`'s DATA_DIR while `fn` runs; stopped (its DATA_DIR free) afterwards. */
async function onServer<T>(env: NodeJS.ProcessEnv, fn: (baseUrl: string) => Promise<T>): Promise<T> {
  const server = await startAppServer(env);
  try {
    return await fn(server.baseUrl);
  } finally {
    await server.stop();
  }
}

describe("a course posted by a training school", () => {
  it("is suggested for a need, proposed by the caseworker, accepted and fulfilled by the school, and the need is fulfilled", async () => {
    const need = await trainingNeed(inject("baseUrl"));
    const course = courseFor(need, "2031-06-30");
    const message = "这位职工周末有空，请按周末班安排。报名事宜请与我联系。";
    const outcome = "学员已参加全部课程并通过结业考核，已推荐到本地企业面试。";

    const school = await openPage(browser, { locale: "zh-CN" });
    await signInAs(school.page, SCHOOL, { from: "/organisation" });
    const offerRef = await postCourse(school.page, course);
    expect(offerRef).toMatch(/^O-/);
    await school.context.close();

    // The caseworker sees the course among the suggested offers, with why, and proposes it.
    const staff = await openPage(browser, { locale: "zh-CN" });
    await signInAs(staff.page, CASEWORKER, { from: `/staff/needs/${need.ref}` });
    const suggestion = await suggestedCourse(staff.page, need.ref, course.title);
    const reasons = await suggestion.getByRole("list", { name: "推荐理由" }).getByRole("listitem").allTextContents();
    expect(reasons).toContain(`技能相符：${need.skills.join("、")}`);
    expect(reasons).toContain("覆盖祥云县");
    expect(reasons).toContain(`名额剩余 ${course.capacity}`);
    const propose = suggestion.getByRole("form", { name: `推荐: ${course.title}` });
    await propose.getByText("给资源方的留言（选填）", { exact: true }).first().click();
    await propose.getByLabel("给资源方的留言（选填）").fill(message);
    await propose.getByRole("button", { name: "推荐", exact: true }).click();
    await staff.page.getByText("已将这项资源推荐给资源方。").waitFor();
    const needMatches = staff.page.getByRole("region", { name: "这项需求的匹配" });
    const match = needMatches.getByRole("listitem").filter({ has: staff.page.getByRole("link", { name: course.title, exact: true }) });
    await match.getByText("已推荐给资源方", { exact: true }).waitFor();
    // Proposed, the course has left the suggestions: it is in play with this need.
    expect(await staff.page.getByRole("region", { name: "推荐的资源" }).getByRole("link", { name: course.title, exact: true }).count()).toBe(0);

    // The school finds the proposal in its inbox and accepts it: the caseworker is its contact.
    const provider = await openPage(browser, { locale: "zh-CN" });
    await signInAs(provider.page, SCHOOL, { from: "/organisation/matches" });
    await provider.page.waitForURL(/\/organisation\/matches$/);
    const waiting = provider.page.getByRole("region", { name: /等待您答复/ });
    await waiting.getByRole("article", { name: need.title }).filter({ hasText: course.title }).getByRole("link", { name: need.title }).click();
    await provider.page.waitForURL(/\/organisation\/matches\/M-/);
    await provider.page.getByRole("region", { name: "工会的留言" }).getByText(message).waitFor();
    const contact = provider.page.getByRole("region", { name: "您在工会的联系人" });
    expect(await contact.count()).toBe(0);
    await provider.page.getByRole("button", { name: "接受", exact: true }).click();
    await provider.page.getByText("您已接受这项匹配").waitFor();
    await contact.getByText("演示祥云帮扶干部").waitFor();
    await contact.getByText(CASEWORKER).waitFor();
    await contact.getByText("祥云县总工会").waitFor();
    expect(await provider.page.getByText(`${course.capacity - 1} / ${course.capacity}`).count()).toBe(1);
    const seen = await provider.page.getByRole("main").innerText();
    expect(seen).not.toMatch(RESIDENT_ID);
    expect(seen).not.toContain("身份证");

    // The course ran: the school says how it went.
    await provider.page.getByLabel("结果说明").fill(outcome);
    await provider.page.getByRole("button", { name: "标记为已完成", exact: true }).click();
    await provider.page.getByText("已标记为完成，谢谢！").waitFor();
    await provider.page.getByText(outcome, { exact: true }).first().waitFor();
    await provider.context.close();

    // The caseworker reads the outcome and marks the need fulfilled from that match.
    await staff.page.goto(`/staff/needs/${need.ref}`);
    await match.getByText(`结果：${outcome}`).waitFor();
    await match.getByRole("button", { name: "标记需求已完成" }).click();
    await staff.page.getByText("这项需求已标记为完成。").waitFor();
    await staff.page.getByText(new RegExp(`^${need.ref} · .+ · 已完成$`)).waitFor();
    await staff.context.close();

    // A fulfilled need is off the site: its page and its API answer are gone.
    const visitor = await openPage(browser, { locale: "zh-CN" });
    expect((await visitor.page.goto(`/needs/${need.ref}`))?.status()).toBe(404);
    await visitor.page.getByRole("heading", { name: "页面不存在" }).waitFor();
    expect((await fetch(new URL(`/api/v1/needs/${need.ref}`, inject("baseUrl")))).status).toBe(404);
    await visitor.context.close();
  }, 240_000);
});

describe("a course whose last day has gone", () => {
  it("is closed by the expiry job and no longer suggested for a need it was suggested for", async () => {
    // A server of its own: the expiry job runs on the day after the course's last day, and the
    // server started again finds the course closed.
    const dataDir = migratedDataDir("xiangyun-e2e-expiry-");
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", SEED_DEMO: "true", TRUST_PROXY: "loopback" };
    const today = matchingToday();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    try {
      const { need, course, offerRef } = await onServer(env, async (baseUrl) => {
        const need = await trainingNeed(baseUrl);
        // Its last day is today: listed and suggested until the day ends.
        const course = courseFor(need, today);
        const school = await openPage(browser, { locale: "zh-CN", baseUrl });
        await signInAs(school.page, SCHOOL, { from: "/organisation" });
        const offerRef = await postCourse(school.page, course);
        await school.context.close();

        const staff = await openPage(browser, { locale: "zh-CN", baseUrl });
        await signInAs(staff.page, CASEWORKER, { from: `/staff/needs/${need.ref}` });
        await suggestedCourse(staff.page, need.ref, course.title);
        await staff.context.close();
        return { need, course, offerRef };
      });

      // The next day's run of the expiry job closes the course (and nothing else of the demo).
      const release = acquireDataDirLock(dataDir, "matching journey: expiry");
      try {
        const handle = await openDatabase({ driver: "pglite", dataDir: join(dataDir, "pglite") });
        try {
          expect(await expireOffers(handle.db, tomorrow)).toEqual([offerRef]);
        } finally {
          await handle.close();
        }
      } finally {
        release();
      }

      await onServer(env, async (baseUrl) => {
        const staff = await openPage(browser, { locale: "zh-CN", baseUrl });
        await signInAs(staff.page, CASEWORKER, { from: `/staff/needs/${need.ref}` });
        await staff.page.waitForURL(new RegExp(`/staff/needs/${need.ref}$`));
        const suggestions = staff.page.getByRole("region", { name: "推荐的资源" });
        // The engine answered (other offers are suggested), and the course is not among them.
        await suggestions.getByRole("list", { name: "推荐理由" }).first().waitFor();
        expect(await suggestions.getByRole("link", { name: course.title, exact: true }).count()).toBe(0);
        // Its page stays, saying it is closed.
        const api = (await (await fetch(new URL(`/api/v1/offers/${offerRef}`, baseUrl))).json()) as { data: { status: string } };
        expect(api.data.status).toBe("closed");
        await staff.context.close();
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 360_000);
});
