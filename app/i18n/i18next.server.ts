import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, i18nConfig } from "./config";
import { ALL_NAMESPACES, allResources } from "./resources.server";

/** The visitor's chosen language, remembered for a year. Not secret, so readable by no script is fine. */
export const localeCookie = createCookie("lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** Picks the language: the cookie first, then Accept-Language, then Chinese. */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nConfig, ns: [...ALL_NAMESPACES], resources: allResources },
});
