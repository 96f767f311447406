// The page's language and a translator for it, chosen the same way as the root loader chooses
// (cookie, then Accept-Language), so titles match the rendered page. Translators are built once per
// language: building one is an i18next instance with every namespace, too much for every loader.
import type { TFunction } from "i18next";
import type { Locale } from "./config";
import { DEFAULT_LOCALE, isLocale } from "./config";
import { i18nServer } from "./i18next.server";

const translators = new Map<Locale, Promise<TFunction>>();

export async function getPageLocale(request: Request) {
  const detected = await i18nServer.getLocale(request);
  const locale: Locale = isLocale(detected) ? detected : DEFAULT_LOCALE;
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = i18nServer.getFixedT(locale)));
  return { locale, t: await t };
}
