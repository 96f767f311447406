// The footer and the "need help yourself?" box as the server renders them, without JavaScript.
import { describe, expect, it } from "vitest";
import { renderPage } from "../../tests/render";
import { AskForHelp } from "./ask-for-help";
import { SiteFooter } from "./site-chrome";

const linksOf = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

describe("the site footer", () => {
  it("links asking for help, about, where the money goes, privacy, contact and the API, in English", async () => {
    const html = await renderPage(<SiteFooter />, "en");
    expect(html).toContain('aria-label="About this site"');
    expect(linksOf(html)).toEqual([
      ["/apply", "Ask the union for help"],
      ["/about", "About Xiangyun"],
      ["/transparency", "Where the money goes"],
      ["/privacy", "Privacy"],
      ["/contact", "Contact"],
      ["/api/v1/openapi.json", "Open data API (OpenAPI)"],
    ]);
  });

  it("and in Chinese", async () => {
    const html = await renderPage(<SiteFooter />, "zh-CN");
    expect(linksOf(html).map(([, text]) => text)).toEqual(["向工会申请帮扶", "关于祥云", "善款去向", "隐私说明", "联系我们", "开放数据接口（OpenAPI）"]);
  });
});

describe("the “need help yourself?” box", () => {
  it("leads to /apply", async () => {
    const html = await renderPage(<AskForHelp />, "en");
    expect(html).toContain("Need help yourself?");
    expect(linksOf(html)).toEqual([["/apply", "Ask the union for help"]]);
  });
});
