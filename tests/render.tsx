// Renders a component as the server does for a page, inside a router (for <Link>, <Form>) and with
// every message namespace in the given language, for tests of what a page without JavaScript shows.
import { createInstance } from "i18next";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { i18nConfig } from "../app/i18n/config";
import { ALL_NAMESPACES, allResources } from "../app/i18n/resources.server";

export async function renderPage(element: ReactNode, lng: "en" | "zh-CN" = "en"): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng, ns: [...ALL_NAMESPACES], resources: allResources });
  const handler = createStaticHandler([{ path: "/", element }]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}
