// i18next works out the languages to look a key up in (the page's, then the fallback) on every t()
// call, and for a code with a region such as zh-CN that means Intl.getCanonicalLocales, about 6 µs:
// nearly half of what a t() costs, and a page of 20 need cards makes some 200 of them. The answer
// depends only on the code, so the render's instances keep it per supported language.
import type { i18n } from "i18next";
import { isLocale } from "./config";

/** Makes `instance` work out each supported language's lookup order once (its language utilities are i18next's documented `services`). */
export function rememberLanguageHierarchy(instance: i18n): void {
  const utils: { toResolveHierarchy: (code: unknown, fallbackCode?: unknown) => string[] } = instance.services.languageUtils;
  const workOut = utils.toResolveHierarchy.bind(utils);
  const known = new Map<string, readonly string[]>();
  utils.toResolveHierarchy = (code, fallbackCode) => {
    if (fallbackCode !== undefined || !isLocale(code)) return workOut(code, fallbackCode);
    let found = known.get(code);
    if (!found) known.set(code, (found = workOut(code)));
    // A copy: i18next keeps the list it is given as its `languages`.
    return [...found];
  };
}
