// /staff/reports and /staff/reports/summary rendered through Remix's own request handler (the app
// built in memory) on the hand-counted region of tests/report-fixture.ts: the figures one can count
// by hand, drilling down with the period kept, another county refused, a bad period answered with
// its error and the default report, finance staff shown the money only, and the links into it.
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import type { TestUser } from "../../tests/accounts";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { createTestLoadContext } from "../../tests/load-context";
import type { ReportWorld } from "../../tests/report-fixture";
import { reportCipher, seedReportWorld } from "../../tests/report-fixture";
import type { LoadedServerBuild } from "../../tests/server-build";
import { loadServerBuild } from "../../tests/server-build";
import { withDomainErrorPages } from "../../server/domain-error-pages.server";
import { chinaToday, defaultReportPeriod } from "../domain/reports/report-period";

let handle: DatabaseHandle;
let loaded: LoadedServerBuild;
let build: ServerBuild;
let context: AppLoadContext;
let world: ReportWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher: reportCipher });
  world = await seedReportWorld(handle);
  loaded = await loadServerBuild();
  build = withDomainErrorPages(loaded.build);
}, 180_000);
afterAll(async () => {
  await loaded?.close();
  await handle?.close();
});

async function page(url: string, user: TestUser, lng = "en"): Promise<{ status: number; html: string }> {
  const request = userRequest(url, { cookie: user.cookie });
  request.headers.set("X-Forwarded-Host", "localhost:3000");
  request.headers.set("Accept-Language", lng);
  const response = await createRequestHandler(build, "production")(request, context);
  return { status: response.status, html: (await response.text()).replace(/<!-- -->/g, "").replaceAll("&amp;", "&") };
}

