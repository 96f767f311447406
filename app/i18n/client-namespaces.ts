// Namespaces other than `common` are loaded on demand in the browser. A route that uses one
// exports `clientLoader = withNamespaces("auth")`: on client-side navigation its messages are
// there before it renders (on the first load entry.client has loaded them before hydration).
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import i18next from "i18next";

export function withNamespaces(...namespaces: string[]) {
  return async ({ serverLoader }: ClientLoaderFunctionArgs) => {
    await i18next.loadNamespaces(namespaces);
    return serverLoader();
  };
}
