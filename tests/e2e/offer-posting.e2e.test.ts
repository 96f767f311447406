// A verified training school's member posts a course covering 祥云县 on a phone and finds it in the
// public offers search; an offer past its end date leaves the search by itself: imported while
// still listed (the index holds it), it is gone once a server starts and runs the expiry job.
import type { Browser } from "playwright-core";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchingToday } from "../../app/domain/matching/hard-rules";
import { runCli } from "../cli";
import { connectBrowser, openPage } from "./browser";
import { signInAs } from "./browser-sign-in";
import { migratedDataDir } from "./data-dir";
import { startAppServer } from "./global-setup";

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(() => browser?.close());

describe("posting an offer", () => {
  it("is done on a phone by a verified training school's member, and the course is found in the offers search", async () => {
    const word = `挖掘机${randomBytes(2).toString("hex")}`;
    const title = `${word}操作培训班`;
    const { page, context } = await openPage(browser, { locale: "zh-CN", width: 390 });
    await signInAs(page, "provider-member@demo.xiangyun.invalid", { from: "/organisation" });
    await page.getByRole("link", { name: "我们的帮扶资源" }).click();
    await page.waitForURL(/\/organisation\/offers$/);
    await page.getByRole("link", { name: "发布资源" }).first().click();
    await page.waitForURL(/\/organisation\/offers\/new/);

    await page.getByLabel("资源类型").selectOption({ label: "培训课程" });
    await page.getByLabel("帮扶类别").selectOption({ label: "技能培训" });
    await page.getByLabel("说明").fill("两个月脱产培训，结业考核合格推荐到本地工地就业。");
    await page.getByLabel("所需或所教技能").fill("挖掘机、工程机械");
    // A new offer covers the school's own county until the member says otherwise.
    expect(await page.getByRole("checkbox", { name: "祥云县", exact: true }).isChecked()).toBe(true);
    await page.getByLabel("名额").fill("12");
    await page.getByLabel("截止日期").fill("2031-06-30");
    await page.getByLabel("时间安排").fill("每周一至周五");
    await page.getByLabel("可获证书").fill("挖掘机操作员证");
    // Without a title the form says so and keeps what was typed.
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await page.getByText("请填写标题。").waitFor();
    expect(await page.getByLabel("可获证书").inputValue()).toBe("挖掘机操作员证");
    await page.getByLabel("标题").fill(title);
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await page.waitForURL(/\/organisation\/offers\/O-[A-Z0-9]{7}\?done=published/);
    await page.getByText("资源已发布。").waitFor();
    const ref = /\/organisation\/offers\/(O-[A-Z0-9]{7})/.exec(page.url())?.[1] ?? "";

    // The outbox worker indexes it within moments.
    await expect
      .poll(
        async () => {
          await page.goto(`/offers?q=${encodeURIComponent(word)}&region=532923`);
          return page.getByRole("link", { name: title }).count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    await page.getByRole("link", { name: title }).click();
    await page.waitForURL(new RegExp(`/offers/${ref}$`));
    await page.getByText("挖掘机操作员证").waitFor();
    await page.getByText("祥云县").first().waitFor();
    await context.close();
  });
});

describe("an offer past its end date", () => {
  it("leaves the search once a server has started and run the expiry job", async () => {
    const dataDir = migratedDataDir("xiangyun-e2e-expiry-");
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", LOG_LEVEL: "warn", SEED_DEMO: "false" };
    const today = matchingToday();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const offer = (key: string, title: string, validUntil: string) => ({
      key,
      organisation: "school",
      category: "training",
      type: "course",
      title,
      description: "测试用的虚构课程。",
      skills: ["焊工"],
      regions: ["532923"],
      capacity: 10,
      validUntil,
    });
    const file = join(dataDir, "offers.json");
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        organisations: [{ key: "school", kind: "training", name: "测试焊工培训学校", region: "532923" }],
        offers: [offer("past", "过期焊工培训班", yesterday), offer("current", "当期焊工培训班", "2031-06-30")],
      }),
    );
    try {
      // The commands run in this process (tests/cli.ts) and release DATA_DIR before the server starts.
      const imported = await runCli(["import", file], env);
      expect(imported.code, imported.stderr).toBe(0);
      // Both are in the index now: the database lists both (the job has not run) and the index agrees.
      const checked = await runCli(["search-check"], env);
      expect(checked.code, checked.stdout + checked.stderr).toBe(0);

      const server = await startAppServer(env);
      try {
        const { baseUrl } = server;
        const { page, context } = await openPage(browser, { locale: "zh-CN" });
        await page.goto(`${baseUrl}/offers?q=${encodeURIComponent("焊工培训班")}`);
        await page.getByRole("link", { name: "当期焊工培训班" }).waitFor();
        expect(await page.getByRole("link", { name: "过期焊工培训班" }).count()).toBe(0);
        const api = (await (await fetch(`${baseUrl}/api/v1/offers?q=${encodeURIComponent("焊工")}`)).json()) as { data: { title: string }[] };
        expect(api.data.map((o) => o.title)).toEqual(["当期焊工培训班"]);
        await context.close();
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