// The fixture's money and moves are all dated today: a period from January 1st holds them all.
const today = () => chinaToday(new Date());
const thisYear = () => ({ from: `${today().slice(0, 4)}-01-01`, to: today() });
const query = (period: { from: string; to: string }, region: string) => `from=${period.from}&to=${period.to}&region=${region}`;
/** The text of a table's row by its header cell, cells separated by "|". */
function rowText(html: string, header: string): string {
  const at = html.indexOf(`>${header}<`);
  if (at < 0) return "";
  const row = html.slice(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
  return [...row.matchAll(/<t[hd][^>]*>(?:<a[^>]*>)?([^<]*)/g)].map((m) => m[1]).join("|");
}
// A message missing from the namespace shows as its key.
const missingKey = /[>"]reports:?[.a-zA-Z-]+\.[a-zA-Z-]+[<"]/;

describe("/staff/reports", () => {
  it("shows a caseworker their county's figures, as counted by hand, with the downloads for the same query", async () => {
    const period = thisYear();
    const { status, html } = await page(`/staff/reports?${query(period, "532923")}`, world.users.xyCaseworker);
    expect(status).toBe(200);
    expect(html).toContain("Report for Xiangyun County");
    expect(html).not.toMatch(missingKey);
    expect(rowText(html, "Exited (monitored)")).toBe("Exited (monitored)|1");
    expect(rowText(html, "Severe hardship")).toMatch(/\|1$/);
    // Registrations, exits and relapses this period; the waits of the needs published in it.
    expect(html).toMatch(/Registered in the period<\/dt><dd[^>]*>4</);
    expect(html).toMatch(/Exits in the period<\/dt><dd[^>]*>2</);
    expect(html).toMatch(/Relapses in the period<\/dt><dd[^>]*>1</);
    expect(rowText(html, "Median days from publication to the first match")).toBe("Median days from publication to the first match|7 days");
    expect(rowText(html, "Median days from publication to fulfilment")).toBe("Median days from publication to fulfilment|10 days");
    expect(rowText(html, "Employer")).toBe(`Employer|0|0|0|0|0|1|0|1`);
    expect(rowText(html, "Donations")).toBe("Donations|¥300");
    expect(html).toMatch(/Money received<\/dt><dd[^>]*>¥1,300</);
    expect(html).toMatch(/Allocated to needs<\/dt><dd[^>]*>¥200</);
    expect(html).toMatch(/Paid to providers<\/dt><dd[^>]*>¥150</);
    expect(html).toContain("Xiangyun County has no regions below it.");
    expect(html).toContain(`href="/staff/reports.xlsx?${query(period, "532923")}"`);
    for (const table of ["households-status", "households-month", "needs-waits", "matches-provider", "money-source", "money-month", "money-category"]) {
      expect(html).toContain(`href="/staff/reports.csv?table=${table}&${query(period, "532923")}"`);
    }
    expect(html).toContain(`href="/staff/reports/summary?${query(period, "532923")}"`);
    // Charts are SVG with a title and a description, drawn on the server.
    expect(html).toMatch(/<svg role="img" aria-labelledby="households-status-chart-title households-status-chart-desc"/);
    expect(html).toContain("Bar chart, Money received by source: Government ¥1,000, Union funds ¥0, Donations ¥300.");
    for (const name of world.householdNames) expect(html).not.toContain(name);
  });

  it("shows a prefecture its counties, each linking to its own report for the same period", async () => {
    const period = thisYear();
    const { status, html } = await page(`/staff/reports?from=${period.from}&to=${period.to}`, world.users.daliAuditor);
    expect(status).toBe(200);
    expect(html).toContain("Report for Dali Bai Autonomous Prefecture");
    expect(html).toMatch(new RegExp(`<a [^>]*href="/staff/reports\\?${query(period, "532923")}"[^>]*>Xiangyun County</a>`));
    expect(rowText(html, "Xiangyun County")).toBe("Xiangyun County|4|4|2|1|3|1|2|1|¥1,300|¥150");
    expect(rowText(html, "Binchuan County")).toBe("Binchuan County|1|1|0|0|1|0|1|0|¥500|¥0");

    const county = await page(`/staff/reports?${query(period, "532924")}`, world.users.daliAuditor);
    expect(county.status).toBe(200);
    // The way back up keeps the period too.
    expect(county.html).toContain(`href="/staff/reports?${query(period, "5329")}"`);
    expect(county.html).toMatch(/Money received<\/dt><dd[^>]*>¥500</);
  });

  it("refuses a county's caseworker the county next door", async () => {
    const { status, html } = await page(`/staff/reports?${query(thisYear(), "532923")}`, world.users.bcCaseworker);
    expect(status).toBe(403);
    expect(html).not.toContain("¥1,300");
  });

  it("says what is wrong with a bad period and shows the default period's report", async () => {
    const fallback = defaultReportPeriod(new Date());
    const bad = await page("/staff/reports?from=2026-02-30&to=2026-03-01", world.users.xyCaseworker);
    expect(bad.status).toBe(200);
    expect(bad.html).toContain("Enter each day as year-month-day, such as 2026-01-31.");
    expect(bad.html).toContain("The report below is for the default period instead");
    expect(bad.html).toMatch(/Money received<\/dt><dd[^>]*>¥1,300</);
    expect(bad.html).toContain(`href="/staff/reports/summary?${query(fallback, "532923")}"`);
    const reversed = await page("/staff/reports?from=2026-06-01&to=2026-01-01", world.users.xyCaseworker);
    expect(reversed.html).toContain("The first day comes after the last day.");
  });

  it("shows finance staff the money only, with no downloads, and refuses providers", async () => {
    const { status, html } = await page("/staff/reports", world.users.xyFinanceOnly);
    expect(status).toBe(200);
    expect(html).toMatch(/Money received<\/dt><dd[^>]*>¥1,300</);
    expect(html).toContain('id="money"');
    for (const hidden of ['id="households"', 'id="needs"', 'id="matches"', "Households by status", "/staff/reports.csv", "/staff/reports.xlsx"]) expect(html).not.toContain(hidden);
    expect((await page("/staff/reports", world.users.employer)).status).toBe(403);
  });

  it("is in Chinese for a Chinese reader", async () => {
    const { html } = await page("/staff/reports", world.users.xyCaseworker, "zh-CN");
    expect(html).toContain("祥云县统计报表");
    expect(html).toContain("家庭·按状态");
    expect(html).toContain("7 天");
    expect(html).not.toMatch(missingKey);
  });
});

describe("/staff/reports/summary", () => {
  it("puts the headline figures and the regions on one page with the region, period and when it was made", async () => {
    const period = thisYear();
    const { status, html } = await page(`/staff/reports/summary?from=${period.from}&to=${period.to}`, world.users.daliAuditor);
    expect(status).toBe(200);
    expect(html).toContain("Summary report for Dali Bai Autonomous Prefecture");
    expect(html).toMatch(/report-summary[^"]*\.css/);
    expect(html).toContain("Produced");
    expect(html).toMatch(/\(registered by the end of the period\)<\/span><\/dt><dd[^>]*>5</);
    expect(html).toMatch(/Exited \(monitored\)<\/dt><dd[^>]*>1</);
    expect(html).toMatch(/Received from Donations<\/dt><dd[^>]*>¥300</);
    expect(html).toMatch(/Matches fulfilled<\/dt><dd[^>]*>1</);
    expect(rowText(html, "Xiangyun County")).toBe("Xiangyun County|4|4|2|1|3|1|2|1|¥1,300|¥150");
    // Without JavaScript the page says how to print; the button comes with it.
    expect(html).toContain("Print command (Ctrl+P, or ⌘P on a Mac)");
    expect(html).not.toContain("/staff/reports.csv");
  });

  it("gives finance staff the money summary and refuses providers", async () => {
    const finance = await page("/staff/reports/summary", world.users.xyFinanceOnly);
    expect(finance.status).toBe(200);
    expect(finance.html).toMatch(/Money received<\/dt><dd[^>]*>¥1,300</);
    expect(finance.html).not.toContain("registered by the end of the period");
    expect((await page("/staff/reports/summary", world.users.charity)).status).toBe(403);
  });
});

describe("the way in", () => {
  it("is in the staff menu and on the dashboard for those who read reports, and on the finance workspace as the money report", async () => {
    const home = await page("/staff", world.users.xyCaseworker);
    expect(home.html).toMatch(/<a[^>]*href="\/staff\/reports"[^>]*>Reports</);
    expect(home.html).toContain("Households, needs, matches and money of your region");
    const finance = await page("/staff/finance", world.users.xyFinanceOnly);
    expect(finance.html).toContain('href="/staff/reports#money"');
  });
});
