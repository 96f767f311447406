// The page's language and a translator for it, chosen the same way as the root loader chooses
// (cookie, then Accept-Language), so titles match the rendered page.
import type { Locale } from "./config";
import { DEFAULT_LOCALE, isLocale } from "./config";
import { i18nServer } from "./i18next.server";

export async function getPageLocale(request: Request) {
  const detected = await i18nServer.getLocale(request);
  const locale: Locale = isLocale(detected) ? detected : DEFAULT_LOCALE;
  return { locale, t: await i18nServer.getFixedT(locale) };
}
