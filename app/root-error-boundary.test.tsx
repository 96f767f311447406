// The root error boundary as a page without JavaScript shows it: each status in its own words, in
// both languages, and a DomainError's own message when the answer carries one.
import { createInstance } from "i18next";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { forbidden, notFound } from "./domain/errors/domain-error";
import { i18nConfig } from "./i18n/config";
import { i18nServer } from "./i18n/i18next.server";
import { ALL_NAMESPACES, allResources } from "./i18n/resources.server";
import { ErrorBoundary } from "./root";
import { pageResponseFor } from "../server/domain-error-pages.server";

async function errorPage(thrown: () => Response, lng: "en" | "zh-CN" = "en"): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng, ns: [...ALL_NAMESPACES], resources: allResources });
  const handler = createStaticHandler([
    {
      path: "/",
      loader: () => {
        throw thrown();
      },
      element: <p>page</p>,
      errorElement: <ErrorBoundary />,
    },
  ]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected response");
  const html = renderToString(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
    </I18nextProvider>,
  );
  return html.replace(/<!-- -->/g, "");
}

const text = (status: number, body = "") => () => new Response(body, { status });

describe("the error page", () => {
  it("tells a signed-in person without the role that they have no access (403), not that an error was logged", async () => {
    const page = await errorPage(text(403, "Forbidden"));
    expect(page).toContain("You do not have access to this page.");
    expect(page).not.toContain("The error has been logged");
    expect(await errorPage(text(403), "zh-CN")).toContain("您无权访问此页面");
  });

  it("gives 400, 404, 409 and 429 their own words and keeps 'logged' for 500", async () => {
    expect(await errorPage(text(400))).toContain("Something in the request was not valid");
    expect(await errorPage(text(404))).toContain("We could not find that page");
    expect(await errorPage(text(409))).toContain("Reload the page to see what changed");
    expect(await errorPage(text(429))).toContain("too many attempts");
    expect(await errorPage(text(500))).toContain("The error has been logged");
    expect(await errorPage(text(429), "zh-CN")).toContain("尝试次数过多");
  });

  it("shows a domain error's own message in the page's language", async () => {
    const zh = await i18nServer.getFixedT("zh-CN");
    const en = await i18nServer.getFixedT("en");
    const page = await errorPage(() => pageResponseFor(notFound("caseNotFound", "No such household in your region."), zh), "zh-CN");
    expect(page).toContain("404");
    expect(page).toContain("您所在地区没有这个困难家庭。");
    expect(await errorPage(() => pageResponseFor(forbidden(), en))).toContain("You do not have access to this page.");
  });
});
